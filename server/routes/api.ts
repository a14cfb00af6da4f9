import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { BadRequestError, parseSearchQuery } from '../query-params.js';
import type { CaseHit, SearchResult } from '../search-service.js';
import { loadCase, permalink } from './cases.js';
import { loadProvision, loadProvisionList } from './provisions.js';

/** A hit as the API documents it: the page-only fields (HTML title, labels) left out. */
function hitJson(h: CaseHit) {
  const { titleHtml: _t, jurisdictionName: _j, ...hit } = h;
  return { ...hit, url: `/cases/${h.id}` };
}

function resultJson(r: SearchResult) {
  const { processingTimeMs: _p, hits, ...rest } = r;
  return { ...rest, hits: hits.map(hitJson) };
}

/** JSON twins of the pages, same parameters. Documented in the README. */
export function apiRouter(deps: AppDeps): Router {
  const router = Router();
  /** @route GET /api/search */
  router.get('/search', async (req, res) => {
    const query = parseSearchQuery(req.query);
    res.json({ query: { q: query.q, jurisdiction: query.jurisdiction, offense: query.offense, court_level: query.courtLevel, provision: query.provision, from: query.from, to: query.to, sort: query.sort }, ...resultJson(await deps.search.search(query)) });
  });
  /** @route GET /api/cases/:id */
  router.get('/cases/:id', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    const c = await loadCase(deps, req.params.id, q);
    const { instrumentNames: _n, body: _b, body2: _b2, body3: _b3, body4: _b4, body5: _b5, body6: _b6, body7: _b7, body8: _b8, ...doc } = c.doc;
    res.json({ ...doc, permalink: permalink(req, doc.id), cite: { oscola: c.cite.oscola.text, bluebook: c.cite.bluebook.text }, summaryHtml: c.summaryHtml, passages: c.passages.map((p) => ({ seq: p.seq, paragraphs: p.paragraphs, html: p.html, matched: p.matched })) });
  });
  /** @route GET /api/provisions */
  router.get('/provisions', async (_req, res) => {
    res.json({ instruments: await loadProvisionList(deps) });
  });
  /** @route GET /api/provisions/:instrument/:article */
  router.get('/provisions/:instrument/:article', async (req, res) => {
    const p = await loadProvision(deps, req.params.instrument, req.params.article, req.query);
    const { docId: _d, ...provision } = p.provision;
    res.json({ provision, refersTo: p.refersTo, referredBy: p.referredBy, cases: resultJson(p.result).hits, ...resultJson(p.result) });
  });
  /** @route GET /api/provisions/compare?ids=som-protocol/8&ids=unclos/110 */
  router.get('/provisions/compare', async (req, res) => {
    const raw = req.query.ids;
    const ids = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).map(String).slice(0, 4);
    if (ids.length < 2) throw new BadRequestError('ids', 'give two to four provision ids (ids=som-protocol/8&ids=unclos/110)');
    const columns = [];
    for (const id of ids) {
      const [instrument = '', article = ''] = id.split('/');
      const p = await loadProvision(deps, instrument, article, { per_page: '100' });
      const { docId: _d, ...provision } = p.provision;
      columns.push({ provision, total: p.result.total, cases: resultJson(p.result).hits });
    }
    res.json({ columns });
  });
  router.use((req, res) => {
    res.status(404).json({ error: { status: 404, message: `No API route at ${req.path}` } });
  });
  return router;
}
