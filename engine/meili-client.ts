/**
 * The only module that talks to the meilisearch package. Everything else goes through
 * these helpers, so the client, its headers and its error types stay in one place.
 */
import { createHash } from 'node:crypto';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type EnqueuedTask,
  type Index,
  type MultiSearchQuery,
  type MultiSearchResponse,
  type RecordAny,
  type Settings,
  type SearchParams,
  type SearchResponse,
  type Task,
} from 'meilisearch';
import { describeError, EngineUnavailableError } from './errors.js';
import { MeiliHttpError, undiciHttpClient, type HttpClient } from './meili-http.js';

export type { MultiSearchQuery, SearchParams, SearchResponse, Settings, Index, RecordAny };

export interface IndexNames {
  cases: string;
  passages: string;
  provisions: string;
  meta: string;
}

export function indexNames(prefix: string): IndexNames {
  return { cases: `${prefix}_cases`, passages: `${prefix}_passages`, provisions: `${prefix}_provisions`, meta: `${prefix}_meta` };
}

/**
 * A client over undici (see meili-http.ts) that does not ask for compressed responses:
 * with Node's fetch, gzip cost about 40 ms per search against a local Meilisearch and
 * saves nothing on loopback.
 */
export function createClient(
  host: string,
  apiKey: string | undefined,
  timeoutMs = 10_000,
  /** For benchmarks: a transport that records the requests the server makes. */
  httpClient: HttpClient = undiciHttpClient,
): Meilisearch {
  return new Meilisearch({
    host,
    ...(apiKey ? { apiKey } : {}),
    timeout: timeoutMs,
    requestInit: { headers: { 'accept-encoding': 'identity' } },
    httpClient,
  });
}

/** Status and code of an error answer from Meilisearch, whichever transport carried it. */
function apiFailure(err: unknown): { status: number; code: string | undefined } | undefined {
  if (err instanceof MeilisearchApiError) return { status: err.response.status, code: err.cause?.code };
  if (err instanceof MeilisearchRequestError && err.cause instanceof MeiliHttpError) return { status: err.cause.status, code: err.cause.code };
  return undefined;
}

/** True when the error means "the engine is not there or not working", as opposed to a bad request. */
export function isUnavailable(err: unknown): boolean {
  const failure = apiFailure(err);
  if (failure) return failure.status >= 500;
  return err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError;
}

/** One line for a command's error output: the reason from Meilisearch, and what to check when it is not there. */
export function explainFailure(err: unknown): string {
  return `${describeError(err)}${isUnavailable(err) ? ' (is Meilisearch running, and does MEILI_URL point to it?)' : ''}`;
}

export function isNotFound(err: unknown): boolean {
  return apiFailure(err)?.status === 404;
}

export function apiErrorCode(err: unknown): string | undefined {
  return apiFailure(err)?.code;
}

/** Runs a call and turns connection failures into EngineUnavailableError; API errors pass through. */
export async function guard<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isUnavailable(err)) {
      throw new EngineUnavailableError(`The search engine is unavailable (${what}).`, { cause: err });
    }
    throw err;
  }
}

export async function multiSearch<T extends RecordAny>(client: Meilisearch, queries: MultiSearchQuery[]): Promise<SearchResponse<T>[]> {
  const res: MultiSearchResponse<T> = await guard('search', () => client.multiSearch<{ queries: MultiSearchQuery[] }, T>({ queries }));
  return res.results;
}

