import { jurisdictionName, type Catalogue } from '../indexer/catalogue.js';
import { COURT_LEVELS } from '../indexer/types.js';
import { toParams, toQueryString, type SearchQuery } from './query-params.js';
import type { FacetCounts, SearchResult } from './search-service.js';

export const COURT_LEVEL_LABELS: Record<string, string> = {
  'first-instance': 'First instance / trial',
  appeal: 'Appeal',
  supreme: 'Supreme or final court',
  international: 'International court or tribunal',
  unknown: 'Unknown',
};

export const OUTCOME_LABELS: Record<string, string> = {
  convicted: 'Convicted', acquitted: 'Acquitted', partly: 'Partly convicted', dismissed: 'Dismissed', upheld: 'Appeal dismissed (upheld)',
  reversed: 'Reversed', remanded: 'Remanded', violation: 'Violation found', 'no-violation': 'No violation', other: 'Other / see summary',
};

export interface FacetValueView {
  value: string;
  label: string;
  count: number;
  selected: boolean;
  url: string;
}

export interface FacetGroupView {
  param: string;
  label: string;
  values: FacetValueView[];
  hasSelection: boolean;
}

/** One collator for every sort: `localeCompare` sets up collation on each call, which a facet of hundreds of values pays hundreds of times. */
const collator = new Intl.Collator('en');

function toggle(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Links keep every other parameter and go back to page 1. */
function link(basePath: string, query: SearchQuery, changes: Record<string, string | string[] | undefined>): string {
  const s = toQueryString(query, { page: undefined, ...changes });
  return s ? `${basePath}?${s}` : basePath;
}

function group(
  basePath: string,
  query: SearchQuery,
  param: 'jurisdiction' | 'offense' | 'court_level' | 'provision',
  label: string,
  counts: FacetCounts,
  selected: string[],
  labelOf: (v: string) => string,
  order: 'count' | 'label' | string[] = 'count',
): FacetGroupView {
  const values = new Map(Object.entries(counts));
  // A selected value with no hit left must still be shown, so it can be removed.
  for (const s of selected) if (!values.has(s)) values.set(s, 0);
  let list: FacetValueView[] = [...values].map(([value, count]) => ({
    value,
    label: labelOf(value),
    count,
    selected: selected.includes(value),
    url: link(basePath, query, { [param]: toggle(selected, value) }),
  }));
  if (Array.isArray(order)) list.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  else if (order === 'label') list.sort((a, b) => collator.compare(a.label, b.label));
  else list.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
  return { param, label, values: list, hasSelection: selected.length > 0 };
}

export interface YearBar {
  year: number;
  count: number;
  heightPct: number;
  inRange: boolean;
  url: string;
  label: string;
}

/** The year histogram: one bar per year from the first to the last decision, gaps included. */
export function yearBars(basePath: string, query: SearchQuery, counts: FacetCounts): YearBar[] {
  const years = Object.keys(counts).map(Number).filter((y) => Number.isFinite(y) && y > 0);
  if (!years.length) return [];
  const min = Math.min(...years);
  const max = Math.max(...years);
  const top = Math.max(...Object.values(counts));
  const fromY = query.from ? Number(query.from.slice(0, 4)) : -Infinity;
  const toY = query.to ? Number(query.to.slice(0, 4)) : Infinity;
  const bars: YearBar[] = [];
  for (let y = min; y <= max; y++) {
    const count = counts[String(y)] ?? 0;
    bars.push({
      year: y,
      count,
      // Multiples of 5, matched by .h0 ... .h100 in the stylesheet (no inline styles under the CSP).
      heightPct: count ? Math.max(10, Math.round((count / top) * 20) * 5) : 0,
      inRange: y >= fromY && y <= toY,
      url: link(basePath, query, { from: String(y), to: String(y) }),
      label: `${y}: ${count} case${count === 1 ? '' : 's'}`,
    });
  }
  return bars;
}

export interface ActiveFilter {
  label: string;
  removeUrl: string;
}

export function activeFilters(basePath: string, query: SearchQuery, catalogue: Catalogue): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (query.q) out.push({ label: `Words: “${query.q}”`, removeUrl: link(basePath, query, { q: undefined }) });
  for (const v of query.jurisdiction) out.push({ label: `Jurisdiction: ${jurisdictionName(v)}`, removeUrl: link(basePath, query, { jurisdiction: toggle(query.jurisdiction, v) }) });
  for (const v of query.offense) out.push({ label: `Offense: ${catalogue.offenseLabel(v)}`, removeUrl: link(basePath, query, { offense: toggle(query.offense, v) }) });
  for (const v of query.courtLevel) out.push({ label: `Court level: ${COURT_LEVEL_LABELS[v] ?? v}`, removeUrl: link(basePath, query, { court_level: toggle(query.courtLevel, v) }) });
  for (const v of query.provision) out.push({ label: `Provision: ${catalogue.provisionLabel(v)}`, removeUrl: link(basePath, query, { provision: toggle(query.provision, v) }) });
  if (query.from || query.to) out.push({ label: `Decided: ${query.from || '…'} – ${query.to || '…'}`, removeUrl: link(basePath, query, { from: undefined, to: undefined }) });
  return out;
}

