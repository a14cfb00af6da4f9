import fs from 'node:fs';
import path from 'node:path';
import { loadCatalogue, type Catalogue } from './catalogue.js';
import { corpusFingerprint } from './corpus-fingerprint.js';
import { discoverInputs, type InputFile, type Skipped } from './discover-inputs.js';
import { ingestFile, IngestError } from './ingest-file.js';
import { toCaseDocument, toPassageDocuments, toProvisionDocuments, toSearchDocuments } from './to-search-document.js';
import type { CaseDoc, CaseRecord, Instrument, PassageDoc, ProvisionDoc } from './types.js';
import type { Provenance } from './detect-metadata.js';
import { computeSimilarCases } from './similar-cases.js';
import {
  addDocuments,
  createFreshIndex,
  deleteDocumentsByFilter,
  enqueueDocuments,
  ensureIndex,
  indexExists,
  swapInto,
  settle,
  verifyIndex,
  waitForTask,
  type IndexNames,
  type PendingWrite,
  type Meilisearch,
} from '../engine/meili-client.js';
import { caseSettings, passageSettings, provisionSettings } from '../engine/settings.js';
import { quoteFilterValue } from '../engine/filter.js';

export interface IndexState {
  id: 'state';
  corpusFingerprint: string;
  /** Files and folders ingested on top of the corpus; a full rebuild reads them again. */
  sources: string[];
  indexedAt: string;
  cases: number;
}

export interface FileFailure {
  path: string;
  reason: string;
}

export interface IndexReport {
  mode: 'full' | 'incremental';
  cases: number;
  passages: number;
  instruments: number;
  provisions: number;
  indexedFiles: string[];
  skipped: Skipped[];
  failed: FileFailure[];
  warnings: Array<{ path: string; message: string }>;
  durationMs: number;
  /** Where the time went, in milliseconds (full rebuilds). */
  stages?: Record<'read' | 'similar' | 'write' | 'swap', number>;
}

export interface ProgressEvent {
  done: number;
  total: number;
  file: string;
  stage: 'read' | 'write';
}

export interface RunOptions {
  admin: Meilisearch;
  names: IndexNames;
  corpusDir: string;
  /** Files or folders to add to the live index; when absent, everything is rebuilt. */
  paths?: string[];
  onProgress?: (e: ProgressEvent) => void;
}

interface Collected {
  records: CaseRecord[];
  provenance: Map<string, Provenance[]>;
  instruments: Instrument[];
  indexedFiles: string[];
  failed: FileFailure[];
  warnings: Array<{ path: string; message: string }>;
}

/**
 * Reads every input into records, reporting (not throwing) per-file failures. `onRecord`
 * sees each accepted case as soon as it is read, so its documents can be on their way to
 * Meilisearch while the next files are read.
 */
async function collect(
  inputs: InputFile[],
  catalogue: Catalogue,
  onProgress?: RunOptions['onProgress'],
  onRecord?: (record: CaseRecord, provenance: Provenance[]) => Promise<void>,
): Promise<Collected> {
  const out: Collected = { records: [], provenance: new Map(), instruments: [], indexedFiles: [], failed: [], warnings: [] };
  const byId = new Map<string, string>();
  const byHash = new Map<string, string>();
  let done = 0;
  // Instruments first, so that treaty texts and JSON catalogues are known before cases cite them.
  const ordered = [...inputs].sort((a, b) => Number(b.kind === 'instrument-json') - Number(a.kind === 'instrument-json'));
  for (const input of ordered) {
    try {
      const outcome = await ingestFile(input, catalogue);
      for (const w of outcome.warnings) out.warnings.push({ path: input.path, message: w });
      if (outcome.kind === 'instrument') {
        catalogue.withInstrument(outcome.instrument);
        out.instruments.push(outcome.instrument);
      } else {
        const { record } = outcome;
        const sameId = byId.get(record.id);
        if (sameId) throw new IngestError(input.path, `duplicate case id "${record.id}" (already used by ${sameId})`);
        const sameContent = record.contentHash ? byHash.get(record.contentHash) : undefined;
        if (sameContent) {
          out.warnings.push({ path: input.path, message: `same content as ${sameContent}; not indexed twice` });
        } else {
          byId.set(record.id, input.path);
          if (record.contentHash) byHash.set(record.contentHash, input.path);
          out.records.push(record);
          out.provenance.set(record.id, outcome.provenance);
          await onRecord?.(record, outcome.provenance);
        }
      }
      out.indexedFiles.push(input.path);
    } catch (err) {
      const reason = err instanceof IngestError ? err.reason : (err as Error).message;
      out.failed.push({ path: input.path, reason });
    }
    onProgress?.({ done: ++done, total: inputs.length, file: input.path, stage: 'read' });
  }
  return out;
}

