import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../engine/config.js';
import { testEngine } from './support/hooks.js';

/** Runs a command-line entry point with the given environment; returns its exit code and stderr. */
function run(entry: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, entry), ...(entry.includes('indexer') ? ['--no-progress'] : [])], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: res.status, stderr: res.stderr };
}

describe('command-line errors', () => {
  const secret = 'not-a-real-master-key-0123456789abcdef';

  it('npm run index against an unreachable Meilisearch says why and what to check, never the key', () => {
    const { status, stderr } = run('indexer/cli.ts', { MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: secret });
    expect(status).to.equal(2);
    expect(stderr).to.match(/^index: Request to http:\/\/127\.0\.0\.1:9\/.* has failed: .*ECONNREFUSED/m);
    expect(stderr).to.include('does MEILI_URL point to it?');
    expect(stderr).not.to.include(secret);
  });

  it('npm run index with a wrong key gives Meilisearch\'s reason, not only "request failed"', () => {
    const { status, stderr } = run('indexer/cli.ts', { MEILI_URL: testEngine().url, MEILI_MASTER_KEY: secret });
    expect(status).to.equal(2);
    expect(stderr).to.match(/API key/i);
    expect(stderr).not.to.include('does MEILI_URL point to it?');
    expect(stderr).not.to.include(secret);
  });
});
