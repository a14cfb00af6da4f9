import { loadEngineConfig, type EngineConfig } from './config.js';
import { EngineConfigError } from './errors.js';
import { startEmbeddedMeili, type EmbeddedMeili } from './meili-process.js';
import { createClient, ensureSearchKey, indexNames, type IndexNames, type Meilisearch } from './meili-client.js';

export interface EngineConnection {
  url: string;
  names: IndexNames;
  prefix: string;
  /** Admin client: indexing and key management. Absent when only a search key was given. */
  admin: Meilisearch | undefined;
  /** Client holding a search-only key (or no key at all on an unsecured dev server). */
  searcher: Meilisearch;
  embedded: EmbeddedMeili | undefined;
  close(): Promise<void>;
}

export interface ConnectOptions {
  config?: EngineConfig;
  /** Start the embedded binary when MEILI_URL is unset (default true). */
  allowEmbedded?: boolean;
  production?: boolean;
}

/**
 * Connects to the configured Meilisearch, starting the embedded one when no external
 * server is configured, and returns an admin client plus a search-only client.
 */
export async function connectEngine(opts: ConnectOptions = {}): Promise<EngineConnection> {
  const config = opts.config ?? loadEngineConfig();
  const production = opts.production ?? process.env.NODE_ENV === 'production';
  const names = indexNames(config.indexPrefix);
  let embedded: EmbeddedMeili | undefined;
  let url: string;
  let masterKey: string | undefined;
  if (config.meiliUrl) {
    url = config.meiliUrl.replace(/\/+$/, '');
    masterKey = config.masterKey;
    if (production && !masterKey && !config.searchKey) {
      throw new EngineConfigError(
        'NODE_ENV=production: refusing to use a Meilisearch without a key. Set MEILI_SEARCH_KEY (search-only) or MEILI_MASTER_KEY.',
      );
    }
  } else {
    if (opts.allowEmbedded === false) throw new EngineConfigError('MEILI_URL is not set.');
    embedded = await startEmbeddedMeili({ dataDir: config.dataDir, meiliBin: config.meiliBin });
    url = embedded.url;
    masterKey = embedded.masterKey;
  }
  const admin = masterKey ? createClient(url, masterKey) : undefined;
  let searchKey = config.searchKey;
  if (!searchKey && admin) {
    try {
      searchKey = await ensureSearchKey(admin, config.indexPrefix);
    } catch (err) {
      // An unsecured development server has no keys at all; searching without one works there.
      if (production) throw err;
      searchKey = undefined;
    }
  }
  if (production && !searchKey) {
    throw new EngineConfigError('NODE_ENV=production: no search-only key could be obtained; set MEILI_SEARCH_KEY.');
  }
  const searcher = createClient(url, searchKey);
  return {
    url,
    names,
    prefix: config.indexPrefix,
    admin,
    searcher,
    embedded,
    async close() {
      if (embedded) await embedded.stop();
    },
  };
}
