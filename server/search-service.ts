import { anyOf, quoteFilterValue } from '../engine/filter.js';
import { guard, multiSearch, type IndexNames, type Meilisearch, type MultiSearchQuery } from '../engine/meili-client.js';
import type { CaseDoc, PassageDoc, ProvisionDoc } from '../indexer/types.js';
import { highlightToHtml, highlightWithLinks, POST, PRE } from './highlight.js';
import { EXPORT_FIELDS, type ExportDoc } from './export-format.js';
import type { SearchQuery } from './query-params.js';
import { parseQuerySyntax, type ParsedQuery } from './query-syntax.js';

/** URL parameter -> stored attribute(s). Attribute names are ours; users only choose values. */
export const FACET_PARAMS = ['jurisdiction', 'offense', 'court_level', 'provision'] as const;
export type FacetParam = (typeof FACET_PARAMS)[number];

export type FacetCounts = Record<string, number>;

export interface Facets {
  jurisdiction: FacetCounts;
  offense: FacetCounts;
  court_level: FacetCounts;
  provision: FacetCounts;
  instrument: FacetCounts;
  year: FacetCounts;
}

export interface CaseHit {
  id: string;
  title: string;
  court: string;
  courtLevel: string;
  jurisdiction: string;
  jurisdictionName: string;
  decisionDate: string;
  offenses: string[];
  provisions: string[];
  citation: string;
  outcome: string;
  /** HTML: escaped text with <mark> around matched words. */
  snippet: string;
  /** HTML title with matched words marked. */
  titleHtml: string;
  passage?: { seq: number; paragraphs: string[]; snippet: string };
}

export interface SearchResult {
  total: number;
  page: number;
  pages: number;
  perPage: number;
  hits: CaseHit[];
  facets: Facets;
  processingTimeMs: number;
  /** Things the user should know about how the query was read. */
  notices: string[];
}

const HIT_FIELDS = ['id', 'title', 'court', 'courtLevel', 'jurisdiction', 'jurisdictionName', 'decisionDate', 'offenses', 'provisions', 'citation', 'outcome', 'summary', 'hasText'];

type Group = FacetParam | 'date';

/** Filter clauses per facet group; OR inside a group, AND between groups. */
function groupFilters(q: SearchQuery): Map<Group, string> {
  const m = new Map<Group, string>();
  if (q.jurisdiction.length) m.set('jurisdiction', anyOf('jurisdiction', q.jurisdiction));
  if (q.offense.length) m.set('offense', anyOf('offenses', q.offense));
  if (q.courtLevel.length) m.set('court_level', anyOf('courtLevel', q.courtLevel));
  if (q.provision.length) {
    const articles = q.provision.filter((p) => p.includes('/'));
    const instruments = q.provision.filter((p) => !p.includes('/'));
    const parts = [];
    if (articles.length) parts.push(anyOf('provisions', articles));
    if (instruments.length) parts.push(anyOf('instruments', instruments));
    m.set('provision', parts.length > 1 ? `(${parts.join(' OR ')})` : (parts[0] as string));
  }
  const range = [];
  if (q.fromTs !== undefined) range.push(`decisionTs >= ${quoteFilterValue(q.fromTs)}`);
  if (q.toTs !== undefined) range.push(`decisionTs <= ${quoteFilterValue(q.toTs)}`);
  if (range.length) m.set('date', range.join(' AND '));
  return m;
}

const GROUP_ATTRIBUTES: Record<Group, string[]> = {
  jurisdiction: ['jurisdiction'],
  offense: ['offenses'],
  court_level: ['courtLevel'],
  provision: ['provisions', 'instruments'],
  date: ['year'],
};

function combine(filters: Array<string | undefined>): string | undefined {
  const parts = filters.filter((f): f is string => !!f);
  return parts.length ? parts.map((p) => `(${p})`).join(' AND ') : undefined;
}

