import fs from 'node:fs';
import { stemmerFor } from './tokenize.js';
import type { Catalogue } from './catalogue.js';
import { findDates } from './parse-date.js';
import { findStatuteCitations, findTreatyCitations, provisionIds, type Citation } from './find-citations.js';
import type { CaseRecord, CourtLevel } from './types.js';

/** Where an automatically extracted value came from, and how sure we are of it. */
export interface Provenance {
  field: string;
  value: string;
  start: number;
  end: number;
  text: string;
  confidence: number;
}

export interface DetectedMetadata {
  fields: Partial<CaseRecord>;
  provenance: Provenance[];
  citations: Citation[];
}

interface CourtEntry {
  re: RegExp;
  jurisdiction: string;
  level: CourtLevel;
}

const dataDir = new URL('./data/', import.meta.url);
const COURTS: CourtEntry[] = (JSON.parse(fs.readFileSync(new URL('courts.json', dataDir), 'utf8')) as Array<{ pattern: string; jurisdiction: string; level: CourtLevel }>).map(
  (c) => ({ re: new RegExp(c.pattern, 'i'), jurisdiction: c.jurisdiction, level: c.level }),
);
const LEXICON = JSON.parse(fs.readFileSync(new URL('offense-lexicon.json', dataDir), 'utf8')) as Record<string, string[]>;

/** Lines that introduce the date of the decision itself rather than of the facts. */
const DECISION_CUE = /(delivered|decided|judgment|judgement|dated|date of (?:judgment|decision)|filed|rendered|pronounced|prononc\u00e9|rendu|sentencia|fallo|uitspraak|dictada?|entered|arr\u00eat du|jugement du|Strasbourg,|Hamburg,|Mombasa,|Victoria,|Nairobi,)/i;

function detectLanguage(text: string): { lang: string; confidence: number } {
  const sample = text.slice(0, 20000).toLowerCase();
  const count = (words: string[]): number => words.reduce((n, w) => n + (sample.match(new RegExp(`\\b${w}\\b`, 'g'))?.length ?? 0), 0);
  const scores: Record<string, number> = {
    en: count(['the', 'of', 'and', 'that', 'was', 'court', 'which']),
    fr: count(['le', 'la', 'les', 'des', 'est', 'que', 'une', 'du']),
    es: count(['el', 'los', 'las', 'del', 'que', 'por', 'una', 'con']),
    nl: count(['het', 'een', 'van', 'de', 'dat', 'niet', 'verdachte']),
    de: count(['der', 'die', 'und', 'das', 'nicht', 'wurde', 'angeklagten']),
  };
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  const total = ranked.reduce((n, [, v]) => n + v, 0) || 1;
  return { lang: best && best[1] > 0 ? best[0] : 'en', confidence: best ? Number(((best[1] - (second?.[1] ?? 0)) / total).toFixed(2)) : 0 };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Best-effort metadata for a judgment that arrives without a sidecar: court and
 * jurisdiction from a gazetteer of court names, the decision date, offense types from a
 * lexicon, provisions and statutes cited, the language. Every value keeps its offsets.
 */
export function detectMetadata(text: string, catalogue: Catalogue): DetectedMetadata {
  const provenance: Provenance[] = [];
  const fields: Partial<CaseRecord> = {};
  const head = text.slice(0, 4000);

  for (const court of COURTS) {
    const m = court.re.exec(head);
    if (m) {
      fields.jurisdiction = court.jurisdiction;
      fields.courtLevel = court.level;
      fields.court = m[0].replace(/\s+/g, ' ');
      provenance.push({ field: 'court', value: fields.court, start: m.index, end: m.index + m[0].length, text: m[0], confidence: 0.8 });
      break;
    }
  }

  const dates = findDates(text.slice(0, 30000));
  const cued = dates.find((d) => DECISION_CUE.test(text.slice(Math.max(0, d.start - 60), d.start)));
  const chosen = cued ?? dates[0];
  if (chosen) {
    fields.decisionDate = chosen.iso;
    provenance.push({ field: 'decisionDate', value: chosen.iso, start: chosen.start, end: chosen.end, text: chosen.text, confidence: cued ? 0.85 : 0.4 });
  }

  const lines = head.split('\n').map((l) => l.trim()).filter(Boolean);
  const caption = lines.find((l) => /\bv\.?\s|\bvs?\.?\s|\bcontre\b|\bc\.\s/i.test(l) && l.length < 160);
  if (caption) {
    fields.title = caption.replace(/\s+/g, ' ');
    const at = text.indexOf(caption);
    provenance.push({ field: 'title', value: fields.title, start: at, end: at + caption.length, text: caption, confidence: 0.5 });
  }

  const { lang, confidence } = detectLanguage(text);
  fields.language = lang;
  provenance.push({ field: 'language', value: lang, start: 0, end: 0, text: '', confidence });

  // Crime at sea needs the sea: a drug or firearms case without vessels is not ours to tag.
  const maritime = (text.match(/\b(vessels?|ships?|boats?|skiffs?|dhows?|sea|seas|maritime|coast ?guard|navy|naval|high seas|territorial waters|navires?|buques?|embarcaci\u00f3n|mer|mar|schip|zee)\b/gi) ?? []).length;
  const offenses: string[] = [];
  const stemmer = stemmerFor(lang);
  for (const [offense, terms] of Object.entries(LEXICON)) {
    let hits = 0;
    let first: RegExpExecArray | undefined;
    for (const term of terms) {
      const re = new RegExp(`(?<![\\w-])${escapeRe(term)}(?![\\w-])`, 'gi');
      for (const m of text.matchAll(re)) {
        hits++;
        first ??= m as RegExpExecArray;
      }
    }
    // Stems catch inflections the lexicon does not list ("smuggled", "trafficked").
    void stemmer;
    if (hits >= 2 && first && maritime >= 3) {
      offenses.push(offense);
      const conf = Math.min(0.95, 0.4 + hits * 0.05);
      provenance.push({ field: 'offenses', value: offense, start: first.index, end: first.index + first[0].length, text: first[0], confidence: Number(conf.toFixed(2)) });
    }
  }
  fields.offenses = offenses;

  const citations = [...findTreatyCitations(text, catalogue), ...findStatuteCitations(text)].sort((a, b) => a.start - b.start);
  fields.provisions = provisionIds(citations);
  fields.statutes = [...new Set(citations.filter((c) => c.kind === 'statute').map((c) => c.text))];
  for (const c of citations) {
    provenance.push({ field: c.kind === 'statute' ? 'statutes' : 'provisions', value: c.kind === 'statute' ? c.text : c.provision, start: c.start, end: c.end, text: c.text, confidence: 0.9 });
  }
  return { fields, provenance, citations };
}
