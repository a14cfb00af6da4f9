import { Router, type Request, type Response } from 'express';
import { NotFoundError } from '../app.js';
import { CSV_HEADER, csvRow } from '../export-format.js';
import { permalink } from './cases.js';
import type { AppDeps } from '../app.js';
import { parseSearchQuery, toParams } from '../query-params.js';
import { searchView } from '../view-models.js';

export function searchRouter({ search, catalogue }: AppDeps): Router {
  const router = Router();
  /**
   * @route GET /  and  GET /search
   * The search page: every state (words, facets, dates, sort, page) is in the URL.
   */
  const handler = async (req: Request, res: Response): Promise<void> => {
    const query = parseSearchQuery(req.query);
    const result = await search.search(query);
    const params = toParams(query, { sort: undefined, page: undefined }).toString();
    res.render('search', { title: query.q ? `${query.q} – search` : 'Search', feedUrl: `/search.atom${params ? `?${params}` : ''}`, ...searchView('/search', query, result, catalogue) });
  };
  /** @route GET /help/search  The query syntax, explained. */
  router.get('/help/search', (_req, res) => {
    res.render('help', { title: 'Query syntax' });
  });
  /**
   * @route GET /search/export.csv  and  GET /search/export.json
   * Every case matching the search (no cap), streamed in batches as they come from Meilisearch.
   */
  router.get('/search/export.:format', async (req, res) => {
    const format = req.params.format;
    if (format !== 'csv' && format !== 'json') throw new NotFoundError(`No export format "${format}"`);
    const query = parseSearchQuery(req.query);
    const base = permalink(req, '').replace(/\/cases\/$/, '');
    const batches = search.exportCases(query);
    // The first batch is read before any byte is sent, so an engine failure still gets a proper 503.
    const first = await batches.next();
    res.attachment(`maritime-cases.${format}`);
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    let n = 0;
    const write = (chunk: string): Promise<void> => new Promise((resolve) => (res.write(chunk) ? resolve() : res.once('drain', () => resolve())));
    await write(format === 'csv' ? `\uFEFF${CSV_HEADER.join(',')}\r\n` : '{"cases":[\n');
    try {
      for (let r = first; !r.done; r = await batches.next()) {
        for (const d of r.value) {
          await write(format === 'csv' ? `${csvRow(d, base)}\r\n` : `${n ? ',\n' : ''}${JSON.stringify({ ...d, url: `${base}/cases/${d.id}` })}`);
          n++;
        }
      }
      if (format === 'json') await write(`\n],"total":${n}}\n`);
    } catch (err) {
      // Headers are gone: the best we can do is end the body visibly incomplete.
      if (format === 'json') res.write('\n],"error":"export interrupted: the search engine became unavailable"}\n');
      else res.write('# export interrupted: the search engine became unavailable\r\n');
      console.error(err);
    }
    res.end();
  });
  router.get('/', handler);
  router.get('/search', handler);
  return router;
}