function sortOf(q: SearchQuery, text: string): string[] | undefined {
  if (q.sort === 'date_desc') return ['decisionTs:desc'];
  if (q.sort === 'date_asc') return ['decisionTs:asc'];
  return text ? undefined : ['decisionTs:desc'];
}

/** Facet counts must not depend on how many values a facet has; 1000 is the engine maximum we set. */
function emptyFacets(): Facets {
  return { jurisdiction: {}, offense: {}, court_level: {}, provision: {}, instrument: {}, year: {} };
}

function assignFacet(f: Facets, attr: string, counts: FacetCounts): void {
  const key = ({ jurisdiction: 'jurisdiction', offenses: 'offense', courtLevel: 'court_level', provisions: 'provision', instruments: 'instrument', year: 'year' } as const)[attr as 'jurisdiction'];
  if (key) f[key] = counts;
}

/**
 * Case search over Meilisearch, with disjunctive facets: one multi-search holds the
 * main query plus, for each facet with a selection, the same query without that facet's
 * own filter, so its other values keep their counts.
 */
export class SearchService {
  constructor(
    private readonly client: Meilisearch,
    readonly names: IndexNames,
  ) {}

  private valueCache: { at: number; court: string[]; vesselNames: string[] } | undefined;

  /** Court and vessel names in the index, for court:"..." and vessel:"..." (cached a minute). */
  private async knownValues(): Promise<{ court: string[]; vesselNames: string[] }> {
    if (this.valueCache && Date.now() - this.valueCache.at < 60_000) return this.valueCache;
    const [res] = await multiSearch<CaseDoc>(this.client, [{ indexUid: this.names.cases, q: '', limit: 0, facets: ['court', 'vesselNames'] }]);
    const f = res?.facetDistribution ?? {};
    this.valueCache = { at: Date.now(), court: Object.keys(f.court ?? {}), vesselNames: Object.keys(f.vesselNames ?? {}) };
    return this.valueCache;
  }

  /** Filters written in the query itself (provision:..., year:..., court:"..."), ANDed with the rest. */
  private async syntaxFilter(p: ParsedQuery): Promise<string | undefined> {
    const parts: string[] = [];
    if (p.jurisdiction.length) parts.push(anyOf('jurisdiction', p.jurisdiction));
    if (p.offense.length) parts.push(anyOf('offenses', p.offense));
    if (p.courtLevel.length) parts.push(anyOf('courtLevel', p.courtLevel));
    for (const v of p.provision) parts.push(v.includes('/') ? `provisions = ${quoteFilterValue(v)}` : `instruments = ${quoteFilterValue(v)}`);
    if (p.fromTs !== undefined) parts.push(`decisionTs >= ${quoteFilterValue(p.fromTs)}`);
    if (p.toTs !== undefined) parts.push(`decisionTs <= ${quoteFilterValue(p.toTs)}`);
    if (p.court.length || p.vessel.length) {
      const known = await this.knownValues();
      for (const [attr, wanted, values] of [['court', p.court, known.court], ['vesselNames', p.vessel, known.vesselNames]] as const) {
        for (const w of wanted) {
          const hits = values.filter((v) => v.toLowerCase().includes(w.toLowerCase()));
          // No such court or vessel: the query matches nothing, honestly.
          parts.push(hits.length ? anyOf(attr, hits) : 'id = "__no_match__"');
        }
      }
    }
    return parts.length ? parts.map((x) => `(${x})`).join(' AND ') : undefined;
  }

