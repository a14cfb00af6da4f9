import { collapseSpaces } from './clean-text.js';
import { articleOrder, jurisdictionName, type Catalogue } from './catalogue.js';
import { chunkWords, splitPassages } from './split-passages.js';
import { BODY_CHUNK_WORDS, BODY_FIELDS } from '../engine/settings.js';
import type { CaseDoc, CaseRecord, Passage, PassageDoc, ProvisionDoc, TextLink } from './types.js';

/** Meilisearch ids allow only [a-zA-Z0-9_-]. */
export function provisionDocId(provisionId: string): string {
  return provisionId.replace(/\//g, '__');
}

export function dateToTs(iso: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 1000);
}

export interface CaseDocuments {
  caseDoc: CaseDoc;
  passages: PassageDoc[];
  /** Words beyond what the case index's body fields hold (still in the passages). */
  truncatedWords: number;
}

/**
 * Finds each citation of the full text again inside the passage that holds it (passages
 * normalise whitespace, so offsets are searched, not copied), in order.
 */
function attachLinks(passages: Passage[], text: string, citations: TextLink[]): Passage[] {
  let p = 0;
  let from = 0;
  for (const c of [...citations].sort((a, b) => a.start - b.start)) {
    const needle = collapseSpaces(text.slice(c.start, c.end));
    if (!needle) continue;
    // Look in this passage and the next two; a citation not found (rare) is skipped, not fatal.
    for (let q = p; q < Math.min(passages.length, p + 3); q++) {
      const passage = passages[q] as Passage;
      const at = passage.text.indexOf(needle, q === p ? from : 0);
      if (at >= 0) {
        (passage.links ??= []).push({ start: at, end: at + needle.length, provision: c.provision });
        p = q;
        from = at + needle.length;
        break;
      }
    }
  }
  return passages;
}

/** The passages of a case's full text, as search documents. Pure. */
export function toPassageDocuments(record: CaseRecord): PassageDoc[] {
  const text = record.text ?? '';
  if (!text.trim()) return [];
  const decisionTs = dateToTs(record.decisionDate);
  const year = decisionTs !== undefined ? Number(record.decisionDate.slice(0, 4)) : undefined;
  return attachLinks(splitPassages(text), text, record.citations ?? []).map((p) => ({
    id: `${record.id}--${p.seq}`,
    caseId: record.id,
    seq: p.seq,
    paragraphs: p.paragraphs,
    text: p.text,
    links: p.links ?? [],
    jurisdiction: record.jurisdiction,
    offenses: record.offenses,
    provisions: record.provisions,
    courtLevel: record.courtLevel,
    ...(decisionTs !== undefined ? { decisionTs, year } : {}),
  }));
}

/**
 * The case document (metadata, summary and the full text in chunks) of a record whose
 * text makes `passageCount` passages. Pure.
 */
