import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../engine/config.js';
import request from 'supertest';
import { loadCatalogue } from '../indexer/catalogue.js';
import { runIndex } from '../indexer/pipeline.js';
import { createApp } from '../server/app.js';
import { SearchService } from '../server/search-service.js';
import { adminClient, hasSharedData, makeEncryptedPdf, makeImageOnlyPdf, makePdf, namesFor, SHARED_DATA, tmpDir, uniquePrefix } from './support/fixtures.js';

const corpusDir = path.join(ROOT, 'corpus');

describe('ingestion of every input kind (real Meilisearch)', function () {
  const prefix = uniquePrefix('ingest');
  const names = namesFor(prefix);
  let admin: ReturnType<typeof adminClient>;
  const dir = tmpDir('inputs');
  const bundled = fs.readdirSync(path.join(corpusDir, 'cases')).length;

  async function caseDoc(id: string): Promise<Record<string, unknown> | undefined> {
    const r = await admin.index(names.cases).search('', { filter: `id = "${id}"` });
    return r.hits[0] as Record<string, unknown> | undefined;
  }

  before(async function () {
    admin = adminClient();
    fs.writeFileSync(path.join(dir, 'record.json'), JSON.stringify({
      id: 'test-json-record', title: 'Republic v Testcase', court: 'Supreme Court of Seychelles', courtLevel: 'first-instance',
      jurisdiction: 'SC', decisionDate: '2011-02-28', offenses: ['piracy'], provisions: ['unclos/101'], summary: 'A zanzibarite skiff attacked a tanker.',
    }));
    fs.writeFileSync(path.join(dir, 'front-matter.md'), [
      '---', 'id: test-markdown-record', 'title: Regina v Markdownson', 'court: Crown Court at Canterbury', 'courtLevel: first-instance',
      'jurisdiction: GB', 'decisionDate: 2019-06-14', 'offenses: [migrant-smuggling]', 'provisions: [som-protocol/6]', '---',
      'The defendant steered a quokkaboat carrying twelve migrants across the Channel.', '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'judgment.pdf'), await makePdf([
      ['IN THE HIGH COURT OF KENYA AT MOMBASA', 'REPUBLIC v. ABDI WARSAME & 5 OTHERS', 'JUDGMENT'],
      ['1. The accused were arrested by a naval vessel on the high seas after attacking the MV Wombatstar.', '2. They were charged with piracy under section 69 of the Penal Code (Cap. 63).', 'Delivered on 12th day of March 2010'],
    ]));
    fs.writeFileSync(path.join(dir, 'judgment.meta.json'), JSON.stringify({ id: 'test-pdf-with-sidecar', title: 'Republic v Abdi Warsame & 5 others', offenses: ['piracy'], courtLevel: 'first-instance', provisions: ['unclos/105'] }));
    fs.writeFileSync(path.join(dir, 'raw-judgment.txt'), [
      'SUPREME COURT OF THE SEYCHELLES', 'The Republic v. Farah Jelleh', '',
      '1. On 3 January 2012 the accused, in a skiff with ladders, approached the fishing vessel Narwhalia on the high seas and fired at it.',
      '2. The prosecution relies on Article 101 of UNCLOS and section 65 of the Penal Code.', '3. The accused are convicted of piracy. The pirate skiff was seized by the warship.',
      '', 'Delivered at Victoria on 5 November 2012.',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'corrupt.pdf'), 'not a pdf, just bytes');
    fs.writeFileSync(path.join(dir, 'empty.pdf'), '');
    fs.writeFileSync(path.join(dir, 'encrypted.pdf'), makeEncryptedPdf());
    fs.writeFileSync(path.join(dir, 'scan.pdf'), await makeImageOnlyPdf());
    fs.writeFileSync(path.join(dir, 'bad-record.json'), JSON.stringify({ id: 'Bad Id!', title: '' }));
    fs.writeFileSync(path.join(dir, 'notes.docx'), 'binary');
  });

  it('indexes the good files and reports each bad one by name, with its reason', async () => {
    const report = await runIndex({ admin, names, corpusDir, paths: [dir] });
    const failed = Object.fromEntries(report.failed.map((f) => [path.basename(f.path), f.reason]));
    expect(failed['corrupt.pdf']).to.match(/corrupt PDF/);
    expect(failed['empty.pdf']).to.match(/empty/);
    expect(failed['encrypted.pdf']).to.match(/encrypted/);
    expect(failed['scan.pdf']).to.match(/no text layer/);
    expect(failed['bad-record.json']).to.match(/id .*lower-case/);
    expect(report.skipped.map((s) => path.basename(s.path))).to.deep.equal(['notes.docx']);
    expect(report.cases).to.equal(4);
    // The corpus was built first (the index did not exist), so the new files joined a complete index.
    const all = await admin.index(names.cases).search('', { limit: 0 });
    expect(all.estimatedTotalHits).to.equal(bundled + 4);
  });

  it('reads structured JSON and Markdown records', async () => {
    expect((await caseDoc('test-json-record'))?.jurisdiction).to.equal('SC');
    const md = await caseDoc('test-markdown-record');
    expect(md?.decisionDate).to.equal('2019-06-14');
    expect(md?.summary).to.match(/quokkaboat/);
    const hit = await admin.index(names.cases).search('quokkaboat');
    expect(hit.hits.map((h) => h.id)).to.deep.equal(['test-markdown-record']);
  });

  it('reads a PDF, with its sidecar overriding detected fields and the rest detected', async () => {
    const doc = await caseDoc('test-pdf-with-sidecar');
    expect(doc?.title).to.equal('Republic v Abdi Warsame & 5 others');
    expect(doc?.jurisdiction).to.equal('KE');
    expect(doc?.decisionDate).to.equal('2010-03-12');
    expect(doc?.provisions).to.deep.equal(['unclos/105']);
    expect(doc?.originalFile).to.match(/judgment\.pdf$/);
    const found = await admin.index(names.passages).search('Wombatstar', { filter: 'caseId = "test-pdf-with-sidecar"' });
    expect(found.hits).to.have.length(1);
    // Search results show the best passage of the judgment itself, with its paragraph number.
    const app = createApp({ search: new SearchService(admin, names), catalogue: loadCatalogue(corpusDir) });
    const res = await request(app).get('/api/search?q=Wombatstar').expect(200);
    expect(res.body.hits[0].id).to.equal('test-pdf-with-sidecar');
    expect(res.body.hits[0].passage.snippet).to.include('<mark>Wombatstar</mark>');
    expect(res.body.hits[0].passage.paragraphs).to.include('1');
  });

  it('reads a plain-text judgment and detects its metadata', async () => {
    const doc = await caseDoc('raw-judgment');
    expect(doc?.jurisdiction).to.equal('SC');
    expect(doc?.decisionDate).to.equal('2012-11-05');
    expect(doc?.offenses).to.include('piracy');
    expect(doc?.provisions).to.include('unclos/101');
    expect(doc?.statutes).to.satisfy((s: string[]) => s.some((x) => /section 65 of the Penal Code/.test(x)));
  });

  it('shows on the case page where each detected field came from, and links citations to provisions', async () => {
    const app = createApp({ search: new SearchService(admin, names), catalogue: loadCatalogue(corpusDir) });
    const page = await request(app).get('/cases/raw-judgment?q=skiff').expect(200);
    expect(page.text).to.include('How this record was built');
    expect(page.text).to.match(/<a class="cite" href="\/provisions\/unclos\/101" title="UNCLOS art\. 101[^"]*">Article 101 of UNCLOS<\/a>/);
    expect(page.text).to.include('<mark>skiff</mark>');
    expect(page.text).to.match(/Best passages for “skiff”[\s\S]*href="#p0">¶ 1/);
    const json = await request(app).get('/api/cases/raw-judgment').expect(200);
    const fields = (json.body.provenance as Array<{ field: string; value: string; start: number; end: number; text: string }>);
    const date = fields.find((p) => p.field === 'decisionDate');
    expect(date?.value).to.equal('2012-11-05');
    expect(date?.text).to.equal('5 November 2012');
  });

  it('serves the original PDF for download, and nothing outside the indexed folders', async () => {
    const app = createApp({ search: new SearchService(admin, names), catalogue: loadCatalogue(corpusDir), documentRoots: [corpusDir] });
    const page = await request(app).get('/cases/test-pdf-with-sidecar').expect(200);
    expect(page.text).to.include('href="/cases/test-pdf-with-sidecar/original"');
    const pdf = await request(app).get('/cases/test-pdf-with-sidecar/original').buffer(true).expect(200);
    expect(pdf.headers['content-type']).to.match(/application\/pdf/);
    expect(pdf.headers['content-disposition']).to.match(/attachment; filename="test-pdf-with-sidecar\.pdf"/);
    for (const evil of ['/cases/..%2F..%2Fetc%2Fpasswd/original', '/cases/%2e%2e/original', '/cases/test-pdf-with-sidecar%2F..%2F..%2Fetc/original']) {
      const res = await request(app).get(evil);
      expect(res.status, evil).to.be.oneOf([400, 404]);
      expect(res.text).not.to.match(/root:x:0/);
    }
    await request(app).get('/cases/test-json-record/original').expect(404);
    // A symlink swapped in for the indexed file must not lead outside.
    const file = path.join(dir, 'judgment.pdf');
    const saved = fs.readFileSync(file);
    fs.rmSync(file);
    fs.symlinkSync('/etc/passwd', file);
    try {
      const res = await request(app).get('/cases/test-pdf-with-sidecar/original');
      expect(res.status).to.equal(404);
      expect(res.text).not.to.match(/root:x:0/);
    } finally {
      fs.rmSync(file);
      fs.writeFileSync(file, saved);
    }
  });

  it('does not duplicate a file ingested twice, nor the same PDF under another name', async () => {
    const again = await runIndex({ admin, names, corpusDir, paths: [path.join(dir, 'judgment.pdf'), path.join(dir, 'record.json')] });
    expect(again.failed).to.deep.equal([]);
    fs.copyFileSync(path.join(dir, 'judgment.pdf'), path.join(dir, 'copy-of-judgment.pdf'));
    const copy = await runIndex({ admin, names, corpusDir, paths: [path.join(dir, 'copy-of-judgment.pdf')] });
    expect(copy.warnings.map((w) => w.message).join(' ')).to.match(/same content/);
    const all = await admin.index(names.cases).search('', { limit: 0 });
    expect(all.estimatedTotalHits).to.equal(bundled + 4);
    const passages = await admin.index(names.passages).search('Wombatstar');
    expect(passages.hits).to.have.length(1);
  });

  it('keeps added files across a full rebuild of the corpus', async () => {
    const report = await runIndex({ admin, names, corpusDir });
    expect(report.mode).to.equal('full');
    expect(await caseDoc('test-pdf-with-sidecar')).to.not.equal(undefined);
  });

  it('indexes every word of a judgment longer than the engine indexes per attribute', async () => {
    const words = Array.from({ length: 90_000 }, (_, i) => `word${i % 500}`);
    const text = `IN THE HIGH COURT OF KENYA\nRepublic v Longcase\n\n${words.join(' ')} the vessel zyxwvutsrq was seized at sea.`;
    const file = path.join(tmpDir('long'), 'long.txt');
    fs.writeFileSync(file, text);
    const report = await runIndex({ admin, names, corpusDir, paths: [file] });
    expect(report.failed).to.deep.equal([]);
    expect(report.passages).to.be.greaterThan(200);
    const res = await admin.index(names.cases).search('zyxwvutsrq', { facets: ['jurisdiction'] });
    expect(res.hits.map((h) => h.id)).to.deep.equal(['long']);
    expect(res.facetDistribution?.jurisdiction).to.deep.equal({ KE: 1 });
    const passage = await admin.index(names.passages).search('zyxwvutsrq');
    expect(passage.hits.map((h) => h.caseId)).to.deep.equal(['long']);
  });

  it('ingests an official treaty text and splits it into articles', async () => {
    const file = path.join(tmpDir('treaty'), 'som.txt');
    fs.writeFileSync(file, [
      'Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations Convention against Transnational Organized Crime', '',
      ...Array.from({ length: 8 }, (_, i) => `Article ${i + 1}\nHeading ${i + 1}\n\n1. Paragraph text of article ${i + 1} about quetzalcoatl.\n`),
    ].join('\n'));
    const report = await runIndex({ admin, names, corpusDir, paths: [file] });
    expect(report.failed).to.deep.equal([]);
    expect(report.instruments).to.equal(1);
    const art = await admin.index(names.provisions).search('', { filter: 'id = "som-protocol/6"' });
    const doc = art.hits[0] as { paragraphs: string[]; summary: string; title: string } | undefined;
    expect(doc?.paragraphs[0]).to.include('article 6 about quetzalcoatl');
    expect(doc?.title).to.equal('Criminalization'); // our catalogue heading is kept
    expect(doc?.summary.length).to.be.greaterThan(20);
  });

  (hasSharedData ? it : it.skip)('ingests the official Smuggling of Migrants Protocol, linking its definitions and cross-references', async () => {
    const file = path.join(SHARED_DATA, 'treaties', 'smuggling-of-migrants-protocol-2000_BWBV0001750.md');
    const report = await runIndex({ admin, names, corpusDir, paths: [file] });
    expect(report.failed).to.deep.equal([]);
    const art3 = (await admin.index(names.provisions).search('', { filter: 'id = "som-protocol/3"' })).hits[0] as { defines: string[]; paragraphs: string[] };
    expect(art3.defines).to.include.members(['smuggling of migrants', 'illegal entry', 'vessel']);
    expect(art3.paragraphs.join(' ')).to.match(/procurement/);
    const art9 = (await admin.index(names.provisions).search('', { filter: 'id = "som-protocol/9"' })).hits[0] as { refersTo: string[] };
    expect(art9.refersTo).to.include('som-protocol/8');
    const app = createApp({ search: new SearchService(admin, names), catalogue: loadCatalogue(corpusDir) });
    const page = await request(app).get('/provisions/som-protocol/9').expect(200);
    expect(page.text).to.match(/<a class="cite" href="\/provisions\/som-protocol\/8"/);
  });

  (hasSharedData ? it : it.skip)('ingests the real appellate opinions in ../shared/data as US cases with no maritime offense', async () => {
    const dir2 = path.join(SHARED_DATA, 'judgments', 'non-maritime-controls');
    const report = await runIndex({ admin, names, corpusDir, paths: [dir2] });
    expect(report.failed).to.deep.equal([]);
    expect(report.cases).to.equal(2);
    const dc = await caseDoc('dc-circuit-07-3125-1229519');
    expect(dc?.jurisdiction).to.equal('US');
    expect(dc?.courtLevel).to.equal('appeal');
    expect(dc?.decisionDate).to.equal('2010-02-05');
    expect(dc?.offenses).to.deep.equal([]);
    const fifth = await caseDoc('5thcircuit-07-30815-cr0-wpd');
    expect(fifth?.jurisdiction).to.equal('US');
    expect(fifth?.offenses).to.deep.equal([]);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));
});