  /** The query as the engine will run it: words, filters from fielded terms, and the ids an OR stands for. */
  private async resolve(q: SearchQuery, baseFilter?: string): Promise<{ text: string; base: string | undefined; idFilter: string | undefined; notices: string[] }> {
    const syntax = parseQuerySyntax(q.q);
    const notices: string[] = [];
    const wordCount = syntax.text.split(/\s+/).filter(Boolean).length;
    // Meilisearch reads only the first ten words; say so rather than ignore the rest silently.
    if (wordCount > 10 && syntax.alternatives.length === 0) notices.push(`Only the first 10 words of the query are used (it has ${wordCount}); narrow with fields such as provision:unclos/101 or year:2010..2015.`);
    const base = combine([baseFilter, await this.syntaxFilter(syntax)]);
    if (!syntax.alternatives.length) return { text: syntax.text, base, idFilter: undefined, notices };
    // OR: each alternative is searched on its own, and the page lists the union.
    const found = await multiSearch<CaseDoc>(
      this.client,
      syntax.alternatives.map((alt) => ({ indexUid: this.names.cases, q: alt, filter: combine([base, ...groupFilters(q).values()]), limit: 1000, attributesToRetrieve: ['id'], ...(q.match === 'all' ? { matchingStrategy: 'all' as const } : {}) })),
    );
    const ids = [...new Set(found.flatMap((r) => r.hits.map((h) => h.id)))];
    return { text: '', base, idFilter: ids.length ? anyOf('id', ids) : 'id = "__no_match__"', notices };
  }

  async search(q: SearchQuery, opts: { baseFilter?: string } = {}): Promise<SearchResult> {
    const { text, base, idFilter, notices } = await this.resolve(q, opts.baseFilter);
    const groups = groupFilters(q);
    const all = combine([base, idFilter, ...groups.values()]);
    const selected = [...groups.keys()];
    const ownFacets = Object.entries(GROUP_ATTRIBUTES)
      .filter(([g]) => !selected.includes(g as Group))
      .flatMap(([, attrs]) => attrs);
    const main: MultiSearchQuery = {
      indexUid: this.names.cases,
      q: text,
      ...(q.match === 'all' ? { matchingStrategy: 'all' as const } : {}),
      filter: all,
      page: q.page,
      hitsPerPage: q.perPage,
      facets: ownFacets,
      attributesToRetrieve: HIT_FIELDS,
      attributesToHighlight: ['title', 'summary'],
      attributesToCrop: ['summary'],
      cropLength: 40,
      highlightPreTag: PRE,
      highlightPostTag: POST,
      ...(sortOf(q, text) ? { sort: sortOf(q, text) } : {}),
    };
    const disjunctive: MultiSearchQuery[] = selected.map((g) => ({
      indexUid: this.names.cases,
      q: text,
      ...(q.match === 'all' ? { matchingStrategy: 'all' as const } : {}),
      filter: combine([base, idFilter, ...[...groups.entries()].filter(([k]) => k !== g).map(([, v]) => v)]),
      limit: 0,
      facets: GROUP_ATTRIBUTES[g],
    }));
    const [res, ...others] = await multiSearch<CaseDoc>(this.client, [main, ...disjunctive]);
    if (!res) throw new Error('Meilisearch returned no result for the main query');
    const facets = emptyFacets();
    for (const [attr, counts] of Object.entries(res.facetDistribution ?? {})) assignFacet(facets, attr, counts);
    for (const r of others) for (const [attr, counts] of Object.entries(r.facetDistribution ?? {})) assignFacet(facets, attr, counts);
    const hits: CaseHit[] = res.hits.map((h) => {
      const f = (h._formatted ?? {}) as Partial<Record<'title' | 'summary', string>>;
      return {
        id: h.id,
        title: h.title,
        court: h.court,
        courtLevel: h.courtLevel,
        jurisdiction: h.jurisdiction,
        jurisdictionName: h.jurisdictionName,
        decisionDate: h.decisionDate,
        offenses: h.offenses,
        provisions: h.provisions,
        citation: h.citation,
        outcome: h.outcome,
        snippet: highlightToHtml(f.summary ?? h.summary ?? ''),
        titleHtml: highlightToHtml(f.title ?? h.title),
      };
    });
    if (text && res.hits.some((h) => h.hasText)) await this.attachPassages(text, hits);
    const total = res.totalHits ?? res.estimatedTotalHits ?? hits.length;
    return {
      total,
      page: q.page,
      pages: Math.max(1, Math.ceil(total / q.perPage)),
      perPage: q.perPage,
      hits,
      facets,
      processingTimeMs: res.processingTimeMs,
      notices,
    };
  }

