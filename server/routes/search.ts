import { Router, type Request, type Response } from 'express';
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
  router.get('/', handler);
  router.get('/search', handler);
  return router;
}
