import { expect } from 'chai';
import fc from 'fast-check';
import { BadRequestError, parseDateBound, parseSearchQuery, toParams, toQueryString } from '../server/query-params.js';
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

describe('query-params', () => {
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
