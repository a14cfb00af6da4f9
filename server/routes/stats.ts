import { Router } from 'express';
import { jurisdictionName } from '../../indexer/catalogue.js';
import type { AppDeps } from '../app.js';
import { parseSearchQuery } from '../query-params.js';
import { barChartSvg, yearSeries } from '../svg-chart.js';
import { COURT_LEVEL_LABELS } from '../view-models.js';

/** Counts for the whole corpus, each value with the search that lists its cases. */
async function loadStats({ search, catalogue }: AppDeps) {
  const r = await search.search(parseSearchQuery({ per_page: '1' }));
  const rows = (counts: Record<string, number>, label: (v: string) => string, param: string) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, count]) => ({ value, label: label(value), count, url: `/search?${param}=${encodeURIComponent(value)}` }));
  return {
    total: r.total,
    byYear: yearSeries(r.facets.year, (y) => `/search?from=${y}&to=${y}`),
    byJurisdiction: rows(r.facets.jurisdiction, jurisdictionName, 'jurisdiction'),
    byOffense: rows(r.facets.offense, (o) => catalogue.offenseLabel(o), 'offense'),
    byCourtLevel: rows(r.facets.court_level, (l) => COURT_LEVEL_LABELS[l] ?? l, 'court_level'),
    byProvision: rows(r.facets.provision, (p) => catalogue.provisionLabel(p), 'provision').slice(0, 40),
    byInstrument: rows(r.facets.instrument, (i) => catalogue.abbreviation(i), 'provision'),
  };
}

export function statsRouter(deps: AppDeps): Router {
  const router = Router();
  /** @route GET /stats  The corpus by year, jurisdiction, offense type and provision. */
  router.get('/stats', async (_req, res) => {
    const s = await loadStats(deps);
    res.render('stats', { title: 'Statistics', ...s, chart: barChartSvg(s.byYear, { title: 'Cases by year of decision', height: 200 }) });
  });
  /** @route GET /api/stats */
  router.get('/api/stats', async (_req, res) => {
    const s = await loadStats(deps);
    res.json({ ...s, byYear: s.byYear.map((b) => ({ year: Number(b.label), count: b.value, url: b.href })) });
  });
  return router;
}
