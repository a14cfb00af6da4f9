/**
 * Plain data shapes shared by the indexer and the server. No I/O here.
 */

export const COURT_LEVELS = ['first-instance', 'appeal', 'supreme', 'international', 'unknown'] as const;
export type CourtLevel = (typeof COURT_LEVELS)[number];

export const OUTCOMES = [
  'convicted', 'acquitted', 'partly', 'dismissed', 'upheld', 'reversed', 'remanded', 'violation', 'no-violation', 'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Vessel {
  name: string;
  flag: string;
  imo: string;
  role: string;
}

export interface SourceRef {
  name: string;
  url: string;
}

/** A court decision, as written in `corpus/cases/*.json` or derived from an ingested document. */
export interface CaseRecord {
  id: string;
  title: string;
  court: string;
  courtLevel: CourtLevel;
  /** ISO 3166-1 alpha-2 (upper case) or an international court id (lower case). */
  jurisdiction: string;
  /** YYYY-MM-DD */
  decisionDate: string;
  offenses: string[];
  /** Canonical provision ids, `unclos/101`. */
  provisions: string[];
  statutes: string[];
  vessels: Vessel[];
  parties: string[];
  judges: string[];
  outcome: Outcome;
  outcomeText: string;
  sentence: string;
  citation: string;
  docket: string;
  language: string;
  sources: SourceRef[];
  keywords: string[];
  summary: string;
  notes: string;
  /** Full text of the decision, when one was ingested (PDF, text). */
  text?: string;
  /** Treaty-article citations found in `text`, with their offsets. */
  citations?: TextLink[];
  /** Path of the file the record came from, relative to the corpus or as given. */
  sourcePath?: string;
  /** For records built from a PDF: the path of that PDF, for download. */
  originalFile?: string;
  /** sha256 of the source file(s), to detect re-ingestion of the same content. */
  contentHash?: string;
}

export interface Article {
  number: string;
  title: string;
  part: string;
  summary: string;
  refersTo: string[];
  defines: string[];
  /** Paragraphs of the official text, when a treaty text was ingested. */
  paragraphs?: string[];
}

export interface Instrument {
  id: string;
  shortTitle: string;
  title: string;
  /** Official titles in French and Spanish. */
  names?: Record<string, string> | undefined;
  aliases: string[];
  parent?: string | undefined;
  adopted: string;
  entryIntoForce: string;
  source: SourceRef;
  articles: Article[];
}

export interface Offense {
  id: string;
  label: string;
  labels: Record<string, string>;
  description: string;
}

/** A span of text that cites a provision, to be shown as a link to its page. */
export interface TextLink {
  start: number;
  end: number;
  provision: string;
}

/** How an automatically extracted field was found (see indexer/detect/types.ts). */
export interface ProvenanceEntry {
  field: string;
  value: string;
  start: number;
  end: number;
  text: string;
  confidence: number;
}

/** A piece of a decision's text, small enough to index whole and to crop cheaply. */
export interface Passage {
  seq: number;
  /** Paragraph numbers the passage covers, where the judgment numbers its paragraphs. */
  paragraphs: string[];
  text: string;
  /** Citations inside this passage, offsets relative to `text`. */
  links?: TextLink[];
}

/** Documents as stored in Meilisearch. */
export interface CaseDoc {
  id: string;
  title: string;
  court: string;
  courtLevel: CourtLevel;
  jurisdiction: string;
  jurisdictionName: string;
  decisionDate: string;
  /** Unix seconds (UTC midnight), for range filters and sorting. */
  decisionTs?: number;
  year?: number;
  offenses: string[];
  offenseLabels: string[];
  provisions: string[];
  instruments: string[];
  provisionLabels: string[];
  /** Titles and aliases of the instruments cited, so any of their names finds the case. */
  instrumentNames: string[];
  statutes: string[];
  vesselNames: string[];
  vesselFlags: string[];
  vessels: Vessel[];
  parties: string[];
  judges: string[];
  outcome: Outcome;
  outcomeText: string;
  sentence: string;
  citation: string;
  docket: string;
  language: string;
  sources: SourceRef[];
  keywords: string[];
  summary: string;
  notes: string;
  /** Full text cut into chunks (`body`, `body2`...), each under Meilisearch's per-attribute position limit. */
  body?: string;
  body2?: string;
  body3?: string;
  body4?: string;
  body5?: string;
  body6?: string;
  body7?: string;
  body8?: string;
  hasText: boolean;
  passageCount: number;
  /** For ingested documents: how each detected field was found. */
  provenance?: ProvenanceEntry[];
  /** The closest cases, computed at index time, with why they are close. */
  similar?: Array<{ id: string; title: string; score: number; sharedProvisions: string[]; sharedOffenses: string[]; sharedTerms: string[] }>;
  sourcePath: string;
  originalFile: string;
  contentHash: string;
}

export interface PassageDoc {
  id: string;
  caseId: string;
  seq: number;
  paragraphs: string[];
  text: string;
  links: TextLink[];
  jurisdiction: string;
  offenses: string[];
  provisions: string[];
  courtLevel: CourtLevel;
  year?: number;
  decisionTs?: number;
}

export interface ProvisionDoc {
  /** Meilisearch-safe id: `unclos__101`. */
  docId: string;
  /** Canonical id: `unclos/101`. */
  id: string;
  instrument: string;
  instrumentTitle: string;
  instrumentShortTitle: string;
  instrumentNames: Record<string, string>;
  instrumentAliases: string[];
  number: string;
  /** For sorting articles in their natural order (3 < 3bis < 4 < 10). */
  order: number;
  title: string;
  part: string;
  summary: string;
  paragraphs: string[];
  refersTo: string[];
  referredBy: string[];
  defines: string[];
  caseCount: number;
}