/** Fixed uid per index prefix, so the search key is created once and found again afterwards. */
function searchKeyUid(prefix: string): string {
  // v2: searching plus reading documents (exports stream through the documents endpoint); still read-only.
  const h = createHash('sha256').update(`mcs-read-key-v2:${prefix}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Returns a key that can only search this deployment's indexes, creating it with the
 * admin client when it does not exist yet. The web server never holds the master key.
 */
export async function ensureSearchKey(admin: Meilisearch, prefix: string): Promise<string> {
  const uid = searchKeyUid(prefix);
  try {
    return (await admin.getKey(uid)).key;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  try {
    const created = await admin.createKey({
      uid,
      name: `${prefix} search`,
      description: 'Read-only key (search, read documents) used by the Maritime Crime Case Law Search web server',
      actions: ['search', 'documents.get'],
      indexes: [`${prefix}_*`],
      expiresAt: null,
    });
    return created.key;
  } catch (err) {
    // Another process created it between our get and our create.
    if (apiErrorCode(err) === 'api_key_already_exists') return (await admin.getKey(uid)).key;
    throw err;
  }
}

const TASK_TIMEOUT_MS = 30 * 60_000;

/**
 * Waits for a Meilisearch task and returns it, whatever its outcome. Used instead of the
 * client's own waitTask, which hands one abort signal to all its polls and leaves a
 * listener on it per poll: a long wait piled up thousands and Node warned of a leak.
 */
export async function waitForTask(owner: { tasks: Pick<Meilisearch['tasks'], 'getTask'> }, enqueued: Promise<EnqueuedTask> | EnqueuedTask | number, timeoutMs = TASK_TIMEOUT_MS): Promise<Task> {
  const uid = typeof enqueued === 'number' ? enqueued : (await enqueued).taskUid;
  const deadline = Date.now() + timeoutMs;
  // Short tasks (settings, swaps) finish in milliseconds; long ones are polled five times a second.
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const task = await owner.tasks.getTask(uid);
    if (task.status === 'succeeded' || task.status === 'failed' || task.status === 'canceled') return task;
    if (Date.now() > deadline) throw new Error(`Meilisearch has not finished task ${uid} (${task.type}${task.indexUid ? ` on ${task.indexUid}` : ''}) after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, pause));
  }
}

export async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getIndex(uid);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** Creates an index (or empties an existing one of the same name) and applies its settings. */
export async function createFreshIndex(client: Meilisearch, uid: string, primaryKey: string, settings: Settings): Promise<Index> {
  if (await indexExists(client, uid)) {
    await waitForTask(client, client.deleteIndex(uid), TASK_TIMEOUT_MS);
  }
  const created = await waitForTask(client, client.createIndex(uid, { primaryKey }), TASK_TIMEOUT_MS);
  if (created.status !== 'succeeded') throw new Error(`Creating index ${uid} failed: ${created.error?.message ?? created.status}`);
  const index = client.index(uid);
  const set = await waitForTask(index, index.updateSettings(settings), TASK_TIMEOUT_MS);
  if (set.status !== 'succeeded') throw new Error(`Settings of ${uid} failed: ${set.error?.message ?? set.status}`);
  return index;
}

/** Makes sure an index exists with these settings, without touching its documents. */
export async function ensureIndex(client: Meilisearch, uid: string, primaryKey: string, settings: Settings): Promise<Index> {
  if (!(await indexExists(client, uid))) {
    await waitForTask(client, client.createIndex(uid, { primaryKey }), TASK_TIMEOUT_MS);
  }
  const index = client.index(uid);
  await waitForTask(index, index.updateSettings(settings), TASK_TIMEOUT_MS);
  return index;
}

/**
 * A write that has been sent but not necessarily applied. Batches are sent without waiting
 * for each other, so Meilisearch can index several in one go while the caller goes on.
 */
export interface PendingWrite {
  taskUids: number[];
}

export async function enqueueDocuments(index: Index, docs: RecordAny[], batchSize = 1000): Promise<PendingWrite> {
  const taskUids: number[] = [];
  for (let i = 0; i < docs.length; i += batchSize) {
    taskUids.push((await index.addDocuments(docs.slice(i, i + batchSize))).taskUid);
  }
  return { taskUids };
}

/**
 * Waits until every pending write is applied; throws, naming the index, on the first one
 * Meilisearch rejected. Meilisearch runs tasks in the order they were enqueued, so waiting
 * for the last one is enough; then one query per 500 tasks checks that none failed.
 */
