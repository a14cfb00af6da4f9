import type { IndexReport } from './pipeline.js';

/** The end-of-run summary a user reads: what went in, what was skipped, what failed and why. */
export function formatReport(r: IndexReport, cwd = process.cwd()): string {
  const rel = (p: string): string => (p.startsWith(cwd + '/') ? p.slice(cwd.length + 1) : p);
  const lines = [
    `${r.mode === 'full' ? 'Rebuilt the index' : 'Added to the index'} in ${(r.durationMs / 1000).toFixed(1)} s:`,
    `  indexed: ${r.indexedFiles.length} file(s) -> ${r.cases} case(s), ${r.passages} passage(s), ${r.provisions} provision(s) of ${r.instruments} instrument(s)`,
    `  skipped: ${r.skipped.length}`,
    ...r.skipped.map((s) => `    - ${rel(s.path)}: ${s.reason}`),
    `  failed:  ${r.failed.length}`,
    ...r.failed.map((f) => `    - ${rel(f.path)}: ${f.reason}`),
  ];
  if (r.warnings.length) {
    lines.push(`  warnings: ${r.warnings.length}`, ...r.warnings.map((w) => `    - ${rel(w.path)}: ${w.message}`));
  }
  return lines.join('\n');
}
