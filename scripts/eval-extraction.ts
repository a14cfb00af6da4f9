#!/usr/bin/env tsx
/**
 * `npm run eval:extraction`: runs metadata extraction over the labelled judgments in
 * test/fixtures/judgments (and the real non-maritime PDFs in ../shared/data when present)
 * and prints precision, recall and F1 per field, then every document it got wrong and why.
 */
import path from 'node:path';
import { Command } from 'commander';
import { evaluate, loadLabels } from './eval/evaluate-extraction.js';

const program = new Command()
  .option('--json', 'print the evaluation as JSON')
  .option('--only <ids...>', 'evaluate only these document ids')
  .option('--dir <folder>', 'another labelled folder (<id>.txt + <id>.label.json), e.g. test/fixtures/judgments-heldout')
  .action(async (opts: { json?: boolean; only?: string[]; dir?: string }) => {
    let labels = opts.dir ? loadLabels(path.resolve(opts.dir)) : loadLabels();
    if (opts.only) labels = labels.filter((l) => opts.only?.includes(l.id));
    const ev = await evaluate(labels);
    if (opts.json) {
      console.log(JSON.stringify(ev, null, 2));
      return;
    }
    const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
    const inputs = ev.results.reduce<Record<string, number>>((m, r) => ({ ...m, [r.input]: (m[r.input] ?? 0) + 1 }), {});
    console.log(`Extraction evaluated on ${ev.documents} documents (${Object.entries(inputs).map(([k, v]) => `${v} ${k}`).join(', ')})\n`);
    console.log('field         measure      precision  recall   F1       detail');
    for (const f of ev.fields) {
      const detail = f.kind === 'accuracy' ? `${f.correct}/${f.total} correct` : `tp ${f.tp}, fp ${f.fp}, fn ${f.fn}`;
      console.log(`${f.field.padEnd(13)} ${(f.kind === 'accuracy' ? 'per document' : 'micro, per id').padEnd(12)} ${pct(f.precision).padStart(8)}  ${pct(f.recall).padStart(7)}  ${pct(f.f1).padStart(6)}   ${detail}`);
    }
    const overallF1 = ev.fields.reduce((n, f) => n + f.f1, 0) / ev.fields.length;
    console.log(`\noverall (mean F1 of the fields): ${pct(overallF1)}`);
    const wrong = ev.results.filter((r) => r.errors.length);
    console.log(`\n${wrong.length} document(s) with at least one error:`);
    for (const r of wrong) {
      console.log(`- ${r.id} [${r.input}]`);
      for (const e of r.errors) console.log(`    ${e}`);
    }
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
