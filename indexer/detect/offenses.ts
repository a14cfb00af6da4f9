import fs from 'node:fs';
import { escapeRe, stemmerFor } from '../tokenize.js';
import type { Provenance } from './types.js';

interface LexiconEntry {
  strong: string[];
  weak: string[];
}

const LEXICON = JSON.parse(fs.readFileSync(new URL('../data/offense-lexicon.json', import.meta.url), 'utf8')) as Record<string, LexiconEntry>;


/** A term of one word is matched on its stem (natural's Porter stemmer for the document's language). */
type Term = { kind: 'stem'; word: string } | { kind: 'phrase'; re: RegExp };

/**
 * Phrases, and terms with digits or symbols ("§ 1651", "3bis"), are matched literally
 * (case-insensitive, hyphen or space between words).
 */
function phraseRegex(term: string): RegExp {
  const body = term.split(/\s+/).map(escapeRe).join('[\\s-]+');
  return new RegExp(`(?<![\\p{L}\\d])${body}(?![\\p{L}\\d])`, 'giu');
}

function compile(term: string): Term {
  return /^[\p{L}]+$/u.test(term) ? { kind: 'stem', word: term.toLowerCase() } : { kind: 'phrase', re: phraseRegex(term) };
}

const COMPILED = Object.entries(LEXICON).map(([offense, e]) => ({
  offense,
  strong: e.strong.map(compile),
  weak: e.weak.map(compile),
}));

interface StemIndex {
  /** stem -> offsets of the words with that stem */
  positions: Map<string, Array<{ start: number; end: number; word: string }>>;
  stem: (w: string) => string;
}

function stemIndex(text: string, lang: string): StemIndex {
  const stemmer = stemmerFor(lang);
  const cache = new Map<string, string>();
  const stem = (w: string): string => {
    const lw = w.toLowerCase();
    let s = cache.get(lw);
    if (s === undefined) {
      s = stemmer.stem(lw);
      cache.set(lw, s);
    }
    return s;
  };
  const positions: StemIndex['positions'] = new Map();
  for (const m of text.matchAll(/[\p{L}]+/gu)) {
    const s = stem(m[0]);
    const list = positions.get(s) ?? [];
    list.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
    positions.set(s, list);
  }
  return { positions, stem };
}

function hitsOf(term: Term, text: string, index: StemIndex): Array<{ index: number; text: string }> {
  if (term.kind === 'phrase') return [...text.matchAll(term.re)].map((m) => ({ index: m.index, text: m[0] }));
  return (index.positions.get(index.stem(term.word)) ?? []).map((p) => ({ index: p.start, text: p.word }));
}


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
const CHARGE_CUE = /\b(?:charged (?:with|under)|charges? of|counts? of|accused of|convicted of|guilty of|offences? of|offence(?:s)? (?:under|punishable)|indicted (?:for|on)|indictment|information charging|prosecuted for|sentenced for|inculp[ée]s? (?:de|d['’])|accus[ée]s? (?:de|d['’])|coupables? (?:de|d['’])|poursuivis? (?:pour|du chef)|du chef d|des chefs? d|mis en examen|renvoy[ée]s? devant|chefs? d['’]accusation|condenad[oa]s? (?:como|por)|acusad[oa]s? (?:de|por)|autor(?:es)? (?:de|responsables? de)|delitos? de|imputad[oa]s? (?:de|por))/i;

const ACQUITTAL = /\b(?:acquitt(?:ed|al)|not guilty|absuel(?:ve|tos?)|absolv(?:emos|er)|acquitt[ée]s?|relax[ée]s?|relaxe)\b/i;

/** Names of statutes ("Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act 2007") say nothing about the charge itself. */
const STATUTE_NAME = /(?:[A-Z][\p{L}'-]*\s+(?:(?:in|of|and|the|for|against|on)\s+)*){1,9}(?:Act|Code|Law|Ordinance|Decree|Proclamation)\b(?:,?\s+\d{4})?/gu;

function chargeText(text: string): string {
  return text
    .split(/(?<=[.;:])\s+|\n{2,}/)
    // An acquittal names a charge that failed: it is not what the case is about.
    .filter((s) => CHARGE_CUE.test(s) && !ACQUITTAL.test(s))
    .map((s) => s.replace(STATUTE_NAME, ' '))
    .join('\n');
}

export function detectOffenses(text: string, provisions: string[] = [], lang = 'en'): { offenses: string[]; scores: OffenseScore[]; provenance: Provenance[] } {
  const maritime = (text.match(MARITIME) ?? []).length;
  const charges = chargeText(text);
  const index = stemIndex(text, lang);
  const chargeIndex = stemIndex(charges, lang);
  const provenance: Provenance[] = [];
  const scores: Array<OffenseScore & { first?: { index: number; text: string }; charged: number }> = [];
  for (const { offense, strong, weak } of COMPILED) {
    let score = 0;
    let first: { index: number; text: string } | undefined;
    let strongHits = 0;
    for (const [list, weight] of [[strong, 3], [weak, 1]] as const) {
      for (const term of list) {
        const hits = hitsOf(term, text, index);
        if (!hits.length) continue;
        if (weight === 3) strongHits += hits.length;
        score += weight * Math.log2(1 + hits.length);
        const h = hits[0] as { index: number; text: string };
        if (!first || (weight === 3 && first.index > h.index)) first = h;
      }
    }
    for (const [re, o] of PROVISION_EVIDENCE) if (o === offense && provisions.some((p) => re.test(p))) score += 3;
    if (strongHits === 0) score = Math.min(score, 3.5);
    // What the charges name counts most: a judgment discusses piracy law in a murder case.
    let charged = 0;
    for (const term of strong) charged += hitsOf(term, charges, chargeIndex).length;
    scores.push({ offense, score, confidence: 0, charged, ...(first ? { first } : {}) });
  }
  const top = Math.max(0, ...scores.map((s) => s.score));
  const anyCharged = scores.some((s) => s.charged > 0);
  const offenses: string[] = [];
  for (const s of scores) {
    s.confidence = Number((1 - Math.exp(-(s.score + 3 * s.charged) / 8)).toFixed(2));
    // Crime at sea needs the sea: a land drug case is not ours to tag. Treaty articles on the
    // law of the sea or on smuggling by sea count as a maritime setting too.
    const atSea = maritime >= 2 || provisions.some((p) => /^(unclos|sua)\/|^som-protocol\/(7|8|9)$/.test(p));
    if (!atSea || s.score < 4.5) continue;
    // Named in the charges: in. Not named while charges are stated: only when the judgment
    // is plainly about it. No charges found: the strongest labels.
    const keep = s.charged > 0 ? s.score >= 6 : anyCharged ? s.score >= Math.max(15, top * 0.5) : s.score >= Math.max(4.5, top * 0.6);
    if (!keep) continue;
    offenses.push(s.offense);
    if (s.first) {
      const start = s.first.index;
      provenance.push({ field: 'offenses', value: s.offense, start, end: start + s.first.text.length, text: s.first.text, confidence: s.confidence });
    }
  }
  return { offenses, scores: scores.map(({ offense, score, confidence }) => ({ offense, score: Number(score.toFixed(2)), confidence })), provenance };
}
