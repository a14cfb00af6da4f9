import path from 'node:path';
import { createFreshIndex, enqueueDocuments, indexNames, settle, waitForTask, type Meilisearch } from '../../engine/meili-client.js';
import { caseSettings, passageSettings, provisionSettings } from '../../engine/settings.js';
import { runIndex, type IndexReport } from '../../indexer/pipeline.js';
import { generateCorpus } from './generate-corpus.js';
import { diskUsage, mib, processMemory } from './measure.js';

export interface IngestionRow {
  size: number | 'bundled';
  /** Rounds measured; seconds are their medians. */
  rounds: number;
  pipelineRuns: number[];
  aloneRuns: number[];
  cases: number;
  passages: number;
  pipelineSeconds: number;
  stages: IndexReport['stages'];
  /** Undefined when not measured (corpora above --alone-up-to). */
  meilisearchAloneSeconds: number | undefined;
  ratio: number | undefined;
  /** Peak resident memory of this (indexing) process during the pipeline, MiB. */
  indexerPeakMiB: number;
  meiliRssMiB: number | undefined;
  meiliPeakMiB: number | undefined;
  /** Meilisearch's database on disk with this corpus's indexes only, MiB. */
  meiliDiskMiB: number;
}

/** Every document of an index, a thousand at a time. */
export async function allDocs(client: Meilisearch, uid: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.index(uid).getDocuments({ limit: 1000, offset });
    out.push(...(page.results as Record<string, unknown>[]));
    if (page.results.length < 1000) return out;
  }
}

async function dropIndexes(admin: Meilisearch, prefix: string): Promise<void> {
  const n = indexNames(prefix);
  for (const uid of [n.cases, n.passages, n.provisions, n.meta]) await waitForTask(admin, admin.deleteIndex(uid), 600_000);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Meilisearch alone: the very documents the pipeline wrote into `names`, into fresh
 * indexes with the same settings, fed the same way (batches back to back, then waited
 * for). Returns the seconds it took; the indexes are dropped afterwards.
 */
async function indexAlone(admin: Meilisearch, names: ReturnType<typeof indexNames>, alonePrefix: string): Promise<number> {
  const docs = { cases: await allDocs(admin, names.cases), passages: await allDocs(admin, names.passages), provisions: await allDocs(admin, names.provisions) };
  const alone = indexNames(alonePrefix);
  const t1 = performance.now();
  const [c, p, v] = await Promise.all([
    createFreshIndex(admin, alone.cases, 'id', caseSettings),
    createFreshIndex(admin, alone.passages, 'id', passageSettings),
    createFreshIndex(admin, alone.provisions, 'docId', provisionSettings),
  ]);
  const pending = [await enqueueDocuments(p, docs.passages, 2000), await enqueueDocuments(c, docs.cases), await enqueueDocuments(v, docs.provisions)];
  await settle(c, pending);
  const seconds = (performance.now() - t1) / 1000;
  await Promise.all([alone.cases, alone.passages, alone.provisions].map((uid) => waitForTask(admin, admin.deleteIndex(uid), 600_000)));
  return seconds;
}

/** Samples this process's resident memory while `run` goes, returning the peak in MiB. */
async function withPeakMemory<T>(run: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  try {
    const value = await run();
    return { value, peakMiB: mib(Math.max(peak, process.memoryUsage().rss)) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * For each corpus: the whole pipeline (`runIndex`, as `npm run index` runs it), then
 * Meilisearch alone indexing the very documents the pipeline wrote, fed the same way
 * (batches sent back to back, then waited for). Every corpus but the last is removed
 * before the next, so memory and disk belong to one corpus; the last stays for searching.
 */
export async function benchIngestion(opts: { admin: Meilisearch; meiliPid: number | undefined; dbPath: string; corpusDir: string; tmp: string; sizes: Array<number | 'bundled'>; aloneUpTo?: number }): Promise<{ rows: IngestionRow[]; lastPrefix: string }> {
  const { admin } = opts;
  const rows: IngestionRow[] = [];
  let lastPrefix = '';
  // An untimed round first: a fresh Meilisearch process indexes its first documents more
  // slowly, which would count against whichever of the two measurements came first.
  await runIndex({ admin, names: indexNames('bench_warmup'), corpusDir: opts.corpusDir });
  await dropIndexes(admin, 'bench_warmup');
  for (const [k, size] of opts.sizes.entries()) {
    const dir = size === 'bundled' ? opts.corpusDir : path.join(opts.tmp, `corpus-${size}`);
    if (size !== 'bundled') generateCorpus(dir, size);
    const prefix = `bench_${size}`;
    const names = indexNames(prefix);
    const measureAlone = size === 'bundled' || size <= (opts.aloneUpTo ?? Infinity);
    // Small corpora take a second or two, where one stall of Meilisearch's task queue
    // (about 2 s, seen now and then on a write right after an index deletion) would decide
    // the ratio: they get several rounds, pipeline and alone in turn, and the medians.
    const rounds = size === 'bundled' ? 9 : 1;
    const pipelineRuns: number[] = [];
    const aloneRuns: number[] = [];
    let last: { report: IndexReport; peakMiB: number; memory: ReturnType<typeof processMemory>; disk: number } | undefined;
    for (let round = 0; round < rounds; round++) {
      const t0 = performance.now();
      const { value: report, peakMiB } = await withPeakMemory(() => runIndex({ admin, names, corpusDir: dir }));
      pipelineRuns.push((performance.now() - t0) / 1000);
      // Memory and disk with the pipeline's indexes only, before Meilisearch alone adds its own.
      last = { report, peakMiB, memory: processMemory(opts.meiliPid), disk: diskUsage(opts.dbPath) };
      if (measureAlone) aloneRuns.push(await indexAlone(admin, names, `${prefix}_alone`));
    }
    const { report, peakMiB, memory, disk } = last as NonNullable<typeof last>;
    const pipelineSeconds = median(pipelineRuns);
    const meilisearchAloneSeconds = aloneRuns.length ? median(aloneRuns) : undefined;

    rows.push({
      size,
      rounds,
      pipelineRuns,
      aloneRuns,
      cases: report.cases,
      passages: report.passages,
      pipelineSeconds,
      stages: report.stages,
      meilisearchAloneSeconds,
      ratio: meilisearchAloneSeconds === undefined ? undefined : pipelineSeconds / meilisearchAloneSeconds,
      indexerPeakMiB: peakMiB,
      meiliRssMiB: memory?.rssMiB,
      meiliPeakMiB: memory?.peakMiB,
      meiliDiskMiB: mib(disk),
    });
    if (k < opts.sizes.length - 1) await dropIndexes(admin, prefix);
    lastPrefix = prefix;
  }
  return { rows, lastPrefix };
}
