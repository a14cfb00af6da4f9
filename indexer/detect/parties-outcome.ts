import type { Outcome } from '../types.js';
import type { Provenance } from './types.js';

/**
 * Parties from the caption: "REPUBLIC v. MOHAMUD MOHAMED HASHI & 8 OTHERS", "United
 * States of America, Plaintiff-Appellee, v. Abdi Wali Dire", "Medvedyev and Others c.
 * France", "Ministerio Fiscal contra ...". Also the two-line form "REPUBLIC\nVERSUS\nX".
 */
export function detectParties(text: string): { parties: string[]; title?: string; provenance: Provenance[] } {
  const head = text.slice(0, 3500);
  const lines = head.split('\n').map((l) => l.trim());
  const clean = (s: string): string =>
    s.replace(/[,;]?\s*\b(plaintiff|defendant|appellant|appellee|respondent|petitioner|applicant|accused|prosecutor|complainant)s?\b(?:[-\s]+(appellant|appellee|respondent|petitioner))?[.,]*\s*$/i, '').replace(/[.,;:]+$/, '').trim();
  const sameLine = /^(.{3,120}?)\s+(?:v\.?|vs\.?|versus|c\.|contre|contra|against)\s+(.{3,120})$/i;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = sameLine.exec(line);
    if (m && !/^(appeal|application|on appeal|in the matter)/i.test(line) && !/\b\d{3,}\b.*\b\d{3,}\b/.test(line)) {
      const a = clean(m[1] ?? '');
      const b = clean(m[2] ?? '');
      if (a && b && a.split(/\s+/).length <= 12 && b.split(/\s+/).length <= 14) {
        const at = text.indexOf(line);
        return { parties: [a, b], title: `${a} v ${b}`, provenance: [{ field: 'parties', value: `${a}; ${b}`, start: at, end: at + line.length, text: line, confidence: 0.7 }] };
      }
    }
    if (/^(v\.?|vs\.?|versus|contre|contra|c\.|and)$/i.test(line)) {
      const back = lines.slice(Math.max(0, i - 4), i).filter((l) => l && !/^(plaintiff|defendant|appellant|appellee|respondent|prosecutor|applicant|\.+)/i.test(l));
      const fwd = lines.slice(i + 1, i + 5).filter((l) => l && !/^(plaintiff|defendant|appellant|appellee|respondent|accused|applicant|\.+)/i.test(l));
      const a = clean(back[back.length - 1] ?? '');
      const b = clean(fwd[0] ?? '');
      if (a && b && a.length < 120 && b.length < 140) {
        const at = text.indexOf(lines[i - 1] ?? line);
        return { parties: [a, b], title: `${a} v ${b}`, provenance: [{ field: 'parties', value: `${a}; ${b}`, start: Math.max(0, at), end: Math.max(0, at) + a.length, text: a, confidence: 0.6 }] };
      }
    }
  }
  return { parties: [], provenance: [] };
}

const OUTCOME_RULES: Array<[RegExp, Outcome]> = [
  [/\b(?:there has been|holds? that there (?:has|have) been|y a eu) (?:a )?violation\b|\bviolation de l['’]article\b|\bviolation of article\b/i, 'violation'],
  [/\b(?:there has been no violation|no violation of article|pas eu violation|non-violation)\b/i, 'no-violation'],
  [/\b(?:partly|partially) (?:allowed|convicted|upheld)|\bacquitted (?:on|of) (?:count|the charge)s?\b.*\bconvicted\b|\bconvicted\b.*\bacquitted (?:on|of) count/i, 'partly'],
  [/\b(?:remand(?:ed)? (?:the case|for (?:a )?new trial|for further proceedings)|vacate[ds]? and remand|renvoie (?:la cause|l['’]affaire)|devuelve las actuaciones|retrial is ordered|order(?:ed)? a retrial)/i, 'remanded'],
  [/\b(?:appeal (?:is|be) (?:hereby )?allowed|conviction(?:s)? (?:is|are) (?:hereby )?quashed|we (?:reverse|quash)|judgment (?:is|of the .{3,40} is) reversed|casse et annule|estimamos el recurso|se casa la sentencia|ha lugar al recurso de casaci[óo]n)\b/i, 'reversed'],
  [/\b(?:appeal (?:is|be|are) (?:hereby )?dismissed|appeals? (?:are|is) dismissed|we affirm|(?:is|are) (?:hereby )?affirmed|conviction(?:s)? (?:and sentences? )?(?:is|are) upheld|rejette le pourvoi|rejette les pourvois|confirme le jugement|desestimamos el recurso|no ha lugar al recurso|confirmamos la sentencia)\b/i, 'upheld'],
  [/\b(?:application is dismissed|charges? (?:is|are) dismissed|motion to dismiss (?:is|the .{1,30}) granted|case is dismissed|dismiss(?:es|ed)? the (?:indictment|charge|count)|declares? (?:the application )?inadmissible|irrecevable)\b/i, 'dismissed'],
  [/\b(?:acquitted|not guilty|acquitte|acquittement|absolvemos|absuelve|absueltos?|relaxe|relax[ée]s?)\b/i, 'acquitted'],
  [/\b(?:found guilty|are guilty|is guilty|convicted|we convict|hereby convict|sentenced to|d[ée]clar[ée]s? coupables?|condamne|condamn[ée]s?|condenamos|condena a|culpables?|schuldig)\b/i, 'convicted'],
];

/** The outcome as the operative part says it; the last third of the text is read first. */
export function detectOutcome(text: string): { outcome?: Outcome; provenance: Provenance[] } {
  const tailStart = Math.floor(text.length * 0.6);
  // Convicted of some counts and acquitted of others, in the operative part.
  const tail = text.slice(tailStart);
  const conv = /\b(?:are|is|stand|hereby)?\s*convicted of\b|\bfound guilty\b|\bcoupables? d/i.exec(tail);
  const acq = /\b(?:are|is|hereby)?\s*acquitted of\b|\bnot guilty of\b|\bacquitt[ée]s? d|\babsuel(?:ve|tos?) de/i.exec(tail);
  if (conv && acq) {
    const start = tailStart + Math.min(conv.index, acq.index);
    return { outcome: 'partly', provenance: [{ field: 'outcome', value: 'partly', start, end: start + 40, text: text.slice(start, start + 40), confidence: 0.6 }] };
  }
  for (const region of [text.slice(tailStart), text]) {
    for (const [re, outcome] of OUTCOME_RULES) {
      const m = re.exec(region);
      if (m) {
        const start = (region === text ? 0 : tailStart) + m.index;
        return { outcome, provenance: [{ field: 'outcome', value: outcome, start, end: start + m[0].length, text: m[0], confidence: region === text ? 0.45 : 0.65 }] };
      }
    }
  }
  return { provenance: [] };
}
