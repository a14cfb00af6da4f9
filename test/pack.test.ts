import { expect } from 'chai';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { ROOT } from '../engine/config.js';
import { createClient, ensureSearchKey } from '../engine/meili-client.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { runIndex } from '../indexer/pipeline.js';
import type { CaseRecord } from '../indexer/types.js';
import { createApp } from '../server/app.js';
import { applyPackAction, emptyPack, packFromCookie } from '../server/pack.js';
import { SearchService } from '../server/search-service.js';
import { csvCell } from '../server/export-format.js';
import { testEngine } from './support/hooks.js';
import { adminClient, loadCorpusCases, namesFor, uniquePrefix } from './support/fixtures.js';

const corpusDir = path.join(ROOT, 'corpus');
const cases: CaseRecord[] = loadCorpusCases();

describe('workshop packs and exports (real Meilisearch, real HTTP)', function () {
  const prefix = uniquePrefix('pack');
  let app: Express;

  before(async function () {
    const admin = adminClient();
    await runIndex({ admin, names: namesFor(prefix), corpusDir });
    const key = await ensureSearchKey(admin, prefix);
    app = createApp({ search: new SearchService(createClient(testEngine().url, key), namesFor(prefix)), catalogue: loadCatalogue(corpusDir) });
  });

  it('edits a pack held in a cookie: add, reorder, annotate, name, remove', async () => {
    const agent = request.agent(app);
    for (const id of ['us-4thcir-2012-dire', 'ke-coa-2012-ag-v-hashi', 'gb-ewca-2021-kakaei']) {
      await agent.post('/pack').type('form').send({ op: 'add', id, back: '/search?q=piracy' }).expect(303).expect('location', '/search?q=piracy');
    }
    await agent.post('/pack').type('form').send({ op: 'move', id: 'gb-ewca-2021-kakaei', dir: 'up', back: '/pack' }).expect(303);
    await agent.post('/pack').type('form').send({ op: 'note', id: 'us-4thcir-2012-dire', note: 'Discuss <b>robbery</b> not required', back: '/pack' }).expect(303);
    await agent.post('/pack').type('form').send({ op: 'name', name: 'Piracy day 1', back: 'https://evil.example/' }).expect(303).expect('location', '/pack');
    const json = await agent.get('/api/pack').expect(200);
    expect(json.body.name).to.equal('Piracy day 1');
    expect(json.body.cases.map((c: { id: string }) => c.id)).to.deep.equal(['us-4thcir-2012-dire', 'gb-ewca-2021-kakaei', 'ke-coa-2012-ag-v-hashi']);
    expect(json.body.cases[0].note).to.equal('Discuss <b>robbery</b> not required');
    const page = await agent.get('/pack').expect(200);
    expect(page.text).to.include('Discuss &lt;b&gt;robbery&lt;/b&gt; not required');
    expect(page.text).to.include('Workshop pack (3)');
    await agent.post('/pack').type('form').send({ op: 'remove', id: 'gb-ewca-2021-kakaei', back: '/pack' }).expect(303);
    expect((await agent.get('/api/pack')).body.cases).to.have.length(2);
    await agent.post('/pack').type('form').send({ op: 'explode' }).expect(400);
  });

  it('shares a pack by URL and exports it as handout, Markdown, CSV and JSON', async () => {
    const q = 'ids=us-4thcir-2012-dire,ke-coa-2012-ag-v-hashi&name=Shared%20pack';
    const print = await request(app).get(`/pack/print?${q}`).expect(200);
    expect(print.text).to.include('class="cover"');
    expect((print.text.match(/class="case-page"/g) ?? []).length).to.equal(2);
    expect(print.text).to.include('print.css');
    const md = await request(app).get(`/pack/export.md?${q}`).expect(200);
    expect(md.text).to.match(/^# Shared pack/);
    expect(md.text).to.include('## 1. United States v. Dire');
    const csv = await request(app).get(`/pack/export.csv?${q}`).expect(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/^\uFEFF?position,id,title/);
    const json = await request(app).get(`/pack/export.json?${q}`).expect(200);
    expect(JSON.parse(json.text).cases).to.have.length(2);
    await request(app).get('/pack?ids=BAD%20ID').expect(400);
  });

  it('exports a whole search as CSV and JSON, every result, with the filters applied', async () => {
    const all = await request(app).get('/search/export.json').expect(200);
    const body = JSON.parse(all.text) as { cases: Array<{ id: string }>; total: number };
    expect(body.total).to.equal(cases.length);
    const piracy = await request(app).get('/search/export.csv?offense=piracy&jurisdiction=SC').expect(200);
    const rows = piracy.text.trim().split('\r\n').slice(1);
    expect(rows).to.have.length(cases.filter((c) => c.jurisdiction === 'SC' && c.offenses.includes('piracy')).length);
    const words = await request(app).get('/search/export.json?q=cocaine').expect(200);
    expect(JSON.parse(words.text).total).to.be.greaterThan(0);
    await request(app).get('/search/export.xml').expect(404);
  });

  it('neutralises spreadsheet formulas and quotes in CSV cells', () => {
    expect(csvCell('=HYPERLINK("http://x")')).to.equal(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('a,b')).to.equal('"a,b"');
    expect(csvCell(['x', 'y'])).to.equal('x; y');
  });

  it('ignores a forged or damaged pack cookie', () => {
    expect(packFromCookie('{"items":[{"id":"../etc"}]}')).to.deep.equal(emptyPack());
    expect(packFromCookie('not json')).to.deep.equal(emptyPack());
    const p = applyPackAction(emptyPack(), { op: 'add', id: 'a' });
    expect(applyPackAction(p, { op: 'move', id: 'a', dir: 'up' })).to.deep.equal(p);
  });
});
