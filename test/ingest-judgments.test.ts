import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { ROOT } from '../engine/config.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { runIndex } from '../indexer/pipeline.js';
import { createApp } from '../server/app.js';
import { SearchService } from '../server/search-service.js';
import { FIXTURES, loadLabels } from '../scripts/eval/evaluate-extraction.js';
import { renderJudgmentPdf } from '../scripts/eval/render-pdf.js';
import { adminClient, namesFor, tmpDir, uniquePrefix } from './support/fixtures.js';

const corpusDir = path.join(ROOT, 'corpus');

describe('a folder of judgments without metadata files (real Meilisearch, real HTTP)', function () {
  this.timeout(300_000);
  const names = namesFor(uniquePrefix('judgments'));
  const labels = loadLabels(FIXTURES, '/nonexistent');
  const dir = tmpDir('judgments');
  let app: ReturnType<typeof createApp>;

  before(async function () {
    // The labelled documents as a user would drop them: text files, and PDFs for those marked so.
    for (const l of labels) {
      const text = fs.readFileSync(l.file as string, 'utf8');
      if (l.render?.pdf) fs.writeFileSync(path.join(dir, `${l.id}.pdf`), await renderJudgmentPdf(text, l.render));
      else fs.writeFileSync(path.join(dir, `${l.id}.txt`), text);
    }
    const admin = adminClient();
    const report = await runIndex({ admin, names, corpusDir, paths: [dir] });
    expect(report.failed, JSON.stringify(report.failed)).to.deep.equal([]);
    expect(report.cases).to.equal(labels.length);
    app = createApp({ search: new SearchService(admin, names), catalogue: loadCatalogue(corpusDir) });
  });

  it('files each case under the right jurisdiction and decision date', async () => {
    let right = 0;
    for (const l of labels) {
      const res = await request(app).get(`/api/cases/${l.id}`).expect(200);
      if (res.body.jurisdiction === l.jurisdiction && res.body.decisionDate === l.decisionDate) right++;
    }
    expect(right / labels.length).to.be.at.least(0.95);
  });

  it('lists them on the provision pages of the articles they cite', async () => {
    const citing = labels.filter((l) => l.provisions.includes('unclos/101')).map((l) => l.id);
    expect(citing.length).to.be.greaterThan(3);
    const res = await request(app).get('/api/provisions/unclos/101?per_page=100').expect(200);
    const listed = (res.body.cases as Array<{ id: string }>).map((c) => c.id);
    const found = citing.filter((id) => listed.includes(id));
    expect(found.length / citing.length).to.be.at.least(0.9);
  });

  it('finds them by offense facet, with counts matching the hits', async () => {
    // The index also holds the bundled corpus (built first); look at the ingested judgments only.
    const res = await request(app).get('/api/search?offense=piracy&per_page=100').expect(200);
    const ids = new Set(labels.map((l) => l.id));
    const piracy = (res.body.hits as Array<{ id: string }>).filter((h) => ids.has(h.id)).map((h) => h.id);
    const expected = labels.filter((l) => l.offenses.includes('piracy')).map((l) => l.id);
    expect(piracy.filter((id) => expected.includes(id)).length / expected.length).to.be.at.least(0.9);
    expect(piracy.filter((id) => !expected.includes(id)).length).to.be.at.most(2);
    const sum = Object.values(res.body.facets.court_level as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).to.equal(res.body.total);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));
});
