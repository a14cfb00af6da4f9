#!/usr/bin/env tsx
/**
 * `npm run screenshots -- [base URL]`: takes screenshots of the main pages with Debian's
 * headless Chromium (playwright-core) into docs/screenshots/, for the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from '../engine/config.js';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = path.join(ROOT, 'docs', 'screenshots');
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/cases/us-4thcir-2012-dire`);
  await page.click('form.add-to-pack button');
  await page.goto(`${base}/cases/ke-coa-2012-ag-v-hashi`);
  await page.click('form.add-to-pack button');
  const shots: Array<[string, string]> = [
    ['search', '/search?q=piracy&jurisdiction=SC&jurisdiction=KE'],
    ['case', '/cases/us-4thcir-2012-dire?q=piracy'],
    ['provision', '/provisions/unclos/101'],
    ['provisions', '/provisions'],
    ['compare', '/provisions/compare?ids=som-protocol/8&ids=unclos/110'],
    ['stats', '/stats'],
    ['pack', '/pack'],
    ['handout', '/pack/print'],
  ];
  for (const [name, url] of shots) {
    await page.goto(base + url);
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    console.log(`${name}: ${url}`);
  }
} finally {
  await browser.close();
}
