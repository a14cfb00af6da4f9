import { expect } from 'chai';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../engine/config.js';
import { createClient, ensureSearchKey } from '../engine/meili-client.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { runIndex } from '../indexer/pipeline.js';
import { createApp } from '../server/app.js';
import { SearchService } from '../server/search-service.js';
import { testEngine } from './support/hooks.js';
import { adminClient, namesFor, uniquePrefix } from './support/fixtures.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('in a real browser (Debian Chromium driven by playwright-core)', function () {
  this.timeout(180_000);
  let server: Server;
  let base = '';
  let browser: Browser;
  let page: Page;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      // .ci/run installs Chromium; a developer machine without it skips these tests.
      console.warn(`      (skipped: no Chromium at ${CHROMIUM}; install Debian's chromium package)`);
      this.skip();
    }
    const prefix = uniquePrefix('browser');
    const admin = adminClient();
    await runIndex({ admin, names: namesFor(prefix), corpusDir: path.join(ROOT, 'corpus') });
    const key = await ensureSearchKey(admin, prefix);
    const app = createApp({ search: new SearchService(createClient(testEngine().url, key), namesFor(prefix)), catalogue: loadCatalogue(path.join(ROOT, 'corpus')), apiRateLimit: 0 });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    // bypassCSP only so that the test can inject axe-core; the site itself runs no script.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(() => r(undefined)) : r(undefined)));
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  async function axe(label: string): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad, `${label}: ${JSON.stringify(bad)}`).to.deep.equal([]);
  }

  it('searches, ticks and unticks facets, sets dates, pages, opens a case and comes back with the state intact', async () => {
    await page.goto(`${base}/search`);
    await page.fill('#q', 'piracy');
    await page.press('#q', 'Enter');
    await page.waitForURL(/q=piracy/);
    const before = await page.locator('.hit').count();
    expect(before).to.be.greaterThan(5);
    await page.locator('.facet a', { hasText: 'Seychelles' }).first().click();
    await page.waitForURL(/jurisdiction=SC/);
    expect(await page.locator('.chip', { hasText: 'Jurisdiction: Seychelles' }).count()).to.equal(1);
    const sc = await page.locator('.hit').count();
    expect(sc).to.be.lessThan(before);
    await page.locator('.facet a', { hasText: 'Kenya' }).first().click();
    await page.waitForURL(/jurisdiction=KE/);
    expect(await page.locator('.hit').count()).to.be.greaterThan(sc);
    await page.locator('.facet a.selected', { hasText: 'Kenya' }).click();
    await page.waitForURL((u) => !u.search.includes('KE'));
    await page.fill('input[name=from]', '2010');
    await page.fill('input[name=to]', '2012');
    await page.click('form.dates button');
    await page.waitForURL(/from=2010.*to=2012|to=2012.*from=2010/);
    const dates = await page.locator('.hit time').allTextContents();
    expect(dates.every((d) => d >= '2010' && d < '2013')).to.equal(true);
    await shot('search-filtered');
    await axe('search page');
    const firstTitle = (await page.locator('.hit h3 a').first().textContent())?.trim() ?? '';
    const searchUrl = page.url();
    await page.locator('.hit h3 a').first().click();
    await page.waitForURL(/\/cases\//);
    expect((await page.locator('h1').textContent())?.trim()).to.equal(firstTitle);
    await shot('case');
    await axe('case page');
    await page.goBack();
    expect(page.url()).to.equal(searchUrl);
    expect(await page.locator('.chip', { hasText: 'Jurisdiction: Seychelles' }).count()).to.equal(1);
    expect(await page.inputValue('input[name=from]')).to.equal('2010');
  });

  it('pages through results and opens a provision page from a case', async () => {
    await page.goto(`${base}/search`);
    await page.click('a[rel=next]');
    await page.waitForURL(/page=2/);
    expect(await page.locator('.pagination a.current').textContent()).to.equal('2');
    await page.goto(`${base}/cases/us-4thcir-2012-dire`);
    await page.locator('a.tag.provision', { hasText: 'UNCLOS art. 101' }).first().click();
    await page.waitForURL(/\/provisions\/unclos\/101/);
    expect(await page.locator('h1').textContent()).to.match(/Definition of piracy/);
    await shot('provision');
    await axe('provision page');
    for (const url of ['/provisions', '/stats', '/pack', '/help/search', '/provisions/compare']) {
      await page.goto(base + url);
      await axe(url);
    }
  });

  it('works with the keyboard alone', async () => {
    await page.goto(`${base}/search`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.match(/Skip to content/);
    // Tab until the search box has focus, type, and submit with Enter.
    for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.id)) !== 'q'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('q');
    await page.keyboard.type('migrants');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=migrants/);
    // Focus a facet value with the keyboard and open it with Enter.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => !!document.activeElement?.closest('.facet ul'))) break;
    }
    expect(await page.evaluate(() => !!document.activeElement?.closest('.facet ul'))).to.equal(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/jurisdiction=|offense=|court_level=|provision=/);
    const focusVisible = await page.evaluate(() => getComputedStyle(document.querySelector('#q') as Element).outlineStyle);
    expect(focusVisible).to.be.a('string');
  });
});