  /** The best-matching passage of each hit's full text, one request for the whole page. */
  private async attachPassages(text: string, hits: CaseHit[]): Promise<void> {
    const queries: MultiSearchQuery[] = hits.map((h) => ({
      indexUid: this.names.passages,
      q: text,
      filter: `caseId = ${quoteFilterValue(h.id)}`,
      limit: 1,
      attributesToRetrieve: ['caseId', 'seq', 'paragraphs'],
      attributesToCrop: ['text'],
      cropLength: 40,
      attributesToHighlight: ['text'],
      highlightPreTag: PRE,
      highlightPostTag: POST,
    }));
    const results = await multiSearch<PassageDoc>(this.client, queries);
    results.forEach((r, i) => {
      const p = r.hits[0];
      const hit = hits[i];
      if (p && hit) {
        const formatted = (p._formatted as { text?: string } | undefined)?.text ?? '';
        hit.passage = { seq: p.seq, paragraphs: p.paragraphs, snippet: highlightToHtml(formatted) };
      }
    });
  }

  /** A case and, when the page was reached from a search, its text with the query's words marked. */
  async getCase(
    id: string,
    text = '',
    labelOf: (provision: string) => string = (p) => p,
  ): Promise<{ doc: CaseDoc; summaryHtml: string; passages: Array<{ seq: number; paragraphs: string[]; html: string; matched: boolean }>; best: Array<{ seq: number; paragraphs: string[]; snippet: string }> } | undefined> {
    const byId = `id = ${quoteFilterValue(id)}`;
    const ofCase = `caseId = ${quoteFilterValue(id)}`;
    const queries: MultiSearchQuery[] = [
      { indexUid: this.names.cases, q: '', filter: byId, limit: 1, attributesToRetrieve: ['*'] },
      { indexUid: this.names.passages, q: '', filter: ofCase, limit: 5000, sort: ['seq:asc'] },
    ];
    if (text) {
      queries.push(
        { indexUid: this.names.cases, q: text, filter: byId, limit: 1, attributesToRetrieve: ['id'], attributesToHighlight: ['summary'], highlightPreTag: PRE, highlightPostTag: POST },
        { indexUid: this.names.passages, q: text, filter: ofCase, limit: 5000, attributesToRetrieve: ['seq'], attributesToHighlight: ['text'], highlightPreTag: PRE, highlightPostTag: POST },
      );
    }
    const [caseRes, passRes, caseHl, passHl] = await multiSearch<RecordAnyDoc>(this.client, queries);
    const doc = caseRes?.hits[0] as unknown as CaseDoc | undefined;
    if (!doc) return undefined;
    const hlSummary = (caseHl?.hits[0]?._formatted as { summary?: string } | undefined)?.summary;
    const marked = new Map<number, string>();
    const best: Array<{ seq: number; paragraphs: string[]; snippet: string }> = [];
    for (const h of passHl?.hits ?? []) {
      const t = (h._formatted as { text?: string } | undefined)?.text;
      if (t && t.includes(PRE)) {
        marked.set(Number(h.seq), t);
        // The engine ranks passages: the first few are the best places to start reading.
        if (best.length < 3) {
          const at = t.indexOf(PRE);
          const from = Math.max(0, t.lastIndexOf(' ', Math.max(0, at - 120)));
          const window = t.slice(from, from + 320);
          best.push({ seq: Number(h.seq), paragraphs: [], snippet: `${from > 0 ? '…' : ''}${highlightToHtml(window)}…` });
        }
      }
    }
    const passages = (passRes?.hits ?? []).map((p) => {
      const seq = Number(p.seq);
      const hl = marked.get(seq);
      const links = ((p.links as Array<{ start: number; end: number; provision: string }> | undefined) ?? []).map((l) => ({
        start: l.start,
        end: l.end,
        href: `/provisions/${l.provision}`,
        title: labelOf(l.provision),
      }));
      return { seq, paragraphs: (p.paragraphs as string[]) ?? [], html: highlightWithLinks(hl ?? String(p.text ?? ''), links), matched: !!hl };
    });
    for (const b of best) b.paragraphs = passages.find((p) => p.seq === b.seq)?.paragraphs ?? [];
    return { doc, summaryHtml: highlightToHtml(hlSummary ?? doc.summary), passages, best };
  }