export interface PageLink {
  label: string;
  url: string | undefined;
  current: boolean;
}

export function pagination(basePath: string, query: SearchQuery, pages: number): { prev?: string | undefined; next?: string | undefined; links: PageLink[] } {
  const url = (p: number): string => {
    const s = toQueryString(query, { page: p > 1 ? String(p) : undefined });
    return s ? `${basePath}?${s}` : basePath;
  };
  const links: PageLink[] = [];
  const wanted = new Set([1, pages, query.page - 2, query.page - 1, query.page, query.page + 1, query.page + 2].filter((p) => p >= 1 && p <= pages));
  let last = 0;
  for (const p of [...wanted].sort((a, b) => a - b)) {
    if (p - last > 1) links.push({ label: '…', url: undefined, current: false });
    links.push({ label: String(p), url: url(p), current: p === query.page });
    last = p;
  }
  return { prev: query.page > 1 ? url(query.page - 1) : undefined, next: query.page < pages ? url(query.page + 1) : undefined, links };
}

/** On a provision page the export keeps the page's own restriction, as a fielded term (AND). */
function exportParams(basePath: string, query: SearchQuery): string {
  const provision = basePath.startsWith('/provisions/') ? basePath.slice('/provisions/'.length) : '';
  const q = provision ? `${query.q} provision:${provision}`.trim() : query.q || undefined;
  return toQueryString(query, { page: undefined, sort: undefined, q });
}

