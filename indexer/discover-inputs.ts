import fs from 'node:fs';
import path from 'node:path';

export type InputKind = 'case-json' | 'markdown' | 'text' | 'pdf' | 'instrument-json';

export interface InputFile {
  path: string;
  kind: InputKind;
}

export interface Skipped {
  path: string;
  reason: string;
}

/** Files in a corpus folder that are configuration, not documents. */
const RESERVED = new Set(['offenses.json', 'courtLevels.json', 'README.md', 'package.json']);

function kindOf(file: string): InputKind | undefined {
  const base = path.basename(file);
  if (base.endsWith('.meta.json')) return undefined; // sidecars are read with their PDF
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return path.basename(path.dirname(file)) === 'instruments' ? 'instrument-json' : 'case-json';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt' || ext === '.text') return 'text';
  if (ext === '.pdf') return 'pdf';
  return undefined;
}

/**
 * Expands the paths given on the command line into the documents to ingest, in a stable
 * order. Missing paths and unsupported files are reported, not fatal.
 */
export function discoverInputs(paths: string[]): { inputs: InputFile[]; skipped: Skipped[]; missing: Skipped[] } {
  const inputs: InputFile[] = [];
  const skipped: Skipped[] = [];
  const missing: Skipped[] = [];
  const seen = new Set<string>();
  const visit = (p: string, explicit: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      missing.push({ path: p, reason: 'no such file or folder' });
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        visit(path.join(p, name), false);
      }
      return;
    }
    const real = fs.realpathSync(p);
    if (seen.has(real)) return;
    seen.add(real);
    if (!explicit && RESERVED.has(path.basename(p))) return;
    const kind = kindOf(p);
    if (!kind) {
      if (!p.endsWith('.meta.json')) skipped.push({ path: p, reason: `unsupported file type "${path.extname(p) || 'none'}"` });
      return;
    }
    inputs.push({ path: p, kind });
  };
  for (const p of paths) visit(path.resolve(p), true);
  return { inputs, skipped, missing };
}
