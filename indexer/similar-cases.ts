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
  /** The case's strongest stems and their TF-IDF weights. */
  weights: Map<string, number>;
  norm: number;
  /** The first surface form seen for each stem, to show readers a word rather than a stem. */
  surface: Map<string, string>;
}

/** Stemming is the costly part; judgments repeat their words, so stems are cached per language. */
const stemCache = new Map<string, Map<string, string>>();

/** Term frequencies of a text by stem, with the first surface form of each. */
function termFrequencies(text: string, lang: string): { tf: Map<string, number>; surface: Map<string, string> } {
  const stemmer = stemmerFor(lang);
  const cache = stemCache.get(lang) ?? (stemCache.set(lang, new Map()).get(lang) as Map<string, string>);
  const tf = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}]{3,}/gu)) {
    const w = m[0];
    if (STOP.has(w)) continue;
    let s = cache.get(w);
    if (s === undefined) {
      s = stemmer.stem(w);
      if (cache.size < 200_000) cache.set(w, s);
    }
    const f = tf.get(s);
    if (f === undefined) {
      tf.set(s, 1);
      surface.set(s, w);
    } else tf.set(s, f + 1);
  }
  return { tf, surface };
}

/** Stems per case that take part in the comparison: comparing whole vocabularies adds cost, not precision. */
const TOP_TERMS = 40;
/** A term in more cases than this says little about likeness and would make each case meet most others. */
const maxPostings = (n: number): number => Math.max(50, Math.min(n * 0.1, 1000));
/** Cases sharing a provision that are considered, per provision. */
const PROVISION_CANDIDATES = 200;

/**
 * For every case, the closest others by content (TF-IDF cosine over summary and the first
 * part of the text, on natural's stems) and by shared provisions and offense types, each
 * with the reasons. Computed at index time over the whole corpus, through an inverted
 * index of each case's strongest terms, so the cost grows with the corpus, not its square.
 */
export function computeSimilarCases(records: CaseRecord[], limit = 5): Map<string, SimilarCase[]> {
  const n = records.length;
  const counted = records.map((r) => termFrequencies(`${r.title} ${r.summary} ${r.keywords.join(' ')} ${(r.text ?? '').slice(0, 20000)}`, r.language));
  const df = new Map<string, number>();
  for (const { tf } of counted) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const vectors: Vector[] = counted.map(({ tf, surface }) => {
    const weighted: Array<[string, number]> = [];
    for (const [t, f] of tf) {
      const d = df.get(t) ?? 0;
      // Words in nearly every case say nothing about likeness.
      if (d > n * 0.6) continue;
      weighted.push([t, (1 + Math.log(f)) * (Math.log((1 + n) / (1 + d)) + 1)]);
    }
    const top = weighted.sort((x, y) => y[1] - x[1]).slice(0, TOP_TERMS);
    const kept = new Map<string, string>();
    for (const [t] of top) kept.set(t, surface.get(t) ?? t);
    return { weights: new Map(top), norm: Math.sqrt(top.reduce((sum, [, w]) => sum + w * w, 0)) || 1, surface: kept };
  });
  counted.length = 0;

  const postings = new Map<string, Array<[number, number]>>();
  vectors.forEach((v, j) => {
    for (const [t, w] of v.weights) (postings.get(t) ?? (postings.set(t, []).get(t) as Array<[number, number]>)).push([j, w]);
  });
  const byProvision = new Map<string, number[]>();
  // Interned as small integer arrays: a case cites a handful, and comparing numbers in a
  // loop is what this inner part does millions of times on a large corpus.
  const codes = new Map<string, number>();
  const code = (s: string): number => codes.get(s) ?? (codes.set(s, codes.size).get(s) as number);
  const provisionSets = records.map((r, j) => {
    for (const p of r.provisions) (byProvision.get(p) ?? (byProvision.set(p, []).get(p) as number[])).push(j);
    return [...new Set(r.provisions.map(code))];
  });
  const offenseSets = records.map((r) => [...new Set(r.offenses.map(code))]);
  const overlap = (x: number[], y: number[]): number => {
    let shared = 0;
    for (let k = 0; k < x.length; k++) if (y.includes(x[k] as number)) shared++;
    return shared;
  };
  const cap = maxPostings(n);

  const dots = new Float64Array(n);
  const seen = new Uint8Array(n);
  const out = new Map<string, SimilarCase[]>();
  records.forEach((r, i) => {
    const a = vectors[i] as Vector;
    const touched: number[] = [];
    for (const [t, w] of a.weights) {
      const list = postings.get(t) as Array<[number, number]>;
      if (list.length > cap) continue;
      for (const [j, v] of list) {
        if (seen[j] === 0) {
          seen[j] = 1;
          touched.push(j);
        }
        dots[j] = (dots[j] as number) + w * v;
      }
    }
    for (const p of r.provisions) {
      const list = byProvision.get(p) ?? [];
      for (let k = 0; k < Math.min(list.length, PROVISION_CANDIDATES); k++) {
        const j = list[k] as number;
        if (seen[j] === 0) {
          seen[j] = 1;
          touched.push(j);
        }
      }
    }

    // The best `limit` candidates, kept sorted; the reasons are only worked out for them.
    const best: Array<{ j: number; score: number }> = [];
    const pi = provisionSets[i] as number[];
    const oi = offenseSets[i] as number[];
    for (let k = 0; k < touched.length; k++) {
      const j = touched[k] as number;
      if (j === i) continue;
      const pj = provisionSets[j] as number[];
      const oj = offenseSets[j] as number[];
      const sharedP = overlap(pi, pj);
      const sharedO = overlap(oi, oj);
      const unionP = pi.length + pj.length - sharedP;
      const unionO = oi.length + oj.length - sharedO;
      const cosine = (dots[j] as number) / (a.norm * (vectors[j] as Vector).norm);
      const score = Math.round(1000 * (0.6 * cosine + 0.25 * (unionP ? sharedP / unionP : 0) + 0.15 * (sharedO && unionO ? sharedO / unionO : 0))) / 1000;
      if (score <= 0.02) continue;
      if (best.length === limit && score <= (best[limit - 1] as { score: number }).score) continue;
      let at = best.findIndex((x) => x.score < score);
      if (at < 0) at = best.length;
      best.splice(at, 0, { j, score });
      if (best.length > limit) best.pop();
    }
    for (const j of touched) {
      seen[j] = 0;
      dots[j] = 0;
    }
    out.set(
      r.id,
      best.map(({ j, score }) => {
        const o = records[j] as CaseRecord;
        const b = vectors[j] as Vector;
        const contributions: Array<[string, number]> = [];
        for (const [t, w] of a.weights) {
          const v = b.weights.get(t);
          if (v) contributions.push([t, w * v]);
        }
        const sharedTerms = contributions.sort((x, y) => y[1] - x[1]).slice(0, 5).map(([t]) => a.surface.get(t) ?? t);
        return { id: o.id, title: o.title, score, sharedProvisions: r.provisions.filter((p) => o.provisions.includes(p)), sharedOffenses: r.offenses.filter((x) => o.offenses.includes(x)), sharedTerms };
      }),
    );
  });
  return out;
}