export function toCaseDocument(record: CaseRecord, catalogue: Catalogue, passageCount: number): { caseDoc: CaseDoc; truncatedWords: number } {
  const decisionTs = dateToTs(record.decisionDate);
  const year = decisionTs !== undefined ? Number(record.decisionDate.slice(0, 4)) : undefined;
  const text = record.text ?? '';
  const { chunks, truncatedWords } = chunkWords(text, BODY_CHUNK_WORDS, BODY_FIELDS.length);
  const body: Partial<Record<(typeof BODY_FIELDS)[number], string>> = {};
  chunks.forEach((chunk, i) => {
    const field = BODY_FIELDS[i];
    if (field) body[field] = chunk;
  });
  const offenseLabels = record.offenses.flatMap((o) => {
    const off = catalogue.offenses.get(o);
    return off ? [off.label, ...Object.values(off.labels)] : [o];
  });
  const instruments = [...new Set(record.provisions.map((p) => p.split('/')[0] ?? p))];
  const caseDoc: CaseDoc = {
    id: record.id,
    title: record.title,
    court: record.court,
    courtLevel: record.courtLevel,
    jurisdiction: record.jurisdiction,
    jurisdictionName: jurisdictionName(record.jurisdiction),
    decisionDate: record.decisionDate,
    ...(decisionTs !== undefined ? { decisionTs, year } : {}),
    offenses: record.offenses,
    offenseLabels,
    provisions: record.provisions,
    instruments,
    provisionLabels: record.provisions.map((p) => catalogue.provisionLabel(p)),
    instrumentNames: instruments.flatMap((i) => {
      const inst = catalogue.instruments.get(i);
      return inst ? [inst.title, inst.shortTitle, ...inst.aliases] : [];
    }),
    statutes: record.statutes,
    vesselNames: record.vessels.map((v) => v.name).filter(Boolean),
    vesselFlags: [...new Set(record.vessels.map((v) => v.flag).filter(Boolean))],
    vessels: record.vessels,
    parties: record.parties,
    judges: record.judges,
    outcome: record.outcome,
    outcomeText: record.outcomeText,
    sentence: record.sentence,
    citation: record.citation,
    docket: record.docket,
    language: record.language,
    sources: record.sources,
    keywords: record.keywords,
    summary: record.summary,
    notes: record.notes,
    ...body,
    hasText: text.trim().length > 0,
    passageCount,
    sourcePath: record.sourcePath ?? '',
    originalFile: record.originalFile ?? '',
    contentHash: record.contentHash ?? '',
  };
  return { caseDoc, truncatedWords };
}

/** Both kinds of search documents of a case record. Pure. */
export function toSearchDocuments(record: CaseRecord, catalogue: Catalogue): CaseDocuments {
  const passages = toPassageDocuments(record);
  return { ...toCaseDocument(record, catalogue, passages.length), passages };
}

/**
 * One document per article of every instrument, with the articles that refer to it and
 * the number of cases citing it. Articles that cases cite but the catalogue lacks still
 * get a page, so no citation leads nowhere.
 */
export function toProvisionDocuments(catalogue: Catalogue, caseCounts: Map<string, number>): ProvisionDoc[] {
  const referredBy = new Map<string, string[]>();
  for (const inst of catalogue.instruments.values()) {
    for (const a of inst.articles) {
      for (const target of a.refersTo) {
        const list = referredBy.get(target) ?? [];
        list.push(`${inst.id}/${a.number}`);
        referredBy.set(target, list);
      }
    }
  }
  const docs: ProvisionDoc[] = [];
  const seen = new Set<string>();
  for (const inst of catalogue.instruments.values()) {
    for (const a of inst.articles) {
      const id = `${inst.id}/${a.number}`;
      seen.add(id);
      docs.push({
        docId: provisionDocId(id),
        id,
        instrument: inst.id,
        instrumentTitle: inst.title,
        instrumentShortTitle: inst.shortTitle,
        instrumentNames: inst.names ?? {},
        instrumentAliases: inst.aliases,
        number: a.number,
        order: articleOrder(a.number),
        title: a.title,
        part: a.part,
        summary: a.summary,
        paragraphs: a.paragraphs ?? [],
        refersTo: a.refersTo,
        referredBy: referredBy.get(id) ?? [],
        defines: a.defines,
        caseCount: caseCounts.get(id) ?? 0,
      });
    }
  }
  for (const [id, count] of caseCounts) {
    if (seen.has(id)) continue;
    const [instrument = id, number = ''] = id.split('/');
    const inst = catalogue.instruments.get(instrument);
    docs.push({
      docId: provisionDocId(id),
      id,
      instrument,
      instrumentTitle: inst?.title ?? instrument,
      instrumentShortTitle: inst?.shortTitle ?? catalogue.abbreviation(instrument),
      instrumentNames: inst?.names ?? {},
      instrumentAliases: inst?.aliases ?? [],
      number,
      order: articleOrder(number),
      title: '',
      part: '',
      summary: '',
      paragraphs: [],
      refersTo: [],
      referredBy: referredBy.get(id) ?? [],
      defines: [],
      caseCount: count,
    });
  }
  return docs;
}
