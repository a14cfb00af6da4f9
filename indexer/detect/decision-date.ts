import { findDates, type FoundDate } from '../parse-date.js';
import type { Provenance } from './types.js';

/** Words right before a date that say it is the date of this decision. */
const STRONG_CUE = new RegExp(
  [
    'delivered', 'decided', 'dated', 'date of (?:the )?(?:judgment|judgement|decision|order|ruling|sentence|hearing of judgment)', 'judgment (?:of|delivered|dated|given|handed down)', 'handed down',
    'pronounced', 'signed', 'given under my hand', 'date:', 'decided:', 'filed:?', 'judgment date', 'order date',
    'rendu', 'prononc[ée]e?', 'audience publique du', 'fait et jug[ée]', 'arr[êe]t du', 'jugement du', 'lu en audience publique le', 'ainsi fait', 'strasbourg,', 'communiqu[ée] par [ée]crit le', 'notified in writing on',
    'fecha de (?:la )?sentencia', 'sentencia de', 'dictad[ao]', 'pronunciad[ao]', '(?<![\\p{L}])en [\\p{L}. ]+,? a', '(?:bogot[áa]|lima|quito|santiago|buenos aires|panam[áa]|caracas|m[ée]xico)[\\p{L}.,\\s]{0,12},', 'fallo de', 'auto de', 'rendered', 'judgment rendered', 'date of hearing and judgment',
  ].map((c) => `(?:${c})`).join('|'),
  'iu',
);

/** Words before a date that make it the date of something else: the facts, a hearing, a statute. */
const NEGATIVE_CUE = new RegExp(
  [
    'argued', 'heard', 'hearing(?: date)?s?:?', 'submitted', 'arrested', 'arrest', 'attack(?:ed)?', 'seized', 'boarded', 'intercepted', 'hijacked', 'captured', 'occurred', 'night of',
    'morning of', 'charged', 'indicted', 'indictment', 'plea', 'pleaded', 'born', 'incident', 'committed', 'transferred', 'handed over', 'sentenced on', 'convicted on', 'trial',
    'act(?:,)?', 'loi n[°o]?\\s*[\\d-]+ du', 'd[ée]cret(?: n[°o]?\\s*[\\d-]+)? du', 'ordonnance(?: n[°o]?\\s*[\\d-]+)? du', 'ley(?: org[áa]nica)?\\s*[\\d/]+,? de', 'real decreto(?:-ley)?\\s*[\\d/]+,? de', 'convention(?: of| du| de)?', 'protocol', 'treaty',
    'interpel[ée]s?', 'd[ée]lib[ée]r[ée] en chambre du conseil le', 'deliberated in private on', 'en chambre du conseil le', 'session criminelle ouverte le', 'ouverte le', 'arr[êe]t[ée]s?', 'abord[ée]', 'les faits', 'le navire', 'apprehended', 'detenid[oa]s?', 'abordad[oa]', 'interceptad[oa]', 'los hechos', 'el d[íi]a', 'vista(?: oral)?', 'audiencia (?:oral|de)',
    'appeal from', 'judgment of the (?:high|district|trial|lower)', 'jugement du tribunal', 'sentencia (?:del|de la) (?:juzgado|audiencia)', 'lodged', 'notice of appeal',
  ].map((c) => `(?:${c})`).join('|'),
  'i',
);

/** The words before a date, within its own paragraph: a cue in the previous paragraph is not about this date. */
function before(text: string, d: FoundDate, n: number): string {
  const s = text.slice(Math.max(0, d.start - n), d.start);
  const br = s.lastIndexOf('\n\n');
  return br >= 0 ? s.slice(br + 2) : s;
}

/**
 * Picks the date of the decision among all the dates in a judgment. Each date scores by
 * the words before it (a "Delivered on" beats an "arrested on"), by where it sits (the
 * caption and the closing lines), and by whether it is the latest date of the document.
 */
export function detectDecisionDate(text: string, opts: { monthFirst?: boolean } = {}): { iso?: string; provenance: Provenance[] } {
  const dates = findDates(text, opts);
  if (!dates.length) return { provenance: [] };
  const latest = dates.reduce((m, d) => (d.iso > m ? d.iso : m), '');
  const n = text.length;
  const scored = dates.map((d) => {
    const near = before(text, d, 70);
    const close = before(text, d, 28);
    const lineStart = text.lastIndexOf('\n', d.start - 1) + 1;
    const lineEnd = text.indexOf('\n', d.end);
    const line = text.slice(lineStart, lineEnd < 0 ? n : lineEnd).trim();
    let score = 0;
    if (STRONG_CUE.test(near)) score += 5;
    if (/this\s+$|this\s+\S+\s+$/i.test(close) || /\bday of\b/i.test(d.text)) score += 2;
    if (NEGATIVE_CUE.test(close)) score -= 4;
    else if (NEGATIVE_CUE.test(near) && !STRONG_CUE.test(close)) score -= 1.5;
    // A date alone on its line ("STRASBOURG\n29 March 2010", "Date: 08/04/2021").
    if (line.length <= d.text.length + 22) score += 2;
    if (d.start < 1500) score += 1.5;
    if (d.start > n - 1800) score += 1.5;
    if (d.iso === latest) score += 1.5;
    // Statutes and treaties are dated by year inside their names ("Act 2009"), rarely with a day; a date
    // in the middle of running prose is most often a fact.
    if (d.start > 1500 && d.start < n - 1800 && !STRONG_CUE.test(near)) score -= 1;
    return { d, score };
  });
  scored.sort((a, b) => b.score - a.score || (a.d.iso < b.d.iso ? 1 : -1));
  if (process.env.DEBUG_DATES) for (const s of scored.slice(0, 5)) console.error(s.d.iso, s.score, JSON.stringify(before(text, s.d, 70)));
  const best = scored[0] as { d: FoundDate; score: number };
  const second = scored.find((s) => s.d.iso !== best.d.iso);
  const margin = second ? best.score - second.score : 5;
  const confidence = Math.max(0.3, Math.min(0.97, 0.55 + margin / 12 + (best.score > 5 ? 0.15 : 0)));
  return {
    iso: best.d.iso,
    provenance: [{ field: 'decisionDate', value: best.d.iso, start: best.d.start, end: best.d.end, text: best.d.text, confidence: Number(confidence.toFixed(2)) }],
  };
}
