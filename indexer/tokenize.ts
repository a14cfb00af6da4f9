/**
 * The one place that loads `natural`. Its package ships TypeScript sources that do not
 * type-check under this project's settings, so it is required at run time and typed
 * here with just the subset the indexer uses; swap or fake it here.
 */
import { createRequire } from 'node:module';

export interface Stemmer {
  stem(token: string): string;
}

type Distance = (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
interface TfIdfInstance {
  addDocument(doc: string | string[], key?: string): void;
  listTerms(index: number): Array<{ term: string; tfidf: number }>;
}

// Loading natural's index would also load its storage adapters, which read `.env`
// files and print to the console; the modules used are required directly instead.
const load = createRequire(import.meta.url);
const lib = (p: string): unknown => load(`natural/lib/natural/${p}`);

const stemmers: Record<string, Stemmer> = {
  en: lib('stemmers/porter_stemmer') as Stemmer,
  fr: lib('stemmers/porter_stemmer_fr') as Stemmer,
  es: lib('stemmers/porter_stemmer_es') as Stemmer,
};

export const jaroWinkler = lib('distance/jaro-winkler_distance') as Distance;
export const levenshtein = (lib('distance/levenshtein_distance') as { LevenshteinDistance: (a: string, b: string) => number }).LevenshteinDistance;
export const TfIdf = lib('tfidf/tfidf') as new () => TfIdfInstance;

/** natural's Porter stemmer for English, French or Spanish (English for anything else). */
export function stemmerFor(lang: string): Stemmer {
  return stemmers[lang] ?? (stemmers.en as Stemmer);
}

/** Words of a text, without punctuation. Unicode letters are kept ("Piratería"). */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** A string as a literal inside a regular expression. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
