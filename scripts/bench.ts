#!/usr/bin/env tsx
/**
 * `npm run bench -- [--sizes 2000,10000] [--requests 300]`: starts its own Meilisearch and
 * measures, in one run, (1) end-to-end indexing against Meilisearch alone indexing the same
 * final documents, and (2) the latency and throughput of the search page and /api/search
 * against the very Meilisearch requests the server makes for them, sent straight to
 * Meilisearch. Prints tables and writes JSON under bench-results/. Timings, not tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { ROOT } from '../engine/config.js';
import { createClient, createFreshIndex, addDocuments, indexNames, type Meilisearch } from '../engine/meili-client.js';
import { locateMeilisearchBinary, startEmbeddedMeili } from '../engine/meili-process.js';
import { caseSettings, passageSettings, provisionSettings } from '../engine/settings.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { runIndex } from '../indexer/pipeline.js';
import { createApp } from '../server/app.js';
import { SearchService } from '../server/search-service.js';
import { generateCorpus } from './bench/generate-corpus.js';

const QUERIES = [
  'q=piracy',
  'q=pirasy%20skif', // typos
  'q=%22high%20seas%22', // phrase
  'q=vessel&jurisdiction=KE',
  'q=migrants&jurisdiction=KE&jurisdiction=SC&offense=migrant-smuggling',
  'offense=piracy&from=2005&to=2015',
  'q=cocaine%20bales&provision=vienna-1988/17&court_level=appeal',
  'jurisdiction=US&page=5',
  'q=ransom%20hostages&sort=date_desc&page=3',
  'provision=unclos&from=1990&to=2020&sort=date_asc',
];

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `total` calls with `concurrency` workers; returns latency percentiles (ms) and throughput. */
async function load(total: number, concurrency: number, call: (i: number) => Promise<void>): Promise<Stats> {
  const lat: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await call(i);
        lat.push(performance.now() - t);
      }
    }),
  );
  const secs = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  return { p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99), rps: total / secs };
}

async function allDocs(client: Meilisearch, uid: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.index(uid).getDocuments({ limit: 1000, offset });
    out.push(...(page.results as Record<string, unknown>[]));
    if (page.results.length < 1000) return out;
  }
}

