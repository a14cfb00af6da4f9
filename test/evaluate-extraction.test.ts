import { expect } from 'chai';
import { evaluate, loadLabels } from '../scripts/eval/evaluate-extraction.js';
import { SHARED_DATA } from './support/fixtures.js';

describe('extraction over the labelled judgments (npm run eval:extraction)', function () {
  this.timeout(300_000);
  it('meets the targets: jurisdiction and date on 95% of documents, offense and provision F1 0.9', async () => {
    const labels = loadLabels(undefined, SHARED_DATA);
    expect(labels.length).to.be.at.least(30);
    const ev = await evaluate(labels);
    const field = (name: string) => ev.fields.find((f) => f.field === name);
    const report = ev.results.filter((r) => r.errors.length).map((r) => `${r.id}: ${r.errors.join('; ')}`).join('\n');
    expect(field('jurisdiction')?.recall, report).to.be.at.least(0.95);
    expect(field('decisionDate')?.recall, report).to.be.at.least(0.95);
    expect(field('offenses')?.f1, report).to.be.at.least(0.9);
    expect(field('provisions')?.f1, report).to.be.at.least(0.9);
  });
});
