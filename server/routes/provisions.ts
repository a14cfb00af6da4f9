import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { NotFoundError } from '../app.js';
import { BadRequestError, parseSearchQuery } from '../query-params.js';
import { quoteFilterValue } from '../../engine/filter.js';
import { searchView } from '../view-models.js';
import type { ProvisionDoc } from '../../indexer/types.js';
import { findCrossReferences } from '../../indexer/split-treaty.js';
import { highlightWithLinks } from '../highlight.js';
import { barChartSvg, yearSeries } from '../svg-chart.js';
import { jurisdictionName } from '../../indexer/catalogue.js';

const INSTRUMENT = /^[a-z0-9][a-z0-9-]{0,60}$/;
const ARTICLE = /^\d{1,4}[a-z]{0,10}$/;

function p_facets(r: { facets: { year: Record<string, number>; jurisdiction: Record<string, number> } }) {
  return r.facets;
}

/** Instruments with their articles and case counts, in treaty order. */
export async function loadProvisionList({ search, catalogue }: AppDeps) {
  const docs = await search.listProvisions();
  const byInstrument = new Map<string, ProvisionDoc[]>();
  for (const d of docs) byInstrument.set(d.instrument, [...(byInstrument.get(d.instrument) ?? []), d]);
  return [...byInstrument.entries()]
    .map(([id, articles]) => ({
      id,
      title: articles[0]?.instrumentTitle ?? id,
      shortTitle: articles[0]?.instrumentShortTitle ?? id,
      abbreviation: catalogue.abbreviation(id),
      caseCountTotal: articles.reduce((n, a) => n + a.caseCount, 0),
      articles: articles.map((a) => ({ id: a.id, number: a.number, title: a.title, part: a.part, caseCount: a.caseCount, url: `/provisions/${a.id}` })),
    }))
    .sort((a, b) => b.caseCountTotal - a.caseCountTotal || a.abbreviation.localeCompare(b.abbreviation));
}

/** An article, the articles it relates to, and the cases applying it with the full facets. */
export async function loadProvision(deps: AppDeps, instrument: string, article: string, rawQuery: Record<string, unknown>) {
  if (!INSTRUMENT.test(instrument)) throw new BadRequestError('instrument', `"${instrument.slice(0, 40)}" is not an instrument id (unclos, som-protocol)`);
  if (!ARTICLE.test(article)) throw new BadRequestError('article', `"${article.slice(0, 40)}" is not an article number (101, 3bis)`);
  const id = `${instrument}/${article}`;
  const query = parseSearchQuery(rawQuery);
  const [provision, result] = await Promise.all([
    deps.search.getProvision(id),
    deps.search.search(query, { baseFilter: `provisions = ${quoteFilterValue(id)}` }),
  ]);
  if (!provision) throw new NotFoundError(`No provision "${id}"`);
  const related = await deps.search.listProvisions([...new Set([...provision.refersTo, ...provision.referredBy])]);
  // Definitions this article relies on: terms defined elsewhere in its instrument (or its parent) that its words use.
  const family = deps.catalogue.instruments.get(provision.instrument);
  const definers = [family, family?.parent ? deps.catalogue.instruments.get(family.parent) : undefined].flatMap((inst) =>
    inst ? inst.articles.filter((a) => a.defines.length && `${inst.id}/${a.number}` !== id).map((a) => ({ id: `${inst.id}/${a.number}`, terms: a.defines })) : [],
  );
  const ownWords = `${provision.summary} ${provision.paragraphs.join(' ')}`.toLowerCase();
  const usesDefinitions = definers
    .map((d) => ({ id: d.id, label: deps.catalogue.provisionLabel(d.id), url: `/provisions/${d.id}`, terms: d.terms.filter((t) => t.length > 3 && ownWords.includes(t.toLowerCase())) }))
    .filter((d) => d.terms.length > 0);
  const label = (pid: string) => {
    const r = related.find((x) => x.id === pid);
    return { id: pid, label: deps.catalogue.provisionLabel(pid), url: `/provisions/${pid}`, known: !!r, caseCount: r?.caseCount ?? 0 };
  };
  const parent = deps.catalogue.instruments.get(provision.instrument)?.parent;
  // The official text, escaped, with its references to other articles as links.
  const paragraphsHtml = provision.paragraphs.map((para) =>
    highlightWithLinks(
      para,
      findCrossReferences(para, provision.instrument, parent).map((r) => ({ start: r.start, end: r.end, href: `/provisions/${r.provision}`, title: deps.catalogue.provisionLabel(r.provision) })),
    ),
  );
  const base = `/provisions/${id}`;
  const chart = barChartSvg(yearSeries(p_facets(result).year, (y) => `${base}?from=${y}&to=${y}`), { title: `Cases applying ${deps.catalogue.provisionLabel(id)}, by year of decision` });
  const topJurisdictions = Object.entries(p_facets(result).jurisdiction)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([code, count]) => ({ code, name: jurisdictionName(code), count, url: `${base}?jurisdiction=${encodeURIComponent(code)}` }));
  return {
    provision,
    chart,
    topJurisdictions,
    usesDefinitions,
    paragraphsHtml,
    query,
    result,
    refersTo: provision.refersTo.map(label),
    referredBy: provision.referredBy.map(label),
    label: deps.catalogue.provisionLabel(id),
  };
}

