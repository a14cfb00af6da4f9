import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { ROOT } from '../engine/config.js';
import { freePort } from '../engine/meili-process.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { runIndex } from '../indexer/pipeline.js';
import { createApp } from '../server/app.js';
import { SearchService } from '../server/search-service.js';
import { createClient, ensureSearchKey } from '../engine/meili-client.js';
import { testEngine } from './support/hooks.js';
import { adminClient, namesFor, uniquePrefix } from './support/fixtures.js';

const corpusDir = path.join(ROOT, 'corpus');

describe('security headers, keys and several servers on one Meilisearch', function () {
  this.timeout(180_000);
  const prefix = uniquePrefix('sec');

  before(async () => {
    await runIndex({ admin: adminClient(), names: namesFor(prefix), corpusDir });
  });

  it('sends a CSP without inline scripts, forbids framing and sniffing', async () => {
    const key = await ensureSearchKey(adminClient(), prefix);
    const app = createApp({ search: new SearchService(createClient(testEngine().url, key), namesFor(prefix)), catalogue: loadCatalogue(corpusDir) });
    for (const url of ['/search?q=piracy', '/api/search', '/cases/us-4thcir-2012-dire', '/no/such/page']) {
      const res = await request(app).get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).to.match(/script-src 'self'/);
      expect(csp, url).not.to.match(/unsafe-inline|unsafe-eval/);
      expect(csp, url).to.match(/frame-ancestors 'none'/);
      expect(res.headers['x-frame-options']).to.equal('DENY');
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['x-powered-by']).to.equal(undefined);
      expect(res.text, url).not.to.include(testEngine().masterKey);
    }
    const page = await request(app).get('/search');
    expect(page.text).not.to.match(/<script/i);
  });

  it('runs two server processes against one Meilisearch with identical answers, never showing the master key', async () => {
    const env = { ...process.env, MEILI_URL: testEngine().url, MEILI_MASTER_KEY: testEngine().masterKey, MEILI_INDEX_PREFIX: prefix, SKIP_INDEX: '1', NODE_ENV: 'production', API_RATE_LIMIT: '0', PUBLIC_URL: 'https://cases.example.org' };
    const ports = [await freePort(), await freePort()];
    const procs: ChildProcess[] = [];
    const logs: string[] = ['', ''];
    try {
      for (const [i, port] of ports.entries()) {
        const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'server', 'main.ts')], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout?.on('data', (d: Buffer) => (logs[i] += d.toString()));
        child.stderr?.on('data', (d: Buffer) => (logs[i] += d.toString()));
        procs.push(child);
      }
      for (let i = 0; i < 2; i++) {
        const deadline = Date.now() + 60_000;
        while (!(logs[i] ?? '').includes('is running at') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        expect(logs[i], `server ${i} did not start: ${logs[i]}`).to.include('is running at');
      }
      for (const q of ['/api/search?q=piracy&jurisdiction=SC', '/api/search?offense=migrant-smuggling&sort=date_asc', '/api/provisions/unclos/101', '/api/cases/us-4thcir-2012-dire']) {
        const [a, b] = await Promise.all(ports.map((p) => fetch(`http://127.0.0.1:${p}${q}`).then((r) => r.json())));
        expect(a, q).to.deep.equal(b);
      }
      const page = await (await fetch(`http://127.0.0.1:${ports[0]}/search?q=piracy`)).text();
      expect(page).not.to.include(testEngine().masterKey);
    } finally {
      for (const p of procs) p.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
    }
    for (const log of logs) expect(log).not.to.include(testEngine().masterKey);
  });
});