  async getProvision(id: string): Promise<ProvisionDoc | undefined> {
    const [res] = await multiSearch<ProvisionDoc>(this.client, [
      { indexUid: this.names.provisions, q: '', filter: `id = ${quoteFilterValue(id)}`, limit: 1 },
    ]);
    return res?.hits[0] as ProvisionDoc | undefined;
  }

  async listProvisions(ids?: string[]): Promise<ProvisionDoc[]> {
    const [res] = await multiSearch<ProvisionDoc>(this.client, [
      {
        indexUid: this.names.provisions,
        q: '',
        limit: 5000,
        sort: ['instrument:asc', 'order:asc'],
        attributesToRetrieve: ['id', 'instrument', 'instrumentTitle', 'instrumentShortTitle', 'number', 'title', 'part', 'caseCount', 'summary'],
        ...(ids ? { filter: ids.length ? anyOf('id', ids) : 'id = "-"' } : {}),
      },
    ]);
    return (res?.hits ?? []) as ProvisionDoc[];
  }

  /** Cases by id, in the order asked, for packs. Unknown ids are left out. */
  async getCases(ids: string[]): Promise<CaseDoc[]> {
    if (!ids.length) return [];
    const [res] = await multiSearch<CaseDoc>(this.client, [{ indexUid: this.names.cases, q: '', filter: anyOf('id', ids), limit: ids.length, attributesToRetrieve: [...EXPORT_FIELDS, 'vessels', 'parties', 'judges', 'keywords', 'notes', 'jurisdictionName', 'language'] }]);
    const byId = new Map((res?.hits ?? []).map((h) => [h.id, h as CaseDoc]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as CaseDoc] : []));
  }

  /**
   * Every case matching a search, in batches, for exports with no cap: through the
   * documents endpoint with the same filter when there are no words, else by paging the
   * search itself (words need the search engine), newest first either way when no words.
   */
  async *exportCases(q: SearchQuery): AsyncGenerator<ExportDoc[]> {
    const { text, base, idFilter } = await this.resolve(q);
    const filter = combine([base, idFilter, ...groupFilters(q).values()]);
    const batch = 1000;
    if (!text) {
      for (let offset = 0; ; offset += batch) {
        const page = await guard('export', () =>
          this.client.index(this.names.cases).getDocuments<ExportDoc>({ ...(filter ? { filter } : {}), fields: [...EXPORT_FIELDS], limit: batch, offset }),
        );
        if (page.results.length) yield page.results;
        if (page.results.length < batch) return;
      }
    }
    for (let offset = 0; offset < 100_000; offset += batch) {
      const [res] = await multiSearch<ExportDoc>(this.client, [
        { indexUid: this.names.cases, q: text, filter, offset, limit: batch, attributesToRetrieve: [...EXPORT_FIELDS], ...(q.match === 'all' ? { matchingStrategy: 'all' as const } : {}) },
      ]);
      const hits = (res?.hits ?? []) as ExportDoc[];
      if (hits.length) yield hits;
      if (hits.length < batch) return;
    }
  }

  /** Files and folders ingested on top of the corpus (written by the indexer in the meta index). */
  async indexedSources(): Promise<string[]> {
    const [res] = await multiSearch<{ id: string; sources?: string[] }>(this.client, [{ indexUid: this.names.meta, q: '', limit: 5 }]);
    return (res?.hits ?? []).flatMap((h) => (h.id === 'state' ? (h.sources ?? []) : []));
  }

  /** Cheap round trip that tells whether the engine answers (health checks). */
  async ping(): Promise<void> {
    await guard('health', () => this.client.health());
  }
}

type RecordAnyDoc = Record<string, unknown>;
