#!/usr/bin/env tsx
/**
 * `npm run bench -- [--sizes 10000,100000] [--requests 300] [--skip pdf,sqlite]`: starts its
 * own Meilisearch and measures, in one run:
 *  1. ingestion: the whole pipeline against Meilisearch alone indexing the same final
 *     documents, per corpus (bundled, then generated ones), with memory and disk;
 *  2. PDF extraction: pages per second against pdf-parse alone on the same files;
 *  3. server overhead and scale: the search page and /api/search against the very
 *     Meilisearch requests the server makes for them, on the largest corpus;
 *  4. SQLite FTS5 on the same documents and query mix: speed and facet counts.
 * Prints tables and writes JSON under bench-results/. Timings, never tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { ROOT } from '../engine/config.js';
import { createClient, indexNames } from '../engine/meili-client.js';
import { locateMeilisearchBinary, startEmbeddedMeili } from '../engine/meili-process.js';
import { SearchService } from '../server/search-service.js';
import { allDocs, benchIngestion } from './bench/ingestion.js';
import { table } from './bench/measure.js';
import { benchPdf } from './bench/pdf-throughput.js';
import { benchServer, QUERIES } from './bench/server-overhead.js';
import { benchSqlite } from './bench/sqlite-fts.js';

const f1 = (n: number | undefined): string => (n === undefined ? '-' : n.toFixed(1));
const f2 = (n: number): string => n.toFixed(2);

const program = new Command()
  .option('--sizes <list>', 'generated corpus sizes, comma-separated', '2000')
  .option('--requests <n>', 'requests per measurement at concurrency 1 (x4 at 16)', '300')
  .option('--skip <list>', 'parts to leave out: pdf, server, sqlite', '')
  .option('--alone-up-to <n>', 'measure Meilisearch alone only on corpora of at most n cases (it doubles the run time)')
  .action(async (opts: { sizes: string; requests: string; skip: string; aloneUpTo?: string }) => {
    const skip = new Set(opts.skip.split(',').filter(Boolean));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-bench-'));
    const dbPath = path.join(tmp, 'meili');
    const meili = await startEmbeddedMeili({ dataDir: tmp, dbPath, meiliBin: locateMeilisearchBinary({ meiliBin: process.env.MEILI_BIN, dataDir: path.join(ROOT, 'data') }) });
    const admin = createClient(meili.url, meili.masterKey, 120_000);
    const corpusDir = path.join(ROOT, 'corpus');
    const requests = Number(opts.requests);
    const results: Record<string, unknown> = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}`,
      node: process.version,
      meilisearch: '1.21.0',
    };
    const outDir = path.join(ROOT, 'bench-results');
    const save = (): string => {
      fs.mkdirSync(outDir, { recursive: true });
      const file = path.join(outDir, `bench-${results.date as string}.json`.replace(/:/g, '-'));
      fs.writeFileSync(file, JSON.stringify(results, null, 2));
      return file;
    };
    try {
      console.log(`${results.machine as string}; Node ${process.version}; Meilisearch 1.21.0`);
      // 1. Ingestion.
      const sizes: Array<number | 'bundled'> = ['bundled', ...opts.sizes.split(',').map(Number).filter((n) => n > 0)];
      const { rows, lastPrefix } = await benchIngestion({ admin, meiliPid: meili.process.pid, dbPath, corpusDir, tmp, sizes, ...(opts.aloneUpTo ? { aloneUpTo: Number(opts.aloneUpTo) } : {}) });
      results.ingestion = rows;
      save();
      console.log('\nIngestion (full rebuild; seconds; memory and disk in MiB)');
      console.log(
        table(
          ['corpus', 'cases', 'passages', 'pipeline', 'read', 'similar', 'write', 'swap', 'Meili alone', 'ratio', 'indexer peak', 'Meili RSS', 'Meili peak', 'Meili disk'],
          rows.map((r) => [`${String(r.size)}${r.rounds > 1 ? ` (median of ${r.rounds})` : ""}`, r.cases, r.passages, f1(r.pipelineSeconds), f1((r.stages?.read ?? 0) / 1000), f1((r.stages?.similar ?? 0) / 1000), f1((r.stages?.write ?? 0) / 1000), f1((r.stages?.swap ?? 0) / 1000), f1(r.meilisearchAloneSeconds), r.ratio === undefined ? '-' : f2(r.ratio), f1(r.indexerPeakMiB), f1(r.meiliRssMiB), f1(r.meiliPeakMiB), f1(r.meiliDiskMiB)]),
        ),
      );

      // 2. PDF extraction.
      if (!skip.has('pdf')) {
        const shared = process.env.SHARED_DATA_DIR ?? path.join(ROOT, '..', 'shared', 'data');
        const pdf = await benchPdf({ root: ROOT, tmp, sharedData: fs.existsSync(shared) ? shared : undefined });
        results.pdf = pdf;
        save();
        console.log(`\nPDF extraction (${pdf[0]?.files ?? 0} files, ${pdf[0]?.pages ?? 0} pages; median of 3 rounds)`);
        console.log(table(['what', 'seconds', 'pages/s', 'time vs pdf-parse'], pdf.map((r) => [r.what, f2(r.seconds), f1(r.pagesPerSecond), f2(r.vsPdfParse)])));
      }

      // 3. Server overhead and scale, on the largest corpus.
      const largest = rows[rows.length - 1];
      const largestDir = largest?.size === 'bundled' ? corpusDir : path.join(tmp, `corpus-${String(largest?.size)}`);
      if (!skip.has('server')) {
        const server = await benchServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: lastPrefix, corpusDir: largestDir, requests });
        results.serverOverhead = { corpus: lastPrefix, cases: largest?.cases, queries: QUERIES, ...server };
        save();
        console.log(`\nServer overhead (${largest?.cases ?? 0} cases, ${QUERIES.length} queries in rotation; c=1 interleaved request by request, c=16 median of 3 interleaved rounds; latency ms)`);
        console.log(
          table(
            ['conc', 'what', 'p50', 'p95', 'p99', 'req/s', 'p50 vs Meili', 'req/s vs Meili'],
            server.runs.flatMap((r) =>
              ([['Meilisearch alone', r.meilisearch], ['/api/search', r.api], ['/search (HTML)', r.page]] as const).map(([label, s]) => [String(r.concurrency), label, f1(s.p50), f1(s.p95), f1(s.p99), f1(s.rps), f2(s.p50 / r.meilisearch.p50), f2(s.rps / r.meilisearch.rps)]),
            ),
          ),
        );
      }

      // 4. SQLite FTS5 on the same documents.
      if (!skip.has('sqlite')) {
        const names = indexNames(lastPrefix);
        const sqlite = await benchSqlite({ tmp, cases: await allDocs(admin, names.cases), passages: await allDocs(admin, names.passages), queries: QUERIES, requests, service: new SearchService(admin, names) });
        results.sqlite = sqlite;
        save();
        console.log(`\nSQLite FTS5 (better-sqlite3 12) on the same ${largest?.cases ?? 0} cases: built in ${f1(sqlite.buildSeconds)} s, ${f1(sqlite.diskMiB)} MiB on disk; ${sqlite.requests} requests each, concurrency 1, latency ms`);
        console.log(table(['what', 'p50', 'p95', 'p99', 'req/s'], [['SQLite FTS5 search', sqlite.stats], ['SearchService over Meilisearch', sqlite.meilisearchPath]].map(([l, s]) => [l as string, f1((s as typeof sqlite.stats).p50), f1((s as typeof sqlite.stats).p95), f1((s as typeof sqlite.stats).p99), f1((s as typeof sqlite.stats).rps)])));
        console.log(table(['query', 'SQLite total', 'Meilisearch total', 'facet counts equal'], sqlite.agreement.map((a) => [decodeURIComponent(a.query), a.sqliteTotal, a.meilisearchTotal, a.facetsEqual ? 'yes' : 'no'])));
      }
      console.log(`\nwritten to ${path.relative(ROOT, save())}`);
    } finally {
      await meili.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
