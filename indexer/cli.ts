#!/usr/bin/env tsx
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadEngineConfig } from '../engine/config.js';
import { connectEngine } from '../engine/connect.js';
import { explainFailure } from '../engine/meili-client.js';
import { runIndex, type ProgressEvent } from './pipeline.js';
import { formatReport } from './report.js';

const program = new Command()
  .name('npm run index --')
  .description('Ingest case records (JSON, Markdown with front matter), PDFs (with optional NAME.meta.json sidecars), text files and treaty texts into Meilisearch. With no paths, rebuilds the index from corpus/ and everything added before.')
  .argument('[paths...]', 'files or folders to add')
  .option('--json', 'print the report as JSON')
  .option('--no-progress', 'no progress bar')
  .action(async (paths: string[], options: { json?: boolean; progress: boolean }) => {
    const config = loadEngineConfig();
    const engine = await connectEngine({ config });
    const bar = options.progress && process.stderr.isTTY && !options.json
      ? new cliProgress.SingleBar({ format: '{stage} [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
      : undefined;
    let started = '';
    const onProgress = (e: ProgressEvent): void => {
      if (!bar) return;
      const label = e.stage === 'read' ? 'reading ' : 'writing ';
      if (started !== e.stage) {
        if (started) bar.stop();
        bar.start(e.total, e.done, { stage: label, file: '' });
        started = e.stage;
      }
      bar.update(e.done, { stage: label, file: e.file.split('/').slice(-1)[0] ?? '' });
    };
    try {
      if (!engine.admin) throw new Error('Indexing needs an admin key: set MEILI_MASTER_KEY (or MEILI_ADMIN_KEY) for the Meilisearch at MEILI_URL.');
      const report = await runIndex({ admin: engine.admin, names: engine.names, corpusDir: config.corpusDir, paths, onProgress });
      bar?.stop();
      console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
      process.exitCode = report.failed.length > 0 ? 1 : 0;
    } finally {
      bar?.stop();
      await engine.close();
    }
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`index: ${explainFailure(err)}`);
  process.exit(2);
});