function countProvisions(records: Array<{ provisions: string[] }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) for (const p of new Set(r.provisions)) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}

function truncationWarning(r: CaseRecord, words: number): { path: string; message: string } {
  return { path: r.sourcePath ?? r.id, message: `${words} words past the case index limit are searchable through passages only` };
}

function buildDocs(records: CaseRecord[], catalogue: Catalogue, warnings: Collected['warnings'], provenance: Map<string, Provenance[]>) {
  const cases: Array<CaseDoc & { provenance: Provenance[] }> = [];
  const passages: PassageDoc[] = [];
  for (const r of records) {
    const docs = toSearchDocuments(r, catalogue);
    if (docs.truncatedWords > 0) warnings.push(truncationWarning(r, docs.truncatedWords));
    cases.push({ ...docs.caseDoc, provenance: provenance.get(r.id) ?? [] });
    passages.push(...docs.passages);
  }
  return { cases, passages };
}

/** Passages per request while reading: big enough for Meilisearch to batch well, small enough to start early. */
const PASSAGE_BATCH = 2000;
/** Case documents per request (each holds a whole judgment). */
const CASE_BATCH = 1000;

async function dropStaleStaging(admin: Meilisearch, names: IndexNames): Promise<void> {
  const live = [names.cases, names.passages, names.provisions];
  const { results } = await admin.getIndexes({ limit: 1000 });
  const stale = results.map((i) => i.uid).filter((uid) => live.some((l) => uid.startsWith(`${l}_staging`)));
  for (const uid of stale) await waitForTask(admin, admin.deleteIndex(uid), 600_000);
}

export async function readState(admin: Meilisearch, names: IndexNames): Promise<IndexState | undefined> {
  if (!(await indexExists(admin, names.meta))) return undefined;
  try {
    return await admin.index(names.meta).getDocument<IndexState>('state');
  } catch {
    return undefined;
  }
}

async function writeState(admin: Meilisearch, names: IndexNames, state: IndexState): Promise<void> {
  // One task: the addition creates the index on the first run (key given) and it has no
  // settings to apply, so no existence check and no settings task on every rebuild.
  const meta = admin.index(names.meta);
  const { taskUid } = await meta.addDocuments([state as unknown as Record<string, unknown>], { primaryKey: 'id' });
  await settle(meta, [{ taskUids: [taskUid] }]);
}

/**
 * Full rebuild: reads the corpus and every previously added source into new indexes and
 * swaps them in at once. If anything fails before the swap, the live indexes are untouched.
 */
