import fs from 'node:fs';
import type { Provenance } from './types.js';

interface LexiconEntry {
  strong: string[];
  weak: string[];
}

const LEXICON = JSON.parse(fs.readFileSync(new URL('../data/offense-lexicon.json', import.meta.url), 'utf8')) as Record<string, LexiconEntry>;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One regex per term. Words of four letters or more also match their inflections
 * ("pirate" -> "pirates", "piratical"; "smuggl" -> "smuggled"), which is what a stemmer
 * buys for a lexicon, without stemming the whole judgment.
 */
function termRegex(term: string): RegExp {
  const words = term.split(/\s+/).map((w) => escapeRe(w));
  const last = words.length - 1;
  const body = words
    .map((w, i) => (i === last && /^[\p{L}]{5,}$/u.test(w) ? `${w.replace(/(e|s|es|ing|ed)$/u, '')}\\p{L}{0,4}` : w))
    .join('[\\s-]+');
  return new RegExp(`(?<![\\p{L}\\d])${body}(?![\\p{L}\\d])`, 'giu');
}

const COMPILED = Object.entries(LEXICON).map(([offense, e]) => ({
  offense,
  strong: e.strong.map(termRegex),
  weak: e.weak.map(termRegex),
}));

/** Treaty articles that define or criminalise an offense: citing them is evidence of it. */
const PROVISION_EVIDENCE: Array<[RegExp, string]> = [
  [/^unclos\/(10[0-7]|110)$/, 'piracy'],
  [/^som-protocol\//, 'migrant-smuggling'],
  [/^tip-protocol\//, 'trafficking-in-persons'],
  [/^firearms-protocol\//, 'firearms-trafficking'],
  [/^vienna-1988\//, 'drug-trafficking'],
  [/^hostages-convention\//, 'hostage-taking'],
  [/^sua\/3$/, 'maritime-violence'],
  [/^sua\/3(bis|ter|quater)$/, 'maritime-terrorism'],
  [/^unclos\/(73|62|111)$/, 'fisheries-crime'],
  [/^unclos\/99$/, 'slave-trade'],
];

/** Words showing the case happens at sea; without them no maritime offense is assigned. */
const MARITIME = /(?<![\p{L}])(vessels?|ships?|boats?|skiffs?|dhows?|seas?|maritime|coast ?guard|navy|naval|warship|frigate|high seas|territorial (?:sea|waters)|exclusive economic zone|navires?|bateaux?|embarcations?|haute mer|mer territoriale|marine nationale|buques?|barcos?|embarcaci[óo]n(?:es)?|lancha|alta mar|mar territorial|armada|patrullera|schip|vaartuig|zee)(?![\p{L}])/giu;

export interface OffenseScore {
  offense: string;
  score: number;
  confidence: number;
}

/**
 * Multi-label offense classifier: weighted lexicon hits (strong terms 3, weak terms 1,
 * each term counted with diminishing returns), plus evidence from the provisions cited.
 * Labels need a minimum score, a share of the best label's score, and a maritime setting.
 */
/** Sentences that say what the accused were charged with or convicted of. */
const CHARGE_CUE = /\b(?:charged (?:with|under)|charges? of|counts? of|accused of|convicted of|guilty of|offences? of|offence(?:s)? (?:under|punishable)|indicted (?:for|on)|indictment|information charging|prosecuted for|sentenced for|inculp[ée]s? (?:de|d['’])|accus[ée]s? (?:de|d['’])|coupables? (?:de|d['’])|poursuivis? (?:pour|du chef)|du chef d|chefs? d['’]accusation|condenad[oa]s? (?:como|por)|acusad[oa]s? (?:de|por)|autor(?:es)? (?:de|responsables? de)|delitos? de|imputad[oa]s? (?:de|por))/i;

function chargeText(text: string): string {
  return text
    .split(/(?<=[.;:])\s+|\n{2,}/)
    .filter((s) => CHARGE_CUE.test(s))
    .join('\n');
}

export function detectOffenses(text: string, provisions: string[] = []): { offenses: string[]; scores: OffenseScore[]; provenance: Provenance[] } {
  const maritime = (text.match(MARITIME) ?? []).length;
  const charges = chargeText(text);
  const provenance: Provenance[] = [];
  const scores: Array<OffenseScore & { first?: RegExpMatchArray; charged: number }> = [];
  for (const { offense, strong, weak } of COMPILED) {
    let score = 0;
    let first: RegExpMatchArray | undefined;
    let strongHits = 0;
    for (const [list, weight] of [[strong, 3], [weak, 1]] as const) {
      for (const re of list) {
        const hits = [...text.matchAll(re)];
        if (!hits.length) continue;
        if (weight === 3) strongHits += hits.length;
        score += weight * Math.log2(1 + hits.length);
        const h = hits[0] as RegExpMatchArray;
        if (!first || (weight === 3 && (first.index ?? 0) > (h.index ?? 0))) first = h;
      }
    }
    for (const [re, o] of PROVISION_EVIDENCE) if (o === offense && provisions.some((p) => re.test(p))) score += 3;
    if (strongHits === 0) score = Math.min(score, 3.5);
    // What the charges name counts most: a judgment discusses piracy law in a murder case.
    let charged = 0;
    for (const re of strong) charged += [...charges.matchAll(re)].length;
    scores.push({ offense, score, confidence: 0, charged, ...(first ? { first } : {}) });
  }
  const top = Math.max(0, ...scores.map((s) => s.score));
  const anyCharged = scores.some((s) => s.charged > 0);
  const offenses: string[] = [];
  for (const s of scores) {
    s.confidence = Number((1 - Math.exp(-(s.score + 3 * s.charged) / 8)).toFixed(2));
    if (maritime < 3 || s.score < 4.5 || s.score < top * 0.3) continue;
    // When the charges are stated, an offense they do not name needs to dominate the text.
    if (anyCharged && s.charged === 0 && s.score < top * 0.75) continue;
    offenses.push(s.offense);
    if (s.first) {
      const start = s.first.index ?? 0;
      provenance.push({ field: 'offenses', value: s.offense, start, end: start + s.first[0].length, text: s.first[0], confidence: s.confidence });
    }
  }
  return { offenses, scores: scores.map(({ offense, score, confidence }) => ({ offense, score: Number(score.toFixed(2)), confidence })), provenance };
}
