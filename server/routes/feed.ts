import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { escapeHtml, stripSentinels } from '../highlight.js';
import { parseSearchQuery, toParams } from '../query-params.js';
import { permalink } from './cases.js';

function xml(s: string): string {
  return escapeHtml(s);
}

/**
 * @route GET /search.atom
 * An Atom feed of the newest cases matching a search (same parameters as /search), so a
 * feed reader shows when a new matching case is indexed.
 */
export function feedRouter({ search }: AppDeps): Router {
  const router = Router();
  router.get('/search.atom', async (req, res) => {
    const query = { ...parseSearchQuery(req.query), sort: 'date_desc' as const, page: 1, perPage: 30 };
    const result = await search.search(query);
    const base = permalink(req, '').replace(/\/cases\/$/, '');
    const params = toParams(query, { sort: undefined, page: undefined }).toString();
    const searchUrl = `${base}/search${params ? `?${params}` : ''}`;
    const updated = result.hits.map((h) => h.decisionDate).sort().reverse()[0] ?? '1970-01-01';
    const entries = result.hits
      .map((h) => {
        const url = `${base}/cases/${encodeURIComponent(h.id)}`;
        const summary = stripSentinels(h.snippet.replace(/<\/?mark>/g, ''));
        return `  <entry>
    <id>${xml(url)}</id>
    <title>${xml(h.title)}</title>
    <link href="${xml(url)}"/>
    <updated>${xml(h.decisionDate || '1970-01-01')}T00:00:00Z</updated>
    <summary type="html">${xml(`${h.court} (${h.jurisdictionName}), ${h.decisionDate}. ${summary}`)}</summary>
  </entry>`;
      })
      .join('\n');
    res.type('application/atom+xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(searchUrl)}</id>
  <title>${xml(`Maritime Crime Case Law Search${query.q ? `: ${query.q}` : ''}`)}</title>
  <link rel="self" href="${xml(`${base}/search.atom${params ? `?${params}` : ''}`)}"/>
  <link rel="alternate" type="text/html" href="${xml(searchUrl)}"/>
  <updated>${xml(updated)}T00:00:00Z</updated>
${entries}
</feed>
`);
  });
  return router;
}
