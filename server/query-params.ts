import { COURT_LEVELS, type CourtLevel } from '../indexer/types.js';

export type SortOrder = 'relevance' | 'date_desc' | 'date_asc';
export const SORTS: SortOrder[] = ['relevance', 'date_desc', 'date_asc'];

/** A validated search, as every page and API route takes it from the URL. */
export interface SearchQuery {
  q: string;
  jurisdiction: string[];
  offense: string[];
  courtLevel: CourtLevel[];
  provision: string[];
  /** As typed (YYYY, YYYY-MM or YYYY-MM-DD), for echoing back in forms and links. */
  from: string;
  to: string;
  /** Unix seconds, inclusive range. */
  fromTs: number | undefined;
  toTs: number | undefined;
  sort: SortOrder;
  /** `all`: every word must match (strict); default lets Meilisearch drop words from the end. */
  match: 'default' | 'all';
  page: number;
  perPage: number;
}

/** A parameter the user got wrong; the message names it and says what is expected. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}

type Raw = Record<string, unknown>;

const MAX_VALUES = 50;

function list(raw: Raw, name: string, pattern: RegExp, what: string): string[] {
  const v = raw[name];
  if (v === undefined || v === '') return [];
  const values = (Array.isArray(v) ? v : [v]).map((x) => {
    if (typeof x !== 'string') throw new BadRequestError(name, 'must be a plain value');
    return x.trim();
  }).filter((x) => x !== '');
  if (values.length > MAX_VALUES) throw new BadRequestError(name, `at most ${MAX_VALUES} values`);
  for (const x of values) {
    if (!pattern.test(x)) throw new BadRequestError(name, `"${x.slice(0, 60)}" is not ${what}`);
  }
  return [...new Set(values)];
}

function single(raw: Raw, name: string): string | undefined {
  const v = raw[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    if (new Set(v).size > 1) throw new BadRequestError(name, 'give it once');
    return single({ [name]: v[0] }, name);
  }
  if (typeof v !== 'string') throw new BadRequestError(name, 'must be a plain value');
  return v.trim();
}

/** "2010" -> 1 Jan 2010 (or 31 Dec 2010 for an upper bound); "2010-03" and "2010-03-12" likewise. */
export function parseDateBound(name: string, value: string, bound: 'start' | 'end'): number {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) throw new BadRequestError(name, `"${value.slice(0, 40)}" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)`);
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : undefined;
  const d = m[3] ? Number(m[3]) : undefined;
  if (y < 1000 || (mo !== undefined && (mo < 1 || mo > 12))) throw new BadRequestError(name, `"${value}" is not a real date`);
  if (d !== undefined) {
    const date = new Date(Date.UTC(y, (mo ?? 1) - 1, d));
    if (date.getUTCDate() !== d) throw new BadRequestError(name, `"${value}" is not a real date`);
    return Math.floor(date.getTime() / 1000) + (bound === 'end' ? 86_399 : 0);
  }
  if (mo !== undefined) {
    const start = Date.UTC(y, mo - 1, 1);
    const end = Date.UTC(y, mo, 1) - 1000;
    return Math.floor((bound === 'start' ? start : end) / 1000);
  }
  return Math.floor((bound === 'start' ? Date.UTC(y, 0, 1) : Date.UTC(y + 1, 0, 1) - 1000) / 1000);
}

/**
 * Validates the GET parameters of a search. Unknown parameters are ignored; a value that
 * is present but wrong raises BadRequestError (a 400, never a 500).
 */
