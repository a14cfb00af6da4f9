import type { CaseDoc } from '../indexer/types.js';

/** The fields every export carries, in this order. */
export const EXPORT_FIELDS = ['id', 'title', 'court', 'courtLevel', 'jurisdiction', 'decisionDate', 'offenses', 'provisions', 'statutes', 'citation', 'docket', 'outcome', 'outcomeText', 'sentence', 'vesselNames', 'summary', 'sources'] as const;
export type ExportDoc = Pick<CaseDoc, (typeof EXPORT_FIELDS)[number]>;

/**
 * One CSV cell. Quotes are doubled; a cell a spreadsheet would run as a formula
 * (=, +, -, @, tab, carriage return) is prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  let s = Array.isArray(value) ? value.map((v) => (typeof v === 'object' && v ? (v as { url?: string }).url ?? JSON.stringify(v) : String(v))).join('; ') : value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['id', 'title', 'court', 'court_level', 'jurisdiction', 'decision_date', 'offenses', 'provisions', 'statutes', 'citation', 'docket', 'outcome', 'outcome_text', 'sentence', 'vessels', 'url'];

export function csvRow(d: ExportDoc, base: string): string {
  return [d.id, d.title, d.court, d.courtLevel, d.jurisdiction, d.decisionDate, d.offenses, d.provisions, d.statutes, d.citation, d.docket, d.outcome, d.outcomeText, d.sentence, d.vesselNames, `${base}/cases/${d.id}`]
    .map(csvCell)
    .join(',');
}
