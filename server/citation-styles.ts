import type { CaseDoc } from '../indexer/types.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "4th Cir.", "E.D. Va.", "ECtHR": the short court names both styles put in brackets. */
function courtAbbreviation(doc: CaseDoc): string {
  const c = doc.court;
  const circuit = /Court of Appeals for the (\w+(?: of Columbia)?) Circuit/i.exec(c);
  if (circuit) {
    const ord: Record<string, string> = { First: '1st', Second: '2d', Third: '3d', Fourth: '4th', Fifth: '5th', Sixth: '6th', Seventh: '7th', Eighth: '8th', Ninth: '9th', Tenth: '10th', Eleventh: '11th', 'District of Columbia': 'D.C.' };
    return `${ord[circuit[1] as string] ?? circuit[1]} Cir.`;
  }
  if (doc.jurisdiction === 'echr') return 'ECtHR';
  if (doc.jurisdiction === 'itlos') return 'ITLOS';
  if (doc.jurisdiction === 'icj') return 'ICJ';
  return c;
}

function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return y && m && d ? `${d} ${MONTHS[m - 1]} ${y}` : iso;
}

/** Neutral citations already carry the year and court in brackets: "[2021] EWCA Crim 503". */
function isNeutral(citation: string): boolean {
  return /^\[\d{4}\]/.test(citation) || /^\d{4}\s+[A-Z]{2,}\s+\d+/.test(citation) || /^ECLI:/.test(citation);
}

/**
 * OSCOLA (Oxford) style: the case name in italics, then the neutral citation or the report
 * with the court and date. Returned as plain text and as HTML with the name in <i>.
 */
export function oscola(doc: CaseDoc): { text: string; html: string } {
  const name = doc.title.replace(/\bv\.\s/g, 'v ');
  const year = doc.decisionDate.slice(0, 4);
  const cite = doc.citation.replace(/\s*\([^)]*\)\s*$/, '');
  let rest: string;
  if (cite && isNeutral(cite)) rest = ` ${cite}`;
  else if (cite) rest = `, ${cite} (${courtAbbreviation(doc).replace(/\./g, '')}${year ? ` ${year}` : ''})`;
  else rest = ` (${doc.court}${doc.docket ? `, ${doc.docket}` : ''}, ${longDate(doc.decisionDate)})`;
  return { text: `${name}${rest}`, html: `<i>${escape(name)}</i>${escape(rest)}` };
}

/** Bluebook style: "United States v. Dire, 680 F.3d 446 (4th Cir. 2012)". */
export function bluebook(doc: CaseDoc): { text: string; html: string } {
  const name = doc.title.replace(/\sv\s/g, ' v. ');
  const year = doc.decisionDate.slice(0, 4);
  const cite = doc.citation.replace(/\s*\([^)]*\)\s*$/, '');
  const court = courtAbbreviation(doc);
  let rest: string;
  if (cite && isNeutral(cite)) rest = `, ${cite}`;
  else if (cite) rest = `, ${cite} (${court} ${year})`;
  else rest = `, ${doc.docket ? `${doc.docket} ` : ''}(${court} ${longDate(doc.decisionDate).replace(/^(\d+) (\w+) (\d+)$/, (_m, d: string, mo: string, y: string) => `${mo.slice(0, 3)}. ${d}, ${y}`)})`;
  return { text: `${name}${rest}`, html: `<i>${escape(name)}</i>${escape(rest)}` };
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
