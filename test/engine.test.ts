import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { loadEngineConfig } from '../engine/config.js';
import { connectEngine } from '../engine/connect.js';
import { describeError, EngineBinaryNotFoundError, EngineConfigError } from '../engine/errors.js';
import { addDocuments, apiErrorCode, createClient, createFreshIndex, enqueueDocuments, ensureSearchKey, isNotFound, isUnavailable, settle, verifyIndex } from '../engine/meili-client.js';
import { caseSettings } from '../engine/settings.js';
import { ensureMasterKey, locateMeilisearchBinary } from '../engine/meili-process.js';
import { testEngine } from './support/hooks.js';
import { adminClient, tmpDir, uniquePrefix } from './support/fixtures.js';

describe('engine', () => {
  it('generates the master key once, readable by its owner only', () => {
    const dir = tmpDir('key');
    const key = ensureMasterKey(dir);
    expect(key).to.match(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dir, 'master.key')).mode & 0o777).to.equal(0o600);
    expect(ensureMasterKey(dir)).to.equal(key);
  });

  it('says what to install or set when no binary can be found', () => {
    expect(() => locateMeilisearchBinary({ meiliBin: '/nonexistent/meilisearch', dataDir: tmpDir('bin') })).to.throw(EngineBinaryNotFoundError, /MEILI_BIN/);
  });

  it('refuses, in production, a Meilisearch without a key', async () => {
    const config = loadEngineConfig({ MEILI_URL: 'http://127.0.0.1:9' });
    let err: unknown;
    try {
      await connectEngine({ config, production: true });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(EngineConfigError);
    expect(String(err)).to.match(/MEILI_SEARCH_KEY/);
  });

  it('tells an error answer (with its reason and code) from an engine that is not there', async () => {
    const missing = await adminClient().getIndex(uniquePrefix('absent')).catch((e: unknown) => e);
    expect(isNotFound(missing)).to.equal(true);
    expect(isUnavailable(missing)).to.equal(false);
    expect(apiErrorCode(missing)).to.equal('index_not_found');
    expect(describeError(missing)).to.match(/Index `[^`]+` not found/);
    const dead = await createClient('http://127.0.0.1:9', undefined, 2000).health().catch((e: unknown) => e);
    expect(isUnavailable(dead)).to.equal(true);
    expect(isNotFound(dead)).to.equal(false);
    expect(describeError(dead)).to.match(/127\.0\.0\.1:9/);
  });

  it('gives the web server a key that can search but not write, and never the master key', async () => {
    const prefix = uniquePrefix('keys');
    const admin = adminClient();
    await admin.createIndex(`${prefix}_cases`).waitTask();
    const key = await ensureSearchKey(admin, prefix);
    expect(await ensureSearchKey(admin, prefix)).to.equal(key);
    expect(key).not.to.equal(testEngine().masterKey);
    const searcher = createClient(testEngine().url, key);
    const res = await searcher.index(`${prefix}_cases`).search('');
    expect(res.hits).to.deep.equal([]);
    let writeError: unknown;
    try {
      await searcher.index(`${prefix}_cases`).addDocuments([{ id: 'x' }]);
    } catch (e) {
      writeError = e;
    }
    expect(describeError(writeError)).to.match(/API key|403|forbidden/i);
    // A refusal is the caller's fault, never an outage (which would become a 503).
    expect(isUnavailable(writeError)).to.equal(false);
    expect(apiErrorCode(writeError)).to.equal('invalid_api_key');
    let otherIndex: unknown;
    try {
      await searcher.index('someone_elses_index').search('');
    } catch (e) {
      otherIndex = e;
    }
    expect(describeError(otherIndex)).to.match(/API key cann?ot|403|forbidden/i);
    expect(isUnavailable(otherIndex)).to.equal(false);
  });

  it('never lets an incomplete or settings-less index pass as ready to go live', async () => {
    const admin = adminClient();
    const uid = `${uniquePrefix('verify')}_cases`;
    const index = await createFreshIndex(admin, uid, 'id', caseSettings);
    await addDocuments(index, [{ id: 'a' }, { id: 'b' }]);
    await verifyIndex(admin, uid, 'id', 2, caseSettings);
    const failure = async (expected: number): Promise<string> => {
      try {
        await verifyIndex(admin, uid, 'id', expected, caseSettings);
        return 'passed';
      } catch (e) {
        return String(e);
      }
    };
    expect(await failure(3)).to.match(new RegExp(`${uid} is not complete .*2 of 3 documents`));
    // What a late write does after another run deleted the index: it comes back with no settings.
    await admin.deleteIndex(uid).waitTask();
    expect(await failure(2)).to.match(/disappeared/);
    await admin.index(uid).addDocuments([{ id: 'a' }, { id: 'b' }], { primaryKey: 'id' }).waitTask();
    expect(await failure(2)).to.match(/not filterable: .*jurisdiction/);
  });

  it('waits for writes sent back to back and reports the batch Meilisearch rejected', async () => {
    const admin = adminClient();
    const index = await createFreshIndex(admin, `${uniquePrefix('settle')}_cases`, 'id', caseSettings);
    const good = Array.from({ length: 25 }, (_, i) => ({ id: `c${i}`, title: `case ${i}` }));
    const pending = [await enqueueDocuments(index, good, 10)];
    expect(pending[0]?.taskUids).to.have.length(3);
    await settle(index, pending);
    expect((await index.getStats()).numberOfDocuments).to.equal(25);
    // A document id with a space is invalid: its batch fails, and settle says so.
    const bad = [await enqueueDocuments(index, [{ id: 'ok-1' }], 10), await enqueueDocuments(index, [{ id: 'not valid!' }], 10), await enqueueDocuments(index, [{ id: 'ok-2' }], 10)];
    let err: unknown;
    try {
      await settle(index, bad);
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.match(new RegExp(`rejected documents for ${index.uid}: .*not valid`));
  });
});
