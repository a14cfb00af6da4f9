import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, whatever the working directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface EngineConfig {
  /** External Meilisearch URL; when unset the embedded binary is started. */
  meiliUrl: string | undefined;
  /** Admin/master key for an external Meilisearch (indexing, key creation). */
  masterKey: string | undefined;
  /** Search-only key for the web server, when the operator provides one. */
  searchKey: string | undefined;
  /** Explicit path to a meilisearch binary. */
  meiliBin: string | undefined;
  /** Where the embedded Meilisearch keeps its data and our key file. */
  dataDir: string;
  /** Prefix of every index name, so tests and several deployments can share one server. */
  indexPrefix: string;
  corpusDir: string;
}

/** Reads the environment once; every entry point goes through here. */
export function loadEngineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);
  return {
    meiliUrl: nonEmpty(env.MEILI_URL),
    masterKey: nonEmpty(env.MEILI_MASTER_KEY) ?? nonEmpty(env.MEILI_ADMIN_KEY),
    searchKey: nonEmpty(env.MEILI_SEARCH_KEY) ?? nonEmpty(env.MEILI_API_KEY),
    meiliBin: nonEmpty(env.MEILI_BIN),
    dataDir: path.resolve(nonEmpty(env.DATA_DIR) ?? path.join(ROOT, 'data')),
    indexPrefix: nonEmpty(env.MEILI_INDEX_PREFIX) ?? 'mcs',
    corpusDir: path.resolve(nonEmpty(env.CORPUS_DIR) ?? path.join(ROOT, 'corpus')),
  };
}
