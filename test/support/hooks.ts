import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { locateMeilisearchBinary, startEmbeddedMeili, type EmbeddedMeili } from '../../engine/meili-process.js';
import { ROOT } from '../../engine/config.js';

/**
 * One real Meilisearch for the whole test run, on a free port with a throw-away data
 * folder. When MEILI_URL and MEILI_MASTER_KEY are set, tests use that server instead.
 */
let embedded: EmbeddedMeili | undefined;
let tmpDir: string | undefined;

export interface TestEngine {
  url: string;
  masterKey: string;
}

let engine: TestEngine | undefined;

export function testEngine(): TestEngine {
  if (!engine) throw new Error('the test Meilisearch is not running (root hook did not run)');
  return engine;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    if (process.env.MEILI_URL && process.env.MEILI_MASTER_KEY) {
      engine = { url: process.env.MEILI_URL, masterKey: process.env.MEILI_MASTER_KEY };
      return;
    }
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-test-'));
    // The executable copy of the binary lives in the project's data folder, so a test run does not copy 130 MB.
    const meiliBin = locateMeilisearchBinary({ meiliBin: process.env.MEILI_BIN, dataDir: path.join(ROOT, 'data') });
    embedded = await startEmbeddedMeili({ dataDir: tmpDir, meiliBin });
    engine = { url: embedded.url, masterKey: embedded.masterKey };
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await embedded?.stop();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  },
};
