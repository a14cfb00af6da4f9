import { expect } from 'chai';
import path from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import type { Express } from 'express';
import { ROOT } from '../engine/config.js';
import { createClient, ensureSearchKey } from '../engine/meili-client.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { runIndex } from '../indexer/pipeline.js';
import type { CaseRecord } from '../indexer/types.js';
import { createApp } from '../server/app.js';
import { SearchService } from '../server/search-service.js';
import { testEngine } from './support/hooks.js';
import { adminClient, loadCorpusCases, namesFor, uniquePrefix } from './support/fixtures.js';

const corpusDir = path.join(ROOT, 'corpus');
const cases: CaseRecord[] = loadCorpusCases();

/** Strings a hostile user would try, mixed with arbitrary unicode. */
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('KE" OR jurisdiction = "US', 'KE\\', '\\" OR 1', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR ''='", '../../etc/passwd', '%2e%2e%2f', 'javascript:alert(1)', '2010-02-30', '-1', '99999999999', 'unclos/101" OR provisions EXISTS', '\u0000', '\uE000mark\uE001', 'provision:unclos/101"', 'year:2015..2010', 'court:"', '"'.repeat(20)),
  fc.string({ maxLength: 5 }).map((s) => `<x-fz${s.replace(/[^a-z]/gi, '')}>`),
);

const PARAMS = ['q', 'jurisdiction', 'offense', 'court_level', 'provision', 'from', 'to', 'sort', 'page', 'per_page', 'match', 'ids'];

describe('property-based fuzzing of every route and parameter (real Meilisearch, real HTTP)', function () {
  this.timeout(600_000);
  const prefix = uniquePrefix('fuzz');
  let app: Express;

  before(async function () {
    const admin = adminClient();
    await runIndex({ admin, names: namesFor(prefix), corpusDir });
    const key = await ensureSearchKey(admin, prefix);
    app = createApp({ search: new SearchService(createClient(testEngine().url, key), namesFor(prefix)), catalogue: loadCatalogue(corpusDir), apiRateLimit: 0, logError: () => undefined });
  });

  const routes = ['/search', '/api/search', '/provisions/unclos/101', '/api/provisions/unclos/101', '/search.atom', '/pack', '/api/pack', '/stats', '/provisions/compare', '/search/export.json'];

  it('never answers 500 and never reflects markup unescaped, whatever the parameters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.dictionary(fc.constantFrom(...PARAMS), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })), { maxKeys: 4 }), async (route, params) => {
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) qs.append(k, x);
        const res = await request(app).get(`${route}?${qs.toString()}`);
        expect(res.status, `${route}?${qs}`).to.be.oneOf([200, 400, 404]);
        // JSON answers echo the query as data (served as application/json with nosniff); pages and feeds must escape it.
        const body = /json/.test(String(res.headers['content-type'])) ? JSON.stringify((res.body as { hits?: unknown }).hits ?? '') : (res.text ?? '');
        for (const v of Object.values(params).flat()) {
          const m = /<(x-fz[a-z]*|script|img)/i.exec(v);
          if (m) expect(body, `${route}?${qs}`).not.to.include(`<${m[1]}`);
        }
      }),
      { numRuns: 1200 },
    );
  });

  it('never lets a path segment reach another route or file', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (a, b) => {
        for (const url of [`/cases/${encodeURIComponent(a)}`, `/api/cases/${encodeURIComponent(a)}`, `/cases/${encodeURIComponent(a)}/original`, `/provisions/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, `/api/provisions/${encodeURIComponent(a)}/${encodeURIComponent(b)}`]) {
          const res = await request(app).get(url);
          // A bare instrument (/provisions/unclos/) redirects to its search.
          expect(res.status, url).to.be.oneOf([200, 302, 400, 404]);
          if (res.status === 302) expect(res.headers.location).to.match(/^\/search\?provision=[a-z0-9-]+$/);
          expect(res.text ?? '', url).not.to.match(/root:x:0:0/);
          if (!/json/.test(String(res.headers['content-type']))) expect(res.text ?? '', url).not.to.match(/<x-fz/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never matches more than the honest value of a filter', async () => {
    const honest = new Map<string, number>();
    for (const c of cases) honest.set(c.jurisdiction, (honest.get(c.jurisdiction) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...honest.keys()), hostile, async (code, tail) => {
        const value = `${code}${tail}`;
        const res = await request(app).get(`/api/search?${new URLSearchParams({ jurisdiction: value, per_page: '1' })}`);
        expect(res.status).to.be.oneOf([200, 400]);
        // Surrounding whitespace is trimmed from every parameter, so "AU " honestly means AU.
        if (res.status === 200) expect(res.body.total, JSON.stringify(value)).to.be.at.most(honest.get(value.trim()) ?? 0);
      }),
      { numRuns: 400 },
    );
  });

  it('limits each client on the API, configurably', async () => {
    const limited = createApp({ search: new SearchService(adminClient(), namesFor(prefix)), catalogue: loadCatalogue(corpusDir), apiRateLimit: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await request(limited).get('/api/search?per_page=1')).status);
    expect(statuses.slice(0, 5)).to.deep.equal([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).to.deep.equal([429, 429]);
    await request(limited).get('/search').expect(200);
  });
});
