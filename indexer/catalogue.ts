import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Article, Instrument, Offense } from './types.js';

/** International courts and tribunals, by the short id used as their "jurisdiction". */
export const INTERNATIONAL_JURISDICTIONS: Record<string, string> = {
  echr: 'European Court of Human Rights',
  itlos: 'International Tribunal for the Law of the Sea',
  icj: 'International Court of Justice',
  pca: 'Permanent Court of Arbitration',
  icc: 'International Criminal Court',
  cjeu: 'Court of Justice of the European Union',
  iachr: 'Inter-American Court of Human Rights',
  unknown: 'Unknown jurisdiction',
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** "KE" -> "Kenya", "itlos" -> "International Tribunal for the Law of the Sea". */
const jurisdictionNames = new Map<string, string>();

/** Names are asked for on every page, per hit and per facet value; ICU lookups are cached. */
export function jurisdictionName(code: string): string {
  let name = jurisdictionNames.get(code);
  if (name === undefined) {
    name = lookUpJurisdictionName(code);
    if (jurisdictionNames.size < 1000) jurisdictionNames.set(code, name);
  }
  return name;
}

function lookUpJurisdictionName(code: string): string {
  const international = INTERNATIONAL_JURISDICTIONS[code];
  if (international) return international;
  if (/^[A-Z]{2}$/.test(code)) {
    try {
      return regionNames.of(code) ?? code;
    } catch {
      return code;
    }
  }
  return code;
}

export function isKnownJurisdiction(code: string): boolean {
  if (code in INTERNATIONAL_JURISDICTIONS) return true;
  if (!/^[A-Z]{2}$/.test(code)) return false;
  try {
    return regionNames.of(code) !== undefined;
  } catch {
    return false;
  }
}

/** Short names used in labels and citations ("UNCLOS art. 101"). */
const ABBREVIATIONS: Record<string, string> = {
  untoc: 'UNTOC',
  'som-protocol': 'SOM Protocol',
  'tip-protocol': 'TIP Protocol',
  'firearms-protocol': 'Firearms Protocol',
  unclos: 'UNCLOS',
  sua: 'SUA',
  'vienna-1988': 'Vienna Convention 1988',
  'hostages-convention': 'Hostages Convention',
  echr: 'ECHR',
  'echr-p4': 'ECHR Protocol 4',
};

const articleSchema = z.object({
  number: z.string().min(1),
  title: z.string().default(''),
  part: z.string().default(''),
  summary: z.string().default(''),
  refersTo: z.array(z.string()).default([]),
  defines: z.array(z.string()).default([]),
  paragraphs: z.array(z.string()).optional(),
});

export const instrumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'instrument ids are lower-case kebab-case'),
  shortTitle: z.string().min(1),
  title: z.string().min(1),
  names: z.record(z.string(), z.string()).optional(),
  aliases: z.array(z.string()).default([]),
  parent: z.string().optional(),
  adopted: z.string().default(''),
  entryIntoForce: z.string().default(''),
  source: z.object({ name: z.string(), url: z.string() }).default({ name: '', url: '' }),
  articles: z.array(articleSchema),
});

const offenseSchema = z.array(
  z.object({ id: z.string(), label: z.string(), labels: z.record(z.string(), z.string()).default({}), description: z.string().default('') }),
);

/** Orders article numbers naturally: 3 < 3bis < 3ter < 4 < 10. */
export function articleOrder(num: string): number {
  const m = /^(\d+)([a-z]*)/i.exec(num);
  if (!m) return 1e9;
  const suffixes = ['', 'bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies'];
  const idx = suffixes.indexOf((m[2] ?? '').toLowerCase());
  return Number(m[1]) * 10 + (idx >= 0 ? idx : 9);
}

export class Catalogue {
  readonly offenses: Map<string, Offense>;
  readonly instruments: Map<string, Instrument>;

  constructor(offenses: Offense[], instruments: Instrument[]) {
    this.offenses = new Map(offenses.map((o) => [o.id, o]));
    this.instruments = new Map(instruments.map((i) => [i.id, i]));
  }

  abbreviation(instrumentId: string): string {
    return ABBREVIATIONS[instrumentId] ?? this.instruments.get(instrumentId)?.shortTitle ?? instrumentId;
  }

  article(provisionId: string): { instrument: Instrument; article: Article } | undefined {
    const [instrumentId, number] = provisionId.split('/');
    const instrument = instrumentId ? this.instruments.get(instrumentId) : undefined;
    const article = instrument?.articles.find((a) => a.number === number);
    return instrument && article ? { instrument, article } : undefined;
  }

  /** "UNCLOS art. 101 (Definition of piracy)"; unknown articles still get a readable label. */
  provisionLabel(provisionId: string): string {
    let label = this.labels.get(provisionId);
    if (label === undefined) {
      const [instrumentId = '', number = ''] = provisionId.split('/');
      const abbrev = this.abbreviation(instrumentId);
      const title = number ? this.article(provisionId)?.article.title : undefined;
      label = !number ? abbrev : title ? `${abbrev} art. ${number} (${title})` : `${abbrev} art. ${number}`;
      // A search page asks for the same few dozen labels a hundred times; ids come from the index, so the map stays small.
      if (this.labels.size < 10_000) this.labels.set(provisionId, label);
    }
    return label;
  }

  private readonly labels = new Map<string, string>();

  offenseLabel(id: string, lang = 'en'): string {
    const o = this.offenses.get(id);
    if (!o) return id;
    return lang === 'en' ? o.label : (o.labels[lang] ?? o.label);
  }

  withInstrument(instrument: Instrument): void {
    this.instruments.set(instrument.id, instrument);
  }
}

/** Loads the vocabulary and the instruments from a corpus folder; errors name the file. */
export function loadCatalogue(corpusDir: string): Catalogue {
  const read = (file: string): unknown => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: ${(err as Error).message}`);
    }
  };
  const offensesFile = path.join(corpusDir, 'offenses.json');
  const parsedOffenses = offenseSchema.safeParse(read(offensesFile));
  if (!parsedOffenses.success) throw new Error(`${offensesFile}: ${z.prettifyError(parsedOffenses.error)}`);
  const instruments: Instrument[] = [];
  const dir = path.join(corpusDir, 'instruments');
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    const parsed = instrumentSchema.safeParse(read(file));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    instruments.push(parsed.data);
  }
  return new Catalogue(parsedOffenses.data, instruments);
}