/** Everything the search template needs, computed here so the template has no logic. */
export function searchView(basePath: string, query: SearchQuery, result: SearchResult, catalogue: Catalogue, opts: { hideProvisionFacet?: boolean } = {}) {
  const provisionCounts: FacetCounts = { ...result.facets.instrument, ...result.facets.provision };
  const facetGroups = [
    group(basePath, query, 'jurisdiction', 'Jurisdiction', result.facets.jurisdiction, query.jurisdiction, (v) => jurisdictionName(v)),
    group(basePath, query, 'offense', 'Offense type', result.facets.offense, query.offense, (v) => catalogue.offenseLabel(v), 'count'),
    group(basePath, query, 'court_level', 'Court level', result.facets.court_level, query.courtLevel, (v) => COURT_LEVEL_LABELS[v] ?? v, [...COURT_LEVELS]),
  ];
  if (!opts.hideProvisionFacet) {
    const g = group(basePath, query, 'provision', 'Instrument / provision', provisionCounts, query.provision, (v) => (v.includes('/') ? catalogue.provisionLabel(v) : `${catalogue.abbreviation(v)} (any article)`), 'label');
    // Instruments first, each followed by its articles in article order.
    const keys = new Map(g.values.map((v) => {
      const [instrument = '', number = ''] = v.value.split('/');
      return [v.value, { abbr: catalogue.abbreviation(instrument), instrument, number, n: parseInt(number, 10) }];
    }));
    g.values.sort((a, b) => {
      const ka = keys.get(a.value) as { abbr: string; instrument: string; number: string; n: number };
      const kb = keys.get(b.value) as typeof ka;
      if (ka.instrument !== kb.instrument) return collator.compare(ka.abbr, kb.abbr);
      if (!ka.number || !kb.number) return ka.number ? 1 : -1;
      return (ka.n - kb.n) || collator.compare(ka.number, kb.number);
    });
    facetGroups.push(g);
  }
  const q = query.q ? encodeURIComponent(query.q) : '';
  // Fields written out rather than spread from the hit: a spread plus ten more keys built
  // slow dictionary-mode objects, a quarter of this function's time.
  const hits = result.hits.map((h) => ({
    id: h.id,
    title: h.title,
    titleHtml: h.titleHtml,
    court: h.court,
    courtLevel: h.courtLevel,
    jurisdiction: h.jurisdiction,
    decisionDate: h.decisionDate,
    offenses: h.offenses,
    provisions: h.provisions,
    citation: h.citation,
    outcome: h.outcome,
    snippet: h.snippet,
    passage: h.passage,
    url: `/cases/${encodeURIComponent(h.id)}${q ? `?q=${q}` : ''}`,
    jurisdictionName: h.jurisdictionName || jurisdictionName(h.jurisdiction),
    courtLevelLabel: COURT_LEVEL_LABELS[h.courtLevel] ?? h.courtLevel,
    offenseLabels: h.offenses.map((o) => catalogue.offenseLabel(o)),
    provisionLinks: h.provisions.slice(0, 8).map((p) => ({ id: p, label: catalogue.provisionLabel(p), url: `/provisions/${p}` })),
    moreProvisions: Math.max(0, h.provisions.length - 8),
    outcomeLabel: OUTCOME_LABELS[h.outcome] ?? h.outcome,
    passageUrl: h.passage ? `/cases/${encodeURIComponent(h.id)}?q=${q}#p${h.passage.seq}` : undefined,
    passageParagraphs: h.passage?.paragraphs.length ? `¶ ${h.passage.paragraphs.join(', ')}` : '',
  }));
  const hidden = (omit: string[]): Array<{ name: string; value: string }> =>
    [...toParams(query, { page: undefined })].filter(([k]) => !omit.includes(k)).map(([name, value]) => ({ name, value }));
  return {
    query,
    notices: result.notices,
    strictUrl: link(basePath, query, { match: query.match === 'all' ? undefined : 'all' }),
    strict: query.match === 'all',
    total: result.total,
    hits,
    facetGroups,
    years: yearBars(basePath, query, result.facets.year),
    lastYear: Object.keys(result.facets.year).map(Number).filter((y) => y > 0).sort((a, b) => b - a)[0],
    activeFilters: activeFilters(basePath, query, catalogue),
    clearUrl: query.q ? `${basePath}?q=${encodeURIComponent(query.q)}` : basePath,
    pagination: pagination(basePath, query, result.pages),
    sortOptions: [
      { value: 'relevance', label: 'Relevance (newest first when no words)', selected: query.sort === 'relevance' },
      { value: 'date_desc', label: 'Date, newest first', selected: query.sort === 'date_desc' },
      { value: 'date_asc', label: 'Date, oldest first', selected: query.sort === 'date_asc' },
    ],
    hiddenForSearch: hidden(['q']),
    hiddenForDates: hidden(['from', 'to']),
    hiddenForSort: hidden(['sort']),
    firstHit: (result.page - 1) * result.perPage + (result.hits.length ? 1 : 0),
    lastHit: (result.page - 1) * result.perPage + result.hits.length,
    apiUrl: `/api${basePath === '/' ? '/search' : basePath}?${toQueryString(query)}`,
    exportCsvUrl: `/search/export.csv?${exportParams(basePath, query)}`,
    exportJsonUrl: `/search/export.json?${exportParams(basePath, query)}`,
  };
}