async function runFull(opts: RunOptions, started: number): Promise<IndexReport> {
  const { admin, names, corpusDir } = opts;
  const previous = await readState(admin, names);
  const sources = (previous?.sources ?? []).filter((s) => fs.existsSync(s));
  const catalogue = loadCatalogue(corpusDir);
  const found = discoverInputs([corpusDir, ...sources]);

  // A name of its own per run: tasks left in Meilisearch's queue by a run that was killed
  // can never touch this one's indexes. Leftover staging indexes are removed first.
  await dropStaleStaging(admin, names);
  const suffix = `_staging_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const staged = {
    cases: `${names.cases}${suffix}`,
    passages: `${names.passages}${suffix}`,
    provisions: `${names.provisions}${suffix}`,
  };
  const stages = { read: 0, similar: 0, write: 0, swap: 0 };
  let mark = performance.now();
  const lap = (stage: keyof typeof stages): void => {
    const now = performance.now();
    stages[stage] += now - mark;
    mark = now;
  };
  try {
    const [ci, pi, vi] = await Promise.all([
      createFreshIndex(admin, staged.cases, 'id', caseSettings),
      createFreshIndex(admin, staged.passages, 'id', passageSettings),
      createFreshIndex(admin, staged.provisions, 'docId', provisionSettings),
    ]);
    // Passages do not depend on the rest of the corpus: they are sent while the next files
    // are read, so Meilisearch indexes them while this process reads and parses. Case
    // documents wait for the similar cases, and are built batch by batch when written, so
    // a large corpus is held in memory once (as records), not twice.
    const pending: PendingWrite[] = [];
    const passageCounts = new Map<string, number>();
    let passageBuffer: PassageDoc[] = [];
    let passageCount = 0;
    const flushPassages = async (): Promise<void> => {
      if (passageBuffer.length === 0) return;
      pending.push(await enqueueDocuments(pi, passageBuffer as unknown as Record<string, unknown>[]));
      passageBuffer = [];
    };
    const collected = await collect(found.inputs, catalogue, opts.onProgress, async (record) => {
      const docs = toPassageDocuments(record);
      passageCounts.set(record.id, docs.length);
      passageBuffer.push(...docs);
      passageCount += docs.length;
      if (passageBuffer.length >= PASSAGE_BATCH) await flushPassages();
    });
    await flushPassages();
    lap('read');
    const similar = computeSimilarCases(collected.records);
    const provisions = toProvisionDocuments(catalogue, countProvisions(collected.records));
    lap('similar');
    opts.onProgress?.({ done: 0, total: 3, file: 'cases', stage: 'write' });
    for (let i = 0; i < collected.records.length; i += CASE_BATCH) {
      const batch = collected.records.slice(i, i + CASE_BATCH).map((r) => {
        const { caseDoc, truncatedWords } = toCaseDocument(r, catalogue, passageCounts.get(r.id) ?? 0);
        if (truncatedWords > 0) collected.warnings.push(truncationWarning(r, truncatedWords));
        return { ...caseDoc, similar: similar.get(r.id) ?? [], provenance: collected.provenance.get(r.id) ?? [] };
      });
      pending.push(await enqueueDocuments(ci, batch as unknown as Record<string, unknown>[], CASE_BATCH));
    }
    pending.push(await enqueueDocuments(vi, provisions as unknown as Record<string, unknown>[]));
    opts.onProgress?.({ done: 1, total: 3, file: 'passages', stage: 'write' });
    await settle(ci, pending);
    lap('write');
    opts.onProgress?.({ done: 2, total: 3, file: 'check', stage: 'write' });
    await Promise.all([
      verifyIndex(admin, staged.cases, 'id', collected.records.length, caseSettings),
      verifyIndex(admin, staged.passages, 'id', passageCount, passageSettings),
      verifyIndex(admin, staged.provisions, 'docId', provisions.length, provisionSettings),
    ]);
    await swapInto(admin, [
      { live: names.cases, staged: staged.cases },
      { live: names.passages, staged: staged.passages },
      { live: names.provisions, staged: staged.provisions },
    ]);
    lap('swap');
    opts.onProgress?.({ done: 3, total: 3, file: 'swap', stage: 'write' });
    await writeState(admin, names, {
      id: 'state',
      corpusFingerprint: corpusFingerprint(corpusDir),
      sources,
      indexedAt: new Date().toISOString(),
      cases: collected.records.length,
    });
    return {
      mode: 'full',
      cases: collected.records.length,
      passages: passageCount,
      instruments: catalogue.instruments.size,
      provisions: provisions.length,
      indexedFiles: collected.indexedFiles,
      skipped: found.skipped,
      failed: [...found.missing, ...collected.failed],
      warnings: collected.warnings,
      durationMs: Date.now() - started,
      stages: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, Math.round(v)])) as typeof stages,
    };
  } catch (err) {
    // Leave the live indexes as they were; drop the half-built ones if we still can.
    await Promise.allSettled(Object.values(staged).map((uid) => waitForTask(admin, admin.deleteIndex(uid), 60_000)));
    throw err;
  }
}

/**
 * Adds files to the live indexes. A case ingested again replaces its earlier version
 * (same id), its passages included; provision case counts are recomputed.
 */
async function runIncremental(opts: RunOptions, paths: string[], started: number): Promise<IndexReport> {
  const { admin, names, corpusDir } = opts;
  if (!(await indexExists(admin, names.cases))) {
    // Nothing to add to yet: build the corpus first, so the new files join a complete index.
    await runFull({ ...opts, paths: undefined }, started);
  }
  const catalogue = loadCatalogue(corpusDir);
  const found = discoverInputs(paths);
  const collected = await collect(found.inputs, catalogue, opts.onProgress);
  const cases = admin.index(names.cases);
  // Same content already indexed under another id (the same PDF copied elsewhere): skip it.
  const fresh: CaseRecord[] = [];
  for (const r of collected.records) {
    if (r.contentHash) {
      const res = await cases.search('', { filter: `contentHash = ${quoteFilterValue(r.contentHash)} AND id != ${quoteFilterValue(r.id)}`, limit: 1, attributesToRetrieve: ['id'] });
      const other = res.hits[0] as { id?: string } | undefined;
      if (other?.id) {
        collected.warnings.push({ path: r.sourcePath ?? r.id, message: `same content as case "${other.id}" already indexed; not indexed twice` });
        continue;
      }
    }
    fresh.push(r);
  }
  const { cases: caseDocs, passages } = buildDocs(fresh, catalogue, collected.warnings, collected.provenance);
  const passageIndex = await ensureIndex(admin, names.passages, 'id', passageSettings);
  if (fresh.length) {
    const ids = fresh.map((r) => quoteFilterValue(r.id)).join(', ');
    await deleteDocumentsByFilter(passageIndex, `caseId IN [${ids}]`);
  }
  await addDocuments(passageIndex, passages);
  await addDocuments(cases, caseDocs);
  await refreshSimilarCases(cases, fresh);

  const provisionIndex = await ensureIndex(admin, names.provisions, 'docId', provisionSettings);
  const facet = await cases.search('', { limit: 0, facets: ['provisions'] });
  const counts = new Map(Object.entries(facet.facetDistribution?.provisions ?? {}).map(([k, v]) => [k, Number(v)]));
  const newInstrumentIds = new Set(collected.instruments.map((i) => i.id));
  const allDocs = toProvisionDocuments(catalogue, counts);
  const existing = new Set<string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await provisionIndex.getDocuments<ProvisionDoc>({ fields: ['docId'], limit: 1000, offset });
    page.results.forEach((d) => existing.add(d.docId));
    if (page.results.length < 1000) break;
  }
  // New instruments and new stubs are written whole; for the rest only the counts change,
  // so article texts ingested earlier are kept.
  const whole = allDocs.filter((d) => newInstrumentIds.has(d.instrument) || !existing.has(d.docId));
  const countsOnly = allDocs.filter((d) => !whole.includes(d)).map((d) => ({ docId: d.docId, caseCount: d.caseCount }));
  await addDocuments(provisionIndex, whole as unknown as Record<string, unknown>[]);
  if (countsOnly.length) {
    const task = await waitForTask(provisionIndex, provisionIndex.updateDocuments(countsOnly), 30 * 60_000);
    if (task.status !== 'succeeded') throw new Error(`Updating provision counts failed: ${task.error?.message ?? task.status}`);
  }

  const state = await readState(admin, names);
  const added = found.inputs.filter((i) => collected.indexedFiles.includes(i.path)).map((i) => path.resolve(i.path));
  const corpusAbs = path.resolve(corpusDir);
  const sources = [...new Set([...(state?.sources ?? []), ...added.filter((p) => !p.startsWith(corpusAbs + path.sep))])];
  const total = await cases.search('', { limit: 0 });
  await writeState(admin, names, {
    id: 'state',
    corpusFingerprint: state?.corpusFingerprint ?? '',
    sources,
    indexedAt: new Date().toISOString(),
    cases: total.estimatedTotalHits ?? 0,
  });
  return {
    mode: 'incremental',
    cases: caseDocs.length,
    passages: passages.length,
    instruments: collected.instruments.length,
    provisions: whole.length,
    indexedFiles: collected.indexedFiles,
    skipped: found.skipped,
    failed: [...found.missing, ...collected.failed],
    warnings: collected.warnings,
    durationMs: Date.now() - started,
  };
}

/**
 * Keeps "similar cases" current after an addition: recomputed over every case in the index
 * (the new ones with their full text), then written back as a partial update.
 */
async function refreshSimilarCases(cases: ReturnType<Meilisearch['index']>, fresh: CaseRecord[]): Promise<void> {
  const byId = new Map(fresh.map((r) => [r.id, r]));
  const all: CaseRecord[] = [...fresh];
  const fields: Array<keyof CaseDoc> = ['id', 'title', 'summary', 'keywords', 'provisions', 'offenses', 'language'];
  for (let offset = 0; ; offset += 1000) {
    const page = await cases.getDocuments<CaseDoc>({ fields, limit: 1000, offset });
    for (const d of page.results) {
      if (byId.has(d.id)) continue;
      all.push({ ...(d as unknown as CaseRecord), text: '' });
    }
    if (page.results.length < 1000) break;
  }
  const similar = computeSimilarCases(all);
  const updates = all.map((r) => ({ id: r.id, similar: similar.get(r.id) ?? [] }));
  const task = await waitForTask(cases, cases.updateDocuments(updates), 30 * 60_000);
  if (task.status !== 'succeeded') throw new Error(`Updating similar cases failed: ${task.error?.message ?? task.status}`);
}

/** Runs the indexer: a full rebuild with no paths, otherwise an addition of those paths. */
export async function runIndex(opts: RunOptions): Promise<IndexReport> {
  const started = Date.now();
  return opts.paths && opts.paths.length > 0 ? runIncremental(opts, opts.paths, started) : runFull(opts, started);
}

/** True when the live index is missing or was built from another corpus or schema. */
export async function isIndexStale(admin: Meilisearch, names: IndexNames, corpusDir: string): Promise<boolean> {
  const state = await readState(admin, names);
  if (!state || !(await indexExists(admin, names.cases))) return true;
  return state.corpusFingerprint !== corpusFingerprint(corpusDir);
}