/** Pairs that researchers compare most: the Protocol's sea articles and the right of visit, piracy and SUA... */
export const COMPARE_PRESETS = [
  { label: 'SOM Protocol art. 8 (smuggling by sea) and UNCLOS art. 110 (right of visit)', ids: ['som-protocol/8', 'unclos/110'] },
  { label: 'UNCLOS art. 101 (piracy) and SUA art. 3 (offences)', ids: ['unclos/101', 'sua/3'] },
  { label: 'Vienna 1988 art. 17 (traffic by sea) and UNCLOS art. 108 (drugs on the high seas)', ids: ['vienna-1988/17', 'unclos/108'] },
  { label: 'TIP Protocol art. 3 and SOM Protocol art. 3 (definitions)', ids: ['tip-protocol/3', 'som-protocol/3'] },
].map((p) => ({ ...p, url: `/provisions/compare?${p.ids.map((i) => `ids=${encodeURIComponent(i)}`).join('&')}` }));

export function provisionsRouter(deps: AppDeps): Router {
  const router = Router();
  /** @route GET /provisions  Every instrument and article, with how many cases apply it. */
  router.get('/', async (_req, res) => {
    res.render('provisions', { title: 'Treaty provisions', instruments: await loadProvisionList(deps) });
  });
  /** @route GET /provisions/:instrument/:article  The article and the cases applying it, faceted. */
  router.get('/:instrument/:article', async (req, res) => {
    const p = await loadProvision(deps, req.params.instrument, req.params.article, req.query);
    const base = `/provisions/${p.provision.id}`;
    res.render('provision', {
      title: p.label,
      ...p,
      ...searchView(base, p.query, p.result, deps.catalogue, { hideProvisionFacet: false }),
      basePath: base,
      searchAllUrl: `/search?provision=${encodeURIComponent(p.provision.id)}`,
      apiUrl: `/api${base}`,
    });
  });
  /**
   * @route GET /provisions/compare?ids=som-protocol/8&ids=unclos/110
   * Articles of different instruments side by side, each with the cases applying it.
   */
  router.get('/compare', async (req, res) => {
    const raw = req.query.ids;
    const ids = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : ['som-protocol/8', 'unclos/110']).map(String).slice(0, 4);
    const columns = [];
    for (const id of ids) {
      const [instrument = '', article = ''] = id.split('/');
      const p = await loadProvision(deps, instrument, article, { per_page: '50' });
      columns.push({ ...p, url: `/provisions/${p.provision.id}` });
    }
    res.render('compare', { title: 'Compare provisions', columns, presets: COMPARE_PRESETS });
  });
  router.get('/:instrument', (req, res) => {
    if (!INSTRUMENT.test(req.params.instrument)) throw new BadRequestError('instrument', `"${req.params.instrument.slice(0, 40)}" is not an instrument id (unclos, som-protocol)`);
    res.redirect(302, `/search?provision=${encodeURIComponent(req.params.instrument)}`);
  });
  return router;
}
