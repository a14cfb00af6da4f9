import { stemmerFor } from './tokenize.js';
import type { CaseRecord } from './types.js';

export interface SimilarCase {
  id: string;
  title: string;
  score: number;
  sharedProvisions: string[];
  sharedOffenses: string[];
  /** Stems shared with the highest weight, as readable words. */
  sharedTerms: string[];
}

const STOP = new Set(
  'the of and to in a an that was were is are be been by for on with as at from it its this these those which who whom their his her they he she not or but had has have any all also into than then there other such under upon court case cases judgment appeal appellant respondent accused defendant defendants state states article articles section act law'.split(' '),
);

interface Vector {
  weights: Map<string, number>;
  norm: number;
  surface: Map<string, string>;
}

/** Stemming is the costly part; judgments repeat their words, so stems are cached per language. */
const stemCache = new Map<string, Map<string, string>>();

function terms(text: string, lang: string): Array<[string, string]> {
  const stemmer = stemmerFor(lang);
  const cache = stemCache.get(lang) ?? stemCache.set(lang, new Map()).get(lang) as Map<string, string>;
  const out: Array<[string, string]> = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}]{3,}/gu)) {
    const w = m[0];
    if (STOP.has(w)) continue;
    let s = cache.get(w);
    if (s === undefined) {
      s = stemmer.stem(w);
      if (cache.size < 200_000) cache.set(w, s);
    }
    out.push([s, w]);
  }
  return out;
}

/**
 * For every case, the closest others by content (TF-IDF cosine over summary and the first
 * part of the text, on natural's stems) and by shared provisions and offense types, each
 * with the reasons. Computed at index time over the whole corpus.
 */
export function computeSimilarCases(records: CaseRecord[], limit = 5): Map<string, SimilarCase[]> {
  const docs = records.map((r) => terms(`${r.title} ${r.summary} ${r.keywords.join(' ')} ${(r.text ?? '').slice(0, 20000)}`, r.language));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.map(([s]) => s))) df.set(t, (df.get(t) ?? 0) + 1);
  const n = records.length;
  const vectors: Vector[] = docs.map((d) => {
    const tf = new Map<string, number>();
    const surface = new Map<string, string>();
    for (const [s, w] of d) {
      tf.set(s, (tf.get(s) ?? 0) + 1);
      if (!surface.has(s)) surface.set(s, w);
    }
    const weights = new Map<string, number>();
    let sq = 0;
    for (const [t, f] of tf) {
      const idf = Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1;
      const w = (1 + Math.log(f)) * idf;
      // Words in nearly every case say nothing about likeness.
      if ((df.get(t) ?? 0) > n * 0.6) continue;
      weights.set(t, w);
      sq += w * w;
    }
    return { weights, norm: Math.sqrt(sq) || 1, surface };
  });
  // Only each case's strongest terms take part, through an inverted index: comparing every
  // pair would be quadratic in the corpus.
  const TOP = 40;
  for (const v of vectors) {
    const top = [...v.weights].sort((x, y) => y[1] - x[1]).slice(0, TOP);
    v.weights = new Map(top);
    v.norm = Math.sqrt(top.reduce((n, [, w]) => n + w * w, 0)) || 1;
  }
  const postings = new Map<string, number[]>();
  vectors.forEach((v, j) => {
    for (const t of v.weights.keys()) (postings.get(t) ?? postings.set(t, []).get(t))?.push(j);
  });
  const byProvision = new Map<string, number[]>();
  records.forEach((r, j) => {
    for (const p of r.provisions) (byProvision.get(p) ?? byProvision.set(p, []).get(p))?.push(j);
  });
  const out = new Map<string, SimilarCase[]>();
  records.forEach((r, i) => {
    const a = vectors[i] as Vector;
    const scored: SimilarCase[] = [];
    const candidates = new Set<number>();
    // Candidates come from the rarer shared terms (a term in a tenth of the corpus says little) and shared provisions.
    for (const t of a.weights.keys()) {
      const list = postings.get(t) ?? [];
      if (list.length <= Math.max(50, n * 0.1)) for (const j of list) candidates.add(j);
    }
    for (const p of r.provisions) for (const j of (byProvision.get(p) ?? []).slice(0, 200)) candidates.add(j);
    candidates.delete(i);
    for (const j of candidates) {
      const o = records[j] as CaseRecord;
      const b = vectors[j] as Vector;
      let dot = 0;
      const contributions: Array<[string, number]> = [];
      for (const [t, w] of a.weights) {
        const v = b.weights.get(t);
        if (v) {
          dot += w * v;
          contributions.push([t, w * v]);
        }
      }
      const cosine = dot / (a.norm * b.norm);
      const sharedProvisions = r.provisions.filter((p) => o.provisions.includes(p));
      const sharedOffenses = r.offenses.filter((x) => o.offenses.includes(x));
      const union = new Set([...r.provisions, ...o.provisions]).size;
      const score = 0.6 * cosine + 0.25 * (union ? sharedProvisions.length / union : 0) + 0.15 * (sharedOffenses.length ? sharedOffenses.length / new Set([...r.offenses, ...o.offenses]).size : 0);
      if (score <= 0.02) continue;
      const sharedTerms = contributions.sort((x, y) => y[1] - x[1]).slice(0, 5).map(([t]) => a.surface.get(t) ?? t);
      scored.push({ id: o.id, title: o.title, score: Number(score.toFixed(3)), sharedProvisions, sharedOffenses, sharedTerms });
    }
    out.set(r.id, scored.sort((x, y) => y.score - x.score).slice(0, limit));
  });
  return out;
}
