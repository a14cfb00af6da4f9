import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { ROOT } from '../engine/config.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { isIndexStale, runIndex } from '../indexer/pipeline.js';
import { createApp } from '../server/app.js';
import { SearchService } from '../server/search-service.js';
import { adminClient, namesFor, tmpDir, uniquePrefix } from './support/fixtures.js';

const corpusDir = path.join(ROOT, 'corpus');
const bundled = fs.readdirSync(path.join(corpusDir, 'cases')).length;

describe('reindexing', function () {
  const prefix = uniquePrefix('reindex');
  const names = namesFor(prefix);

  it('detects a missing or stale index, and a fresh one', async () => {
    const admin = adminClient();
    expect(await isIndexStale(admin, names, corpusDir)).to.equal(true);
    await runIndex({ admin, names, corpusDir });
    expect(await isIndexStale(admin, names, corpusDir)).to.equal(false);
    const copy = tmpDir('corpus');
    fs.cpSync(corpusDir, copy, { recursive: true });
    expect(await isIndexStale(admin, names, copy)).to.equal(false);
    fs.writeFileSync(path.join(copy, 'cases', 'zz-new.json'), JSON.stringify({ id: 'zz-new', title: 'New v Case', jurisdiction: 'FR', decisionDate: '2020-01-01' }));
    expect(await isIndexStale(admin, names, copy)).to.equal(true);
  });

  it('serves complete answers while a full reindex swaps the index in', async () => {
    const admin = adminClient();
    const app = createApp({ search: new SearchService(admin, names), catalogue: loadCatalogue(corpusDir), apiRateLimit: 0 });
    let done = false;
    const reindex = runIndex({ admin, names, corpusDir }).finally(() => {
      done = true;
    });
    const totals: number[] = [];
    const statuses: number[] = [];
    while (!done) {
      const batch = await Promise.all(Array.from({ length: 4 }, () => request(app).get('/api/search?per_page=1')));
      for (const r of batch) {
        statuses.push(r.status);
        totals.push(r.body.total as number);
      }
    }
    await reindex;
    expect(statuses.length).to.be.greaterThan(4);
    expect(new Set(statuses)).to.deep.equal(new Set([200]));
    // Every answer came from a complete index: never a partial count.
    expect(new Set(totals)).to.deep.equal(new Set([bundled]));
  });

  it('leaves the old index serving when a rebuild fails', async () => {
    const admin = adminClient();
    const broken = tmpDir('broken');
    fs.cpSync(corpusDir, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'offenses.json'), '{ not json');
    let error: unknown;
    try {
      await runIndex({ admin, names, corpusDir: broken });
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.match(/offenses\.json/);
    const res = await admin.index(names.cases).search('', { limit: 0 });
    expect(res.estimatedTotalHits).to.equal(bundled);
  });
});
