import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { caseSettings, passageSettings, provisionSettings } from '../engine/settings.js';

/** Bump when the shape of the search documents changes, so old indexes count as stale. */
export const INDEX_SCHEMA_VERSION = 6;

function walk(dir: string, out: string[]): void {
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/**
 * A hash of everything a full index is built from: the corpus files' contents, the index
 * settings and the document schema version. File times are not used: a fresh clone has
 * new times but the same corpus.
 */
export function corpusFingerprint(corpusDir: string, extraFiles: string[] = []): string {
  const h = createHash('sha256');
  h.update(`schema:${INDEX_SCHEMA_VERSION}\n`);
  h.update(JSON.stringify([caseSettings, passageSettings, provisionSettings]));
  const files: string[] = [];
  if (fs.existsSync(corpusDir)) walk(corpusDir, files);
  for (const f of files) {
    h.update(`${path.relative(corpusDir, f)}\n`);
    h.update(fs.readFileSync(f));
  }
  for (const f of [...extraFiles].sort()) {
    h.update(`extra:${f}\n`);
    if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}
