#!/usr/bin/env tsx
/**
 * `npm run check:reliability`: bounded load runs against a real Meilisearch and the real
 * HTTP server, with faults injected: Meilisearch stopped and restarted in the middle of a
 * run, a full reindex during a run, and the indexer killed with SIGKILL mid-run. Exits 1
 * when a check fails. Checks behaviour, not speed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ROOT } from '../engine/config.js';
import { createClient, ensureSearchKey, indexNames } from '../engine/meili-client.js';
import { freePort, locateMeilisearchBinary, startEmbeddedMeili, type EmbeddedMeili } from '../engine/meili-process.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { runIndex } from '../indexer/pipeline.js';
import { createApp } from '../server/app.js';
import { SearchService } from '../server/search-service.js';

const QUERIES = ['/api/search?q=piracy', '/search?q=migrants&jurisdiction=GB', '/api/search?offense=drug-trafficking&from=2000', '/search?provision=unclos/101', '/api/provisions/unclos/110', '/cases/us-4thcir-2012-dire', '/api/search?q=pirasy%20skif&page=2'];
const failures: string[] = [];
const check = (ok: boolean, what: string): void => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

interface LoadResult {
  total: number;
  byStatus: Record<number, number>;
  slowest: number;
  totals: Set<number>;
}

/** Fires requests from `connections` workers until `stop()` says so. */
function startLoad(base: string, connections: number, timeoutMs = 4000) {
  const r: LoadResult = { total: 0, byStatus: {}, slowest: 0, totals: new Set() };
  let running = true;
  const workers = Array.from({ length: connections }, async (_, w) => {
    for (let i = w; running; i += connections) {
      const url = `${base}${QUERIES[i % QUERIES.length]}`;
      const t = performance.now();
      let status = 0;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        status = res.status;
        const body = await res.text();
        if (status === 200 && url.includes('/api/search?q=piracy')) r.totals.add((JSON.parse(body) as { total: number }).total);
      } catch {
        status = -1; // timeout or connection error
      }
      r.slowest = Math.max(r.slowest, performance.now() - t);
      r.total++;
      r.byStatus[status] = (r.byStatus[status] ?? 0) + 1;
    }
  });
  return {
    result: r,
    async stop() {
      running = false;
      await Promise.all(workers);
      return r;
    },
  };
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-reliability-'));
  const meiliBin = locateMeilisearchBinary({ meiliBin: process.env.MEILI_BIN, dataDir: path.join(ROOT, 'data') });
  const port = await freePort();
  let meili: EmbeddedMeili = await startEmbeddedMeili({ dataDir: tmp, meiliBin, port });
  const corpusDir = path.join(ROOT, 'corpus');
  const prefix = 'rel';
  const names = indexNames(prefix);
  const admin = createClient(meili.url, meili.masterKey, 60_000);
  const report = await runIndex({ admin, names, corpusDir });
  const bundled = report.cases;
  const key = await ensureSearchKey(admin, prefix);
  const app = createApp({ search: new SearchService(createClient(meili.url, key, 2000), names), catalogue: loadCatalogue(corpusDir), apiRateLimit: 0, logError: () => undefined });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const seconds = Number(process.env.LOAD_SECONDS ?? 30);
  const connections = Number(process.env.LOAD_CONNECTIONS ?? 64);
  try {
    // 1. Steady load: no error, no 5xx, memory back near where it started. The baseline is
    // taken after a short warm-up, once templates, caches and connection pools exist.
    const warm = startLoad(base, connections);
    await sleep(3000);
    await warm.stop();
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const steady = startLoad(base, connections);
    await sleep(seconds * 1000);
    const s = await steady.stop();
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    check((s.byStatus[200] ?? 0) === s.total, `steady load: ${s.total} requests at ${connections} connections for ${seconds} s, all 200 (${JSON.stringify(s.byStatus)})`);
    check(heapAfter <= heapBefore * 1.2, `heap after the run within 20% of the start: ${(heapBefore / 2 ** 20).toFixed(1)} -> ${(heapAfter / 2 ** 20).toFixed(1)} MB`);

    // 2. Meilisearch stopped mid-run: clear 503s, no hang past the timeout, recovery within 5 s of its return.
    const outage = startLoad(base, 8);
    await sleep(2000);
    await meili.stop();
    await sleep(3000);
    const during = await fetch(`${base}/search?q=piracy`);
    const text = await during.text();
    check(during.status === 503 && /not available/.test(text), `Meilisearch down: the page answers 503 "${text.match(/The search engine[^<]*/)?.[0] ?? ''}"`);
    meili = await startEmbeddedMeili({ dataDir: tmp, meiliBin, port });
    const back = performance.now();
    let recovered = Infinity;
    while (performance.now() - back < 10_000) {
      const res = await fetch(`${base}/api/search?q=piracy`).catch(() => undefined);
      if (res?.status === 200) {
        recovered = performance.now() - back;
        break;
      }
      await sleep(100);
    }
    const o = await outage.stop();
    check(recovered <= 5000, `recovered ${(recovered / 1000).toFixed(2)} s after Meilisearch was back (limit 5 s)`);
    check(!o.byStatus[500] && !o.byStatus[-1] && o.slowest < 4000, `during the outage: only 200/503 answers, slowest ${o.slowest.toFixed(0)} ms (${JSON.stringify(o.byStatus)})`);

    // 3. Full reindex during load: no failed request, every answer from a complete index.
    const admin2 = createClient(meili.url, meili.masterKey, 60_000);
    const during3 = startLoad(base, 16);
    await runIndex({ admin: admin2, names, corpusDir });
    const r3 = await during3.stop();
    check((r3.byStatus[200] ?? 0) === r3.total, `reindex under load: ${r3.total} requests, all 200 (${JSON.stringify(r3.byStatus)})`);
    check(r3.totals.size === 1, `every answer came from a complete index (totals seen for "piracy": ${[...r3.totals].join(', ')})`);

    // 4. The indexer killed with SIGKILL mid-run: the old index serves, a rerun finishes, nothing doubled.
    const env = { ...process.env, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, MEILI_INDEX_PREFIX: prefix };
    // The indexer itself, not the tsx launcher: tsx runs scripts in a child process, which
    // a SIGKILL of the launcher would leave running beside the rerun.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'indexer', 'cli.ts'), '--no-progress'], { env, stdio: 'ignore' });
    await sleep(1500);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const after = await (await fetch(`${base}/api/search?per_page=1`)).json() as { total: number };
    check(after.total === bundled, `after SIGKILL of the indexer the old index serves all ${bundled} cases (got ${after.total})`);
    const rerun = await runIndex({ admin: admin2, names, corpusDir });
    const final = await (await fetch(`${base}/api/search?per_page=1`)).json() as { total: number };
    check(rerun.failed.length === 0 && final.total === bundled, `a rerun finishes and nothing is doubled (${final.total} cases)`);
  } finally {
    server.close();
    await meili.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall reliability checks passed');
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