export function parseSearchQuery(raw: Raw, opts: { maxPerPage?: number; defaultPerPage?: number } = {}): SearchQuery {
  const q = single(raw, 'q') ?? '';
  if (q.length > 500) throw new BadRequestError('q', 'at most 500 characters');
  const jurisdiction = list(raw, 'jurisdiction', /^(?:[A-Z]{2}|[a-z][a-z0-9-]{1,30})$/, 'a jurisdiction code (KE, US, itlos)');
  const offense = list(raw, 'offense', /^[a-z0-9][a-z0-9-]{0,60}$/, 'an offense id (piracy, migrant-smuggling)');
  const courtLevel = list(raw, 'court_level', new RegExp(`^(?:${COURT_LEVELS.join('|')})$`), `a court level (${COURT_LEVELS.join(', ')})`) as CourtLevel[];
  const provision = list(raw, 'provision', /^[a-z0-9][a-z0-9-]{0,60}(?:\/\d{1,4}[a-z]{0,10})?$/, 'a provision id (unclos/101) or an instrument id (unclos)');
  const from = single(raw, 'from') ?? '';
  const to = single(raw, 'to') ?? '';
  const fromTs = from ? parseDateBound('from', from, 'start') : undefined;
  const toTs = to ? parseDateBound('to', to, 'end') : undefined;
  if (fromTs !== undefined && toTs !== undefined && fromTs > toTs) throw new BadRequestError('from', `"${from}" is after to="${to}"`);
  const sortRaw = single(raw, 'sort') || 'relevance';
  if (!SORTS.includes(sortRaw as SortOrder)) throw new BadRequestError('sort', `"${sortRaw.slice(0, 40)}" is not one of ${SORTS.join(', ')}`);
  const pageRaw = single(raw, 'page') || '1';
  if (!/^\d{1,6}$/.test(pageRaw) || Number(pageRaw) < 1) throw new BadRequestError('page', `"${pageRaw.slice(0, 20)}" is not a page number (1, 2, ...)`);
  const page = Number(pageRaw);
  if (page > 1000) throw new BadRequestError('page', 'at most 1000; narrow the search or use the export');
  const maxPerPage = opts.maxPerPage ?? 100;
  const perPageRaw = single(raw, 'per_page');
  let perPage = opts.defaultPerPage ?? 20;
  if (perPageRaw) {
    if (!/^\d{1,4}$/.test(perPageRaw) || Number(perPageRaw) < 1 || Number(perPageRaw) > maxPerPage) {
      throw new BadRequestError('per_page', `must be a number from 1 to ${maxPerPage}`);
    }
    perPage = Number(perPageRaw);
  }
  const matchRaw = single(raw, 'match') || 'default';
  if (matchRaw !== 'default' && matchRaw !== 'all') throw new BadRequestError('match', `"${matchRaw.slice(0, 20)}" is not "all" (every word must match)`);
  return { q, jurisdiction, offense, courtLevel, provision, from, to, fromTs, toTs, sort: sortRaw as SortOrder, match: matchRaw, page, perPage };
}

type Changes = Partial<Record<string, string | string[] | undefined>>;

/** Parameter order in every link, as the search form writes them. */
const PARAM_ORDER = ['q', 'jurisdiction', 'offense', 'court_level', 'provision', 'from', 'to', 'sort', 'match', 'page'] as const;

function baseValue(query: SearchQuery, key: (typeof PARAM_ORDER)[number]): string | string[] | undefined {
  switch (key) {
    case 'q': return query.q || undefined;
    case 'jurisdiction': return query.jurisdiction;
    case 'offense': return query.offense;
    case 'court_level': return query.courtLevel;
    case 'provision': return query.provision;
    case 'from': return query.from || undefined;
    case 'to': return query.to || undefined;
    case 'sort': return query.sort === 'relevance' ? undefined : query.sort;
    case 'match': return query.match === 'all' ? 'all' : undefined;
    case 'page': return query.page > 1 ? String(query.page) : undefined;
  }
}

/** The query's parameters with `changes` applied (a key set to undefined is dropped), in PARAM_ORDER, then any other changed key. */
function paramEntries(query: SearchQuery, changes: Changes): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const push = (k: string, v: string | string[] | undefined): void => {
    if (v === undefined) return;
    if (typeof v === 'string') {
      if (v !== '') out.push([k, v]);
    } else for (const x of v) if (x !== '') out.push([k, x]);
  };
  for (const k of PARAM_ORDER) push(k, Object.hasOwn(changes, k) ? changes[k] : baseValue(query, k));
  for (const k in changes) if (!(PARAM_ORDER as readonly string[]).includes(k)) push(k, changes[k]);
  return out;
}

/** The query back as URL parameters, for links that change one thing and keep the rest. */
export function toParams(query: SearchQuery, changes: Changes = {}): URLSearchParams {
  return new URLSearchParams(paramEntries(query, changes));
}

/** application/x-www-form-urlencoded, character for character as URLSearchParams writes it. */
function formEncode(s: string): string {
  return encodeURIComponent(s.toWellFormed())
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Encoded values per query: a search page writes the same values into about a hundred links. */
const encodedFor = new WeakMap<SearchQuery, Map<string, string>>();

/**
 * `toParams(query, changes).toString()`, built as a string: a search page holds a link per
 * facet value and per year, and URLSearchParams made up a good part of its rendering time.
 */
export function toQueryString(query: SearchQuery, changes: Changes = {}): string {
  let encoded = encodedFor.get(query);
  if (!encoded) encodedFor.set(query, (encoded = new Map()));
  let out = '';
  for (const [k, v] of paramEntries(query, changes)) {
    let e = encoded.get(v);
    if (e === undefined) encoded.set(v, (e = formEncode(v)));
    out += `${out ? '&' : ''}${k}=${e}`;
  }
  return out;
}