export async function settle(index: Index, pending: PendingWrite[]): Promise<void> {
  const uids = pending.flatMap((p) => p.taskUids);
  if (uids.length === 0) return;
  await waitForTask(index, Math.max(...uids));
  for (let i = 0; i < uids.length; i += 500) {
    const chunk = uids.slice(i, i + 500);
    const unfinished = await index.tasks.getTasks({ uids: chunk, statuses: ['enqueued', 'processing'], limit: 1 });
    // Not expected, since tasks run in order; wait for the stragglers one by one if it ever happens.
    if (unfinished.results.length) for (const uid of chunk) await waitForTask(index, uid);
    const failed = (await index.tasks.getTasks({ uids: chunk, statuses: ['failed', 'canceled'], limit: 1 })).results[0];
    if (failed) throw new Error(`Meilisearch rejected documents for ${failed.indexUid ?? index.uid}: ${failed.error?.message ?? failed.status}`);
  }
}

export async function addDocuments(index: Index, docs: RecordAny[], batchSize = 1000): Promise<void> {
  await settle(index, [await enqueueDocuments(index, docs, batchSize)]);
}

export async function deleteDocumentsByFilter(index: Index, filter: string): Promise<void> {
  const task = await waitForTask(index, index.deleteDocuments({ filter }), TASK_TIMEOUT_MS);
  if (task.status !== 'succeeded') throw new Error(`Delete failed on ${index.uid}: ${task.error?.message ?? task.status}`);
}

/**
 * Throws unless the index holds exactly `expected` documents under `primaryKey` and has the
 * filterable attributes it was built with. Guards the swap: an index that another indexer
 * run deleted and a late write re-created (with no settings) must never go live.
 */
export async function verifyIndex(client: Meilisearch, uid: string, primaryKey: string, expected: number, settings: Settings): Promise<void> {
  const index = client.index(uid);
  let info;
  try {
    info = await index.getRawInfo();
  } catch (err) {
    if (isNotFound(err)) throw new Error(`Index ${uid} disappeared before it could go live (another indexer run may have replaced it)`);
    throw err;
  }
  const stats = await index.getStats();
  const filterable = new Set((await index.getFilterableAttributes()) as string[]);
  const missing = ((settings.filterableAttributes ?? []) as string[]).filter((a) => !filterable.has(a));
  if (info.primaryKey !== primaryKey || stats.numberOfDocuments !== expected || missing.length > 0) {
    throw new Error(
      `Index ${uid} is not complete (primary key ${String(info.primaryKey)}, ${stats.numberOfDocuments} of ${expected} documents` +
        `${missing.length ? `, not filterable: ${missing.join(', ')}` : ''}); another indexer run may have replaced it. The live index is unchanged.`,
    );
  }
}

/**
 * Atomically swaps each staged index with its live name, in one task, so a search sees
 * either every old index or every new one. Live indexes that do not exist yet are
 * created by renaming. The staged names then hold the old data and are deleted.
 */
export async function swapInto(client: Meilisearch, pairs: Array<{ live: string; staged: string }>): Promise<void> {
  const swaps = [];
  for (const { live, staged } of pairs) {
    const liveExists = await indexExists(client, live);
    // With rename, the first index takes the second name, which must be free.
    swaps.push(liveExists ? { indexes: [live, staged] as [string, string], rename: false } : { indexes: [staged, live] as [string, string], rename: true });
  }
  const task = await waitForTask(client, client.swapIndexes(swaps), TASK_TIMEOUT_MS);
  if (task.status !== 'succeeded') throw new Error(`Index swap failed: ${task.error?.message ?? task.status}`);
  // Enqueued together, so Meilisearch can delete them in one batch.
  await Promise.all(pairs.map(async ({ staged }) => {
    if (await indexExists(client, staged)) await waitForTask(client, client.deleteIndex(staged), TASK_TIMEOUT_MS);
  }));
}

export type { Meilisearch };
