import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createClient, indexNames } from '../../engine/meili-client.js';
import { undiciHttpClient, type HttpClient } from '../../engine/meili-http.js';
import { loadCatalogue } from '../../indexer/catalogue.js';
import { createApp } from '../../server/app.js';
import { SearchService } from '../../server/search-service.js';
import { load, percentile, type Stats } from './measure.js';

/** A rotation of realistic searches: free text with typos, a phrase, one and several facets, date ranges, deep pages. */
export const QUERIES = [
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

interface Recorded {
  url: string;
  body: string;
  method: string;
  headers: Record<string, string>;
}

export interface OverheadRun {
  concurrency: number;
  meilisearch: Stats;
  api: Stats;
  page: Stats;
}

/**
 * Serves the corpus with the real app, records the Meilisearch requests it makes for each
 * query, then measures the page and the API beside those very requests replayed straight
 * to Meilisearch, at concurrency 1 and 16.
 */
export async function benchServer(opts: { meiliUrl: string; masterKey: string; prefix: string; corpusDir: string; requests: number }): Promise<{ runs: OverheadRun[]; requestsPerQuery: Record<string, number> }> {
  const names = indexNames(opts.prefix);
  const recorded = new Map<string, Recorded[]>();
  let current: string | undefined;
  const recorder: HttpClient = async (input, init) => {
    if (current) {
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
      (recorded.get(current) ?? (recorded.set(current, []).get(current) as Recorded[])).push({ url: String(input), body: String(init?.body ?? ''), method: init?.method ?? 'GET', headers });
    }
    return undiciHttpClient(input, init);
  };
  const app = createApp({ search: new SearchService(createClient(opts.meiliUrl, opts.masterKey, 30_000, recorder), names), catalogue: loadCatalogue(path.resolve(opts.corpusDir)), apiRateLimit: 0 });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  // The load generator reads every body with undici's own request, the lightest client
  // there is, for the three alike: its cost then weighs as little as it can on either side.
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const q of QUERIES) {
      current = q;
      const res = await fetch(`${base}/api/search?${q}`);
      if (!res.ok) throw new Error(`${q}: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
    current = undefined;
    const send = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<void> => {
      const res = await request(url, { method: (init.method ?? 'GET') as 'GET', headers: init.headers ?? {}, body: init.body || undefined, dispatcher: agent });
      await res.body.arrayBuffer();
      if (res.statusCode >= 400) throw new Error(`HTTP ${res.statusCode} from ${url}`);
    };
    const get = (route: string) => async (i: number) => send(`${base}${route}?${QUERIES[i % QUERIES.length]}`);
    const direct = async (i: number): Promise<void> => {
      for (const r of recorded.get(QUERIES[i % QUERIES.length] as string) ?? []) {
        await send(r.url, { method: r.method, headers: { ...r.headers, 'accept-encoding': 'identity' }, body: r.body });
      }
    };
    const runs: OverheadRun[] = [];
    // Warm-up: templates compiled, connections open, Meilisearch's caches filled.
    await load(100, 1, direct);
    await load(100, 1, get('/search'));
    // Concurrency 1: the three, one after the other for the same query, request by request,
    // so drift and noisy neighbours fall on all three alike.
    {
      const lat = { meilisearch: [] as number[], api: [] as number[], page: [] as number[] };
      const timed = async (into: number[], call: () => Promise<void>): Promise<void> => {
        const t = performance.now();
        await call();
        into.push(performance.now() - t);
      };
      for (let i = 0; i < opts.requests; i++) {
        await timed(lat.meilisearch, () => direct(i));
        await timed(lat.api, () => get('/api/search')(i));
        await timed(lat.page, () => get('/search')(i));
      }
      const stats = (l: number[]): Stats => {
        const s = [...l].sort((a, b) => a - b);
        return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), rps: 1000 / (l.reduce((a, b) => a + b, 0) / l.length) };
      };
      runs.push({ concurrency: 1, meilisearch: stats(lat.meilisearch), api: stats(lat.api), page: stats(lat.page) });
    }
    // Concurrency 16: throughput needs each kind on its own; interleaved rounds, median round.
    {
      const total = opts.requests * 4;
      await load(Math.min(100, total), 16, direct);
      const rounds = 3;
      const per = Math.ceil(total / rounds);
      const acc: Record<'meilisearch' | 'api' | 'page', Stats[]> = { meilisearch: [], api: [], page: [] };
      for (let r = 0; r < rounds; r++) {
        acc.meilisearch.push(await load(per, 16, direct));
        acc.api.push(await load(per, 16, get('/api/search')));
        acc.page.push(await load(per, 16, get('/search')));
      }
      const mid = (list: Stats[]): Stats => [...list].sort((a, b) => a.p50 - b.p50)[Math.floor(list.length / 2)] as Stats;
      runs.push({ concurrency: 16, meilisearch: mid(acc.meilisearch), api: mid(acc.api), page: mid(acc.page) });
    }
    return { runs, requestsPerQuery: Object.fromEntries([...recorded].map(([k, v]) => [k, v.length])) };
  } finally {
    await agent.close();
    server.close();
    server.closeAllConnections();
  }
}
