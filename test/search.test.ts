import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
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
import { adminClient, loadCorpusCases, namesFor, tmpDir, uniquePrefix } from './support/fixtures.js';

const corpusDir = path.join(ROOT, 'corpus');
const cases: CaseRecord[] = loadCorpusCases();

interface ApiHit { id: string; title: string; jurisdiction: string; offenses: string[]; provisions: string[]; decisionDate: string; snippet: string; courtLevel: string }
interface ApiResult { total: number; page: number; hits: ApiHit[]; facets: Record<string, Record<string, number>> }

describe('search over the bundled corpus (real Meilisearch, real HTTP)', function () {
  const prefix = uniquePrefix('search');
  const names = namesFor(prefix);
  let app: Express;

  before(async function () {
    const admin = adminClient();
    const report = await runIndex({ admin, names, corpusDir });
    expect(report.failed, JSON.stringify(report.failed)).to.deep.equal([]);
    expect(report.cases).to.equal(cases.length);
    // The server gets a search-only key, as in production.
    const key = await ensureSearchKey(admin, prefix);
    app = createApp({ search: new SearchService(createClient(testEngine().url, key), names), catalogue: loadCatalogue(corpusDir) });
  });

  async function api(query: string): Promise<ApiResult> {
    const res = await request(app).get(`/api/search?${query}`).expect(200).expect('content-type', /json/);
    return res.body as ApiResult;
  }

  it('lists every case when there is no query, newest first', async () => {
    const r = await api('per_page=100');
    expect(r.total).to.equal(cases.length);
    const dates = r.hits.map((h) => h.decisionDate);
    expect(dates).to.deep.equal([...dates].sort().reverse());
    expect(r.hits[0]).to.have.keys(['id', 'title', 'court', 'courtLevel', 'jurisdiction', 'decisionDate', 'offenses', 'provisions', 'snippet', 'citation', 'outcome', 'url']);
  });

  it('counts facets exactly like the records do', async () => {
    const r = await api('per_page=1');
    const expected: Record<string, number> = {};
    for (const c of cases) expected[c.jurisdiction] = (expected[c.jurisdiction] ?? 0) + 1;
    expect(r.facets.jurisdiction).to.deep.equal(expected);
    const piracy = cases.filter((c) => c.offenses.includes('piracy')).length;
    expect(r.facets.offense?.piracy).to.equal(piracy);
    const y2012 = cases.filter((c) => c.decisionDate.startsWith('2012')).length;
    expect(r.facets.year?.['2012']).to.equal(y2012);
  });

  it('combines values of one facet with OR and different facets with AND, keeping counts right', async () => {
    const r = await api('jurisdiction=SC&jurisdiction=KE&offense=piracy&per_page=100');
    const expected = cases.filter((c) => ['SC', 'KE'].includes(c.jurisdiction) && c.offenses.includes('piracy'));
    expect(r.total).to.equal(expected.length);
    expect(r.hits.map((h) => h.id).sort()).to.deep.equal(expected.map((c) => c.id).sort());
    // The jurisdiction facet ignores its own selection (so other countries can be added)...
    const piracyByJur: Record<string, number> = {};
    for (const c of cases.filter((x) => x.offenses.includes('piracy'))) piracyByJur[c.jurisdiction] = (piracyByJur[c.jurisdiction] ?? 0) + 1;
    expect(r.facets.jurisdiction).to.deep.equal(piracyByJur);
    // ...and the offense facet counts within the selected jurisdictions.
    const inJur = cases.filter((c) => ['SC', 'KE'].includes(c.jurisdiction));
    expect(r.facets.offense?.piracy).to.equal(inJur.filter((c) => c.offenses.includes('piracy')).length);
    // Counts of the unselected facets add up to the hits.
    const levels = Object.values(r.facets.court_level ?? {}).reduce((a, b) => a + b, 0);
    expect(levels).to.equal(r.total);
  });

  it('filters by decision date range, year or full dates, inclusive', async () => {
    const r = await api('from=2010&to=2012&per_page=100');
    const expected = cases.filter((c) => c.decisionDate >= '2010-01-01' && c.decisionDate <= '2012-12-31');
    expect(r.total).to.equal(expected.length);
    expect(r.hits.every((h) => h.decisionDate >= '2010-01-01' && h.decisionDate <= '2012-12-31')).to.equal(true);
    // The year histogram keeps the years outside the range, to widen it.
    expect(Object.keys(r.facets.year ?? {}).some((y) => Number(y) < 2010)).to.equal(true);
    const day = cases.find((c) => c.id === 'us-4thcir-2012-dire');
    if (day) {
      const one = await api(`from=${day.decisionDate}&to=${day.decisionDate}`);
      expect(one.hits.map((h) => h.id)).to.include(day.id);
    }
    await request(app).get('/api/search?from=2015&to=2010').expect(400);
    // The histogram's bars are links that narrow the range to their year.
    const page = await request(app).get('/search?offense=piracy').expect(200);
    expect(page.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).to.include('href="/search?offense=piracy&from=2012&to=2012"');
    await request(app).get('/api/search?from=2010-02-30').expect(400);
  });

  it('sorts by date both ways and paginates without overlap', async () => {
    const asc = await api('sort=date_asc&per_page=5');
    const dates = asc.hits.map((h) => h.decisionDate);
    expect(dates).to.deep.equal([...dates].sort());
    const p1 = await api('sort=date_asc&per_page=10&page=1');
    const p2 = await api('sort=date_asc&per_page=10&page=2');
    expect(p2.page).to.equal(2);
    expect(p1.hits.filter((h) => p2.hits.some((x) => x.id === h.id))).to.deep.equal([]);
  });

  it('tolerates typos in words but not in article numbers', async () => {
    const r = await api('q=pirasy%20seychelles');
    expect(r.total).to.be.greaterThan(0);
    expect(r.hits.some((h) => h.jurisdiction === 'SC')).to.equal(true);
    const cited110 = cases.filter((c) => c.provisions.includes('unclos/110')).map((c) => c.id);
    const r101 = await api('provision=unclos/101&per_page=100');
    expect(r101.total).to.equal(cases.filter((c) => c.provisions.includes('unclos/101')).length);
    expect(r101.hits.every((h) => h.provisions.includes('unclos/101'))).to.equal(true);
    void cited110;
  });

  it('finds a case through the synonyms of the field', async () => {
    const a = await api('q=LOSC&per_page=100');
    const b = await api('q=UNCLOS&per_page=100');
    expect(a.total).to.be.greaterThan(0);
    expect(a.hits.map((h) => h.id).sort()).to.deep.equal(b.hits.map((h) => h.id).sort());
    // Any name of an instrument finds every case citing one of its articles.
    const palermo = await api('q=Palermo%20Convention&per_page=100');
    const citing = cases.filter((c) => c.provisions.some((p) => p.startsWith('untoc/'))).map((c) => c.id);
    expect(citing.length).to.be.greaterThan(0);
    expect(palermo.hits.map((h) => h.id)).to.include.members(citing);
    const lawOfTheSea = await api('q=Law%20of%20the%20Sea%20Convention&per_page=100');
    expect(lawOfTheSea.hits.map((h) => h.id)).to.include.members(cases.filter((c) => c.provisions.some((p) => p.startsWith('unclos/'))).map((c) => c.id));
  });

  it('finds the same cases for French and Spanish names of offenses and instruments', async () => {
    const ids = (r: ApiResult) => new Set(r.hits.map((h) => h.id));
    const piracy = cases.filter((c) => c.offenses.includes('piracy')).map((c) => c.id);
    for (const q of ['piraterie', 'piratería']) {
      const r = await api(`q=${encodeURIComponent(q)}&per_page=100`);
      expect([...ids(r)], q).to.include.members(piracy);
    }
    const smuggling = cases.filter((c) => c.offenses.includes('migrant-smuggling')).map((c) => c.id);
    const fr = await api(`q=${encodeURIComponent('trafic illicite de migrants')}&per_page=100`);
    expect([...ids(fr)]).to.include.members(smuggling);
    const unclos = cases.filter((c) => c.provisions.some((p) => p.startsWith('unclos/'))).map((c) => c.id);
    const es = await api(`q=${encodeURIComponent('Convención de las Naciones Unidas sobre el Derecho del Mar')}&per_page=100&match=all`);
    expect([...ids(es)]).to.include.members(unclos);
  });

  it('marks matched words in snippets and escapes everything else', async () => {
    const r = await api('q=piracy');
    expect(r.hits[0]?.snippet).to.match(/<mark>piracy<\/mark>/i);
    const html = await request(app).get('/search?q=piracy').expect(200);
    expect(html.text).to.include('<mark>');
    expect(html.text).to.match(/<form class="searchbox"/);
  });

  it('selects whole instruments or single articles in the provision facet', async () => {
    const r = await api('provision=unclos&per_page=100');
    const expected = cases.filter((c) => c.provisions.some((p) => p.startsWith('unclos/')));
    expect(r.total).to.equal(expected.length);
    expect(r.facets.instrument?.unclos).to.equal(expected.length);
  });

  it('serves a case page with linked provisions, and its JSON twin', async () => {
    const c = cases.find((x) => x.provisions.length > 0) as CaseRecord;
    const page = await request(app).get(`/cases/${c.id}?q=court`).expect(200);
    expect(page.text).to.include(`href="/provisions/${c.provisions[0]}"`);
    expect(page.text).to.include('Back to the search');
    const json = await request(app).get(`/api/cases/${c.id}`).expect(200);
    expect(json.body.id).to.equal(c.id);
    expect(json.body.provisions).to.deep.equal(c.provisions);
    await request(app).get('/cases/no-such-case').expect(404);
    await request(app).get('/api/cases/BAD%20ID').expect(400);
  });

  it('offers similar cases with reasons, a citation in two styles and a permanent link', async () => {
    const res = await request(app).get('/api/cases/us-4thcir-2012-dire').expect(200);
    expect(res.body.similar).to.be.an('array').with.length.greaterThan(0);
    const first = res.body.similar[0];
    expect(first.id).to.not.equal('us-4thcir-2012-dire');
    expect(first.sharedProvisions.length + first.sharedOffenses.length + first.sharedTerms.length).to.be.greaterThan(0);
    expect(res.body.cite.bluebook).to.equal('United States v. Dire, 680 F.3d 446 (4th Cir. 2012)');
    expect(res.body.cite.oscola).to.equal('United States v Dire, 680 F.3d 446 (4th Cir 2012)');
    expect(res.body.permalink).to.match(/^http:\/\/127\.0\.0\.1:\d+\/cases\/us-4thcir-2012-dire$/);
    const neutral = await request(app).get('/api/cases/gb-ewca-2021-kakaei').expect(200);
    expect(neutral.body.cite.oscola).to.match(/^R v Kakaei \[2021\] EWCA Crim 503$/);
    const page = await request(app).get('/cases/us-4thcir-2012-dire').expect(200);
    expect(page.text).to.include('Similar cases');
    expect(page.text).to.include('<i>United States v. Dire</i>, 680 F.3d 446 (4th Cir. 2012)');
  });

  it('publishes every search as an Atom feed of its newest cases', async () => {
    const res = await request(app).get('/search.atom?offense=piracy&jurisdiction=SC').expect(200);
    expect(res.headers['content-type']).to.match(/application\/atom\+xml/);
    const expected = cases.filter((c) => c.jurisdiction === 'SC' && c.offenses.includes('piracy'));
    expect((res.text.match(/<entry>/g) ?? []).length).to.equal(expected.length);
    const newest = [...expected].sort((a, b) => b.decisionDate.localeCompare(a.decisionDate))[0] as CaseRecord;
    expect(res.text.indexOf(`/cases/${newest.id}`)).to.be.lessThan(res.text.indexOf('</entry>'));
    const page = await request(app).get('/search?offense=piracy').expect(200);
    expect(page.text).to.include('type="application/atom+xml"');
  });

  it('lists the cases applying a treaty article on its provision page, with facets', async () => {
    const applying = cases.filter((c) => c.provisions.includes('unclos/101'));
    const res = await request(app).get('/api/provisions/unclos/101').expect(200);
    expect(res.body.provision.title).to.equal('Definition of piracy');
    expect(res.body.cases.map((h: ApiHit) => h.id).sort()).to.deep.equal(applying.map((c) => c.id).sort());
    expect(res.body.facets.jurisdiction).to.be.an('object');
    const sc = await request(app).get('/api/provisions/unclos/101?jurisdiction=SC').expect(200);
    expect(sc.body.total).to.equal(applying.filter((c) => c.jurisdiction === 'SC').length);
    const html = await request(app).get('/provisions/unclos/101').expect(200);
    expect(html.text).to.include('Definition of piracy');
    const list = await request(app).get('/api/provisions').expect(200);
    const unclos = list.body.instruments.find((i: { id: string }) => i.id === 'unclos');
    expect(unclos.articles.find((a: { id: string }) => a.id === 'unclos/101').caseCount).to.equal(applying.length);
    await request(app).get('/provisions/unclos/999').expect(404);
    await request(app).get('/provisions/UNCLOS!/1').expect(400);
  });

  it('understands fielded terms, OR, exclusions and strict matching in the query', async () => {
    const byField = await api('q=provision:unclos/101&per_page=100');
    const byParam = await api('provision=unclos/101&per_page=100');
    expect(byField.hits.map((h) => h.id).sort()).to.deep.equal(byParam.hits.map((h) => h.id).sort());
    const years = await api('q=year:2010..2012&per_page=100');
    expect(years.total).to.equal(cases.filter((c) => c.decisionDate >= '2010' && c.decisionDate < '2013').length);
    const appeal = await api(`q=${encodeURIComponent('court:"Court of Appeal"')}&per_page=100`);
    expect(appeal.total).to.equal(cases.filter((c) => c.court.toLowerCase().includes('court of appeal')).length);
    const vessel = await api(`q=${encodeURIComponent('vessel:"Ocean Lady"')}`);
    expect(vessel.hits.map((h) => h.id)).to.deep.equal(['ca-scc-2015-appulonappa']);
    const none = await api(`q=${encodeURIComponent('vessel:"No Such Ship Anywhere"')}`);
    expect(none.total).to.equal(0);
    const a = await api('q=cocaine&per_page=100');
    const b = await api('q=hostages&per_page=100');
    const either = await api('q=cocaine%20OR%20hostages&per_page=100');
    expect(either.hits.map((h) => h.id).sort()).to.deep.equal([...new Set([...a.hits, ...b.hits].map((h) => h.id))].sort());
    const piracy = await api('q=piracy&per_page=100');
    const notKenya = await api('q=piracy%20-kenya&per_page=100');
    expect(notKenya.total).to.be.lessThan(piracy.total);
    const loose = await api('q=piracy%20zzzqqq');
    const strict = await api('q=piracy%20zzzqqq&match=all');
    expect(loose.total).to.be.greaterThan(0);
    expect(strict.total).to.equal(0);
    const help = await request(app).get('/help/search').expect(200);
    expect(help.text).to.include('provision:som-protocol/6');
  });

  it('draws the provision page chart and names the jurisdictions applying it most', async () => {
    const html = await request(app).get('/provisions/unclos/101').expect(200);
    expect(html.text).to.match(/<svg[^>]+role="group"[^>]+aria-label="Cases applying UNCLOS art\. 101/);
    const art6 = await request(app).get('/provisions/som-protocol/6').expect(200);
    expect(art6.text).to.match(/Uses the definitions of:[\s\S]*href="\/provisions\/som-protocol\/3"/);
    const bySc = cases.filter((c) => c.provisions.includes('unclos/101') && c.jurisdiction === 'SC').length;
    // Handlebars writes "=" in attributes as &#x3D;, which browsers read back as "=".
    expect(html.text.replace(/&#x3D;/g, '=')).to.include(`href="/provisions/unclos/101?jurisdiction=SC">Seychelles</a> (${bySc})`);
  });

  it('shows corpus statistics, each linked to its search, and compares provisions side by side', async () => {
    const stats = await request(app).get('/api/stats').expect(200);
    expect(stats.body.total).to.equal(cases.length);
    const us = stats.body.byJurisdiction.find((r: { value: string }) => r.value === 'US');
    expect(us.count).to.equal(cases.filter((c) => c.jurisdiction === 'US').length);
    expect(us.url).to.equal('/search?jurisdiction=US');
    expect(stats.body.byYear.reduce((n: number, y: { count: number }) => n + y.count, 0)).to.equal(cases.length);
    await request(app).get('/stats').expect(200).expect(/<svg/);
    const cmp = await request(app).get('/provisions/compare?ids=unclos/101&ids=sua/3').expect(200);
    expect(cmp.text).to.include('UNCLOS art. 101');
    expect(cmp.text).to.include('SUA art. 3');
    await request(app).get('/provisions/compare?ids=..%2F..%2Fetc').expect(400);
    const json = await request(app).get('/api/provisions/compare?ids=unclos/101&ids=sua/3').expect(200);
    expect(json.body.columns.map((c: { provision: { id: string } }) => c.provision.id)).to.deep.equal(['unclos/101', 'sua/3']);
    expect(json.body.columns[0].total).to.equal(cases.filter((c) => c.provisions.includes('unclos/101')).length);
    await request(app).get('/api/provisions/compare?ids=unclos/101').expect(400);
  });

  describe('hostile input', () => {
    it('keeps a quote-injection inside one filter value', async () => {
      const honest = await api('jurisdiction=KE');
      for (const evil of ['KE" OR jurisdiction = "US', 'KE\\', 'KE\\" OR jurisdiction != "X']) {
        const res = await request(app).get(`/api/search?jurisdiction=${encodeURIComponent(evil)}`);
        // Either rejected as invalid, or matched literally (no case has that code): never more than the honest value.
        expect(res.status).to.equal(400);
        expect(res.body.error.parameter).to.equal('jurisdiction');
      }
      expect(honest.total).to.be.greaterThan(0);
      const q = await api(`q=${encodeURIComponent('" OR jurisdiction = "US')}`);
      expect(q.total).to.be.at.most(cases.length);
    });

    it('answers 400, never 500, to invalid parameters, and ignores unknown ones', async () => {
      for (const qs of ['page=-1', 'page=abc', 'page=0', 'from=abc', 'to=2010-13', 'sort=random', 'court_level=basement', 'per_page=1000', 'offense=%3Cscript%3E', 'q=' + 'x'.repeat(600)]) {
        const res = await request(app).get(`/api/search?${qs}`);
        expect(res.status, qs).to.equal(400);
        expect(res.body.error.message, qs).to.be.a('string').and.match(/^Invalid parameter /);
        const html = await request(app).get(`/search?${qs}`);
        expect(html.status, qs).to.equal(400);
        expect(html.text).to.include('Invalid parameter');
        expect(html.text).not.to.include('<script>');
      }
      await request(app).get('/api/search?utm_source=x&foo[bar]=1').expect(200);
    });
  });
});

describe('escaping of hostile documents', function () {
  const prefix = uniquePrefix('escape');
  const names = namesFor(prefix);
  let app: Express;

  before(async function () {
    const dir = tmpDir('evil');
    const evil = {
      id: 'evil-case',
      title: '<script>alert(1)</script> "onmouseover="x',
      court: '<img src=x onerror=alert(2)>',
      courtLevel: 'appeal',
      jurisdiction: 'KE',
      decisionDate: '2011-05-03',
      offenses: ['piracy'],
      provisions: ['unclos/101'],
      sources: [{ name: 'x', url: 'javascript:alert(3)' }],
      summary: 'A piracy summary with <b>bold</b> & <script>alert(4)</script> inside.',
    };
    fs.writeFileSync(path.join(dir, 'evil.json'), JSON.stringify(evil));
    const admin = adminClient();
    await runIndex({ admin, names, corpusDir, paths: [dir] });
    app = createApp({ search: new SearchService(admin, names), catalogue: loadCatalogue(corpusDir) });
  });

  it('renders titles, metadata and snippets escaped on every page', async () => {
    for (const url of ['/search?q=piracy', '/search?q=script', '/cases/evil-case?q=piracy', '/provisions/unclos/101', '/search?jurisdiction=KE']) {
      const res = await request(app).get(url).expect(200);
      expect(res.text, url).not.to.match(/<script>alert|<img src=x|<b>bold/);
      expect(res.text, url).not.to.match(/href="javascript:/i);
    }
    const res = await request(app).get('/cases/evil-case?q=piracy');
    expect(res.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).to.include('<mark>piracy</mark>');
    const json = await request(app).get('/api/search?q=piracy%20summary').expect(200);
    const hit = json.body.hits.find((h: ApiHit) => h.id === 'evil-case');
    expect(hit.snippet).to.include('&lt;script&gt;');
    expect(hit.snippet).not.to.include('<script>');
  });
});

describe('when Meilisearch is down', () => {
  it('pages answer 503 with a clear message, JSON too, and /health says so', async () => {
    const dead = createClient('http://127.0.0.1:9', undefined, 2000);
    const app = createApp({ search: new SearchService(dead, namesFor('dead')), catalogue: loadCatalogue(corpusDir) });
    const page = await request(app).get('/search?q=piracy').expect(503);
    expect(page.text).to.include('search engine is not available');
    const json = await request(app).get('/api/search?q=piracy').expect(503);
    expect(json.body.error.status).to.equal(503);
    await request(app).get('/health').expect(503);
  });

  it('an engine that takes the connection and never answers gets a 503 once the timeout is up, not a hang', async () => {
    // Accepts, reads, never writes: a stalled or black-holed Meilisearch.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const app = createApp({ search: new SearchService(createClient(`http://127.0.0.1:${port}`, undefined, 500), namesFor('silent')), catalogue: loadCatalogue(corpusDir) });
      const started = performance.now();
      const page = await request(app).get('/search?q=piracy').expect(503);
      const elapsed = performance.now() - started;
      expect(page.text).to.include('search engine is not available');
      // Bounded by the client's 500 ms timeout (not timed for speed: a hang would be minutes).
      expect(elapsed).to.be.below(10_000);
      expect(sockets.size).to.be.greaterThan(0);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
