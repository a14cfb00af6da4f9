import { connectEngine } from '../engine/connect.js';
import { explainFailure } from '../engine/meili-client.js';
import { loadEngineConfig } from '../engine/config.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { isIndexStale, runIndex } from '../indexer/pipeline.js';
import { formatReport } from '../indexer/report.js';
import { createApp } from './app.js';
import { SearchService } from './search-service.js';

/**
 * `npm start`: connects to (or starts) Meilisearch, indexes the corpus when the index is
 * missing or stale, and serves the site. The web app itself only holds a search key.
 */
async function main(): Promise<void> {
  const config = loadEngineConfig();
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port number`);
  const engine = await connectEngine({ config });
  console.log(`Meilisearch: ${engine.url}${engine.embedded ? ' (embedded, data in ' + config.dataDir + ')' : ''}`);
  if (engine.admin && process.env.SKIP_INDEX !== '1') {
    if (await isIndexStale(engine.admin, engine.names, config.corpusDir)) {
      console.log(`Indexing ${config.corpusDir} ...`);
      const report = await runIndex({ admin: engine.admin, names: engine.names, corpusDir: config.corpusDir });
      console.log(formatReport(report));
    } else {
      console.log('Index is up to date.');
    }
  }
  const catalogue = loadCatalogue(config.corpusDir);
  const app = createApp({ search: new SearchService(engine.searcher, engine.names), catalogue, documentRoots: [config.corpusDir] });
  const server = app.listen(port, (err?: Error) => {
    if (err) {
      console.error(`start: cannot listen on port ${port}: ${err.message}${(err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (set PORT to another port)' : ''}`);
      void engine.close().then(() => process.exit(1));
      return;
    }
    const addr = server.address();
    const actual = typeof addr === 'object' && addr ? addr.port : port;
    console.log(`Maritime Crime Case Law Search is running at http://localhost:${actual}/`);
  });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping...`);
    server.close();
    server.closeAllConnections();
    void engine.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`start: ${explainFailure(err)}`);
  process.exit(1);
});
