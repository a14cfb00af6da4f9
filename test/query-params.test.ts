import { expect } from 'chai';
import fc from 'fast-check';
import { BadRequestError, parseDateBound, parseSearchQuery, toParams, toQueryString, type SearchQuery } from '../server/query-params.js';
import { anyOf, quoteFilterValue } from '../engine/filter.js';

function badParam(raw: Record<string, unknown>): string {
  try {
    parseSearchQuery(raw);
  } catch (err) {
    expect(err).to.be.instanceOf(BadRequestError);
    return (err as BadRequestError).parameter;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

/** Links as the first version wrote them (object spread, URLSearchParams): the reference the fast path must match. */
function referenceQueryString(query: SearchQuery, changes: Record<string, string | string[] | undefined>): string {
  const base: Record<string, string | string[] | undefined> = {
    q: query.q || undefined, jurisdiction: query.jurisdiction, offense: query.offense, court_level: query.courtLevel, provision: query.provision,
    from: query.from || undefined, to: query.to || undefined, sort: query.sort === 'relevance' ? undefined : query.sort,
    match: query.match === 'all' ? 'all' : undefined, page: query.page > 1 ? String(query.page) : undefined, ...changes,
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(base)) for (const x of v === undefined ? [] : Array.isArray(v) ? v : [v]) if (x !== '') params.append(k, x);
  return params.toString();
}

describe('query-params', () => {
  it('writes links exactly as the reference (spread + URLSearchParams) would, whatever the values and changes', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const key = fc.constantFrom('q', 'jurisdiction', 'offense', 'court_level', 'provision', 'from', 'to', 'sort', 'match', 'page', 'per_page', 'extra');
    const value = fc.option(fc.oneof(text, fc.array(text, { maxLength: 3 })), { nil: undefined });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), fc.array(text, { maxLength: 3 }), fc.integer({ min: 1, max: 30 }), fc.constantFrom('relevance', 'date_desc', 'date_asc'), fc.boolean(), fc.dictionary(key, value, { maxKeys: 4 }), (q, jurisdiction, provision, page, sort, all, changes) => {
        const query: SearchQuery = { ...parseSearchQuery({}), q, jurisdiction, provision, page, sort: sort as SearchQuery['sort'], match: all ? 'all' : 'default', from: q.slice(0, 4) };
        expect(toQueryString(query, changes)).to.equal(referenceQueryString(query, changes));
        expect(toParams(query, changes).toString()).to.equal(referenceQueryString(query, changes));
        // Twice on the same query: the per-query encoding cache must not change the answer.
        expect(toQueryString(query, changes)).to.equal(referenceQueryString(query, changes));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes links exactly as URLSearchParams would, whatever the values', () => {
    const text = fc.string({ unit: 'binary', maxLength: 20 });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), fc.array(text, { maxLength: 3 }), fc.option(text), (q, jurisdiction, provision, page) => {
        const query = { ...parseSearchQuery({}), q, jurisdiction, provision };
        const changes = page === null ? {} : { page, offense: [page, q] };
        expect(toQueryString(query, changes)).to.equal(toParams(query, changes).toString());
      }),
      { numRuns: 3000 },
    );
  });

  it('reads repeated facet values and defaults', () => {
    const q = parseSearchQuery({ q: ' piracy ', jurisdiction: ['KE', 'SC', 'KE'], offense: 'piracy', page: '2' });
    expect(q).to.include({ q: 'piracy', page: 2, sort: 'relevance', perPage: 20 });
    expect(q.jurisdiction).to.deep.equal(['KE', 'SC']);
    expect(q.offense).to.deep.equal(['piracy']);
  });

  it('turns years, months and days into inclusive ranges', () => {
    expect(parseDateBound('from', '2010', 'start')).to.equal(Date.UTC(2010, 0, 1) / 1000);
    expect(parseDateBound('to', '2010', 'end')).to.equal(Date.UTC(2011, 0, 1) / 1000 - 1);
    expect(parseDateBound('to', '2012-02', 'end')).to.equal(Date.UTC(2012, 2, 1) / 1000 - 1);
    expect(parseDateBound('to', '2012-02-29', 'end')).to.equal(Date.UTC(2012, 2, 1) / 1000 - 1);
  });

  const invalid: Array<[Record<string, unknown>, string]> = [
    [{ page: '-1' }, 'page'], [{ page: '0' }, 'page'], [{ page: '1.5' }, 'page'], [{ from: 'yesterday' }, 'from'], [{ to: '2011-02-29' }, 'to'],
    [{ from: '2012', to: '2010' }, 'from'], [{ sort: 'random' }, 'sort'], [{ jurisdiction: 'KE" OR jurisdiction = "US' }, 'jurisdiction'],
    [{ jurisdiction: 'KE\\' }, 'jurisdiction'], [{ provision: 'unclos/101" OR 1' }, 'provision'], [{ court_level: 'high' }, 'court_level'],
    [{ q: { nested: 'x' } }, 'q'], [{ per_page: '0' }, 'per_page'],
  ];
  for (const [raw, param] of invalid) {
    it(`rejects ${JSON.stringify(raw)} naming ${param}`, () => expect(badParam(raw)).to.equal(param));
  }

  it('ignores unknown parameters', () => {
    expect(() => parseSearchQuery({ utm_source: 'mail', foo: ['a', 'b'] })).not.to.throw();
  });

  it('round-trips through URL parameters', () => {
    const q = parseSearchQuery({ q: 'a b', jurisdiction: ['KE', 'SC'], from: '2010', sort: 'date_asc', page: '3' });
    expect(toParams(q).toString()).to.equal('q=a+b&jurisdiction=KE&jurisdiction=SC&from=2010&sort=date_asc&page=3');
    expect(parseSearchQuery(Object.fromEntries([...new Set(toParams(q).keys())].map((k) => [k, toParams(q).getAll(k).length > 1 ? toParams(q).getAll(k) : toParams(q).get(k)])))).to.deep.equal(q);
  });
});

describe('filter quoting', () => {
  it('escapes backslashes before quotes, so a value cannot close its string', () => {
    expect(quoteFilterValue('KE" OR jurisdiction = "US')).to.equal('"KE\\" OR jurisdiction = \\"US"');
    expect(quoteFilterValue('KE\\')).to.equal('"KE\\\\"');
    expect(quoteFilterValue('a\\"b')).to.equal('"a\\\\\\"b"');
    expect(anyOf('jurisdiction', ['KE', 'SC'])).to.equal('jurisdiction IN ["KE", "SC"]');
    expect(() => quoteFilterValue(Number.NaN)).to.throw();
  });
});