const program = new Command()
  .option('--sizes <list>', 'generated corpus sizes, comma-separated', '2000')
  .option('--requests <n>', 'requests per measurement at concurrency 1 (x4 at 16)', '300')
  .action(async (opts: { sizes: string; requests: string }) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-bench-'));
    const meili = await startEmbeddedMeili({ dataDir: tmp, meiliBin: locateMeilisearchBinary({ meiliBin: process.env.MEILI_BIN, dataDir: path.join(ROOT, 'data') }) });
    const admin = createClient(meili.url, meili.masterKey, 60_000);
    const results: Record<string, unknown> = { date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}`, node: process.version, meilisearch: '1.21.0' };
    try {
      // 1. Ingestion: the pipeline end to end, then Meilisearch alone on the same final documents.
      const ingestion = [];
      const sizes: Array<number | 'bundled'> = ['bundled', ...opts.sizes.split(',').map(Number).filter((n) => n > 0)];
      let lastPrefix = 'bench_bundled';
      for (const size of sizes) {
        const dir = size === 'bundled' ? path.join(ROOT, 'corpus') : path.join(tmp, `corpus-${size}`);
        if (size !== 'bundled') generateCorpus(dir, size);
        const prefix = `bench_${size}`;
        const names = indexNames(prefix);
        const t0 = performance.now();
        const report = await runIndex({ admin, names, corpusDir: dir });
        const pipeline = (performance.now() - t0) / 1000;
        const docs = { cases: await allDocs(admin, names.cases), passages: await allDocs(admin, names.passages), provisions: await allDocs(admin, names.provisions) };
        const t1 = performance.now();
        const alone = indexNames(`${prefix}_alone`);
        const [c, p, v] = await Promise.all([
          createFreshIndex(admin, alone.cases, 'id', caseSettings),
          createFreshIndex(admin, alone.passages, 'id', passageSettings),
          createFreshIndex(admin, alone.provisions, 'docId', provisionSettings),
        ]);
        await addDocuments(c, docs.cases);
        await addDocuments(p, docs.passages);
        await addDocuments(v, docs.provisions);
        const engine = (performance.now() - t1) / 1000;
        await Promise.all([alone.cases, alone.passages, alone.provisions].map((uid) => admin.deleteIndex(uid).waitTask({ timeout: 600_000 })));
        ingestion.push({ size, cases: report.cases, passages: report.passages, pipelineSeconds: pipeline, meilisearchAloneSeconds: engine, ratio: pipeline / engine });
        lastPrefix = prefix;
      }
      results.ingestion = ingestion;
      console.log('\nIngestion (full rebuild)');
      console.log('corpus      cases  passages  pipeline s  Meilisearch alone s  pipeline / alone');
      for (const r of ingestion) console.log(`${String(r.size).padEnd(10)} ${String(r.cases).padStart(6)} ${String(r.passages).padStart(9)} ${r.pipelineSeconds.toFixed(1).padStart(11)} ${r.meilisearchAloneSeconds.toFixed(1).padStart(20)} ${r.ratio.toFixed(2).padStart(17)}`);

      // 2. Server overhead on the largest corpus: record what the server asks Meilisearch, then replay it.
      const names = indexNames(lastPrefix);
      const recorded = new Map<string, Array<{ url: string; body: string; method: string; headers: Record<string, string> }>>();
      let current: string | undefined;
      const recorder = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        if (current) {
          const headers: Record<string, string> = {};
          new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
          (recorded.get(current) ?? recorded.set(current, []).get(current))?.push({ url: String(input), body: String(init?.body ?? ''), method: init?.method ?? 'GET', headers });
        }
        // The client's httpClient contract: resolve with the parsed body.
        const res = await fetch(input, init);
        const text = await res.text();
        if (!res.ok) throw new Error(`Meilisearch ${res.status}: ${text.slice(0, 200)}`);
        return text ? (JSON.parse(text) as unknown) : undefined;
      };
      const searchClient = createClient(meili.url, meili.masterKey, 30_000, recorder);
      const app = createApp({ search: new SearchService(searchClient, names), catalogue: loadCatalogue(path.join(ROOT, 'corpus')), apiRateLimit: 0 });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const q of QUERIES) {
        current = q;
        const res = await fetch(`${base}/api/search?${q}`);
        if (!res.ok) throw new Error(`${q}: HTTP ${res.status}`);
        await res.arrayBuffer();
      }
      current = undefined;
      const n = Number(opts.requests);
      const get = (route: string) => async (i: number) => {
        const res = await fetch(`${base}${route}?${QUERIES[i % QUERIES.length]}`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      };
      const direct = async (i: number) => {
        for (const r of recorded.get(QUERIES[i % QUERIES.length] as string) ?? []) {
          const res = await fetch(r.url, { method: r.method, headers: { ...r.headers, 'accept-encoding': 'identity' }, body: r.body || undefined });
          await res.arrayBuffer();
        }
      };
      const overhead = [];
      for (const c of [1, 16]) {
        const total = c === 1 ? n : n * 4;
        await load(Math.min(50, total), c, direct); // warm up
        const meiliStats = await load(total, c, direct);
        const apiStats = await load(total, c, get('/api/search'));
        const pageStats = await load(total, c, get('/search'));
        overhead.push({ concurrency: c, meilisearch: meiliStats, api: apiStats, page: pageStats });
      }
      server.close();
      results.serverOverhead = { corpus: lastPrefix, queries: QUERIES, requestsPerQuery: Object.fromEntries([...recorded].map(([k, v]) => [k, v.length])), runs: overhead };
      console.log(`\nServer overhead (${lastPrefix}, ${QUERIES.length} queries in rotation; latency ms)`);
      console.log('conc  what               p50     p95     p99    req/s   p50 vs Meili  req/s vs Meili');
      for (const r of overhead) {
        for (const [label, s] of [['Meilisearch alone', r.meilisearch], ['/api/search', r.api], ['/search (HTML)', r.page]] as const) {
          console.log(`${String(r.concurrency).padStart(4)}  ${label.padEnd(17)} ${s.p50.toFixed(1).padStart(6)} ${s.p95.toFixed(1).padStart(7)} ${s.p99.toFixed(1).padStart(7)} ${s.rps.toFixed(0).padStart(8)} ${(s.p50 / r.meilisearch.p50).toFixed(2).padStart(13)} ${(s.rps / r.meilisearch.rps).toFixed(2).padStart(15)}`);
        }
      }
      const outDir = path.join(ROOT, 'bench-results');
      fs.mkdirSync(outDir, { recursive: true });
      const file = path.join(outDir, `bench-${results.date as string}.json`.replace(/:/g, '-'));
      fs.writeFileSync(file, JSON.stringify(results, null, 2));
      console.log(`\nwritten to ${path.relative(ROOT, file)}`);
    } finally {
      await meili.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
