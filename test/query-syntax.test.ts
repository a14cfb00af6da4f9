import { expect } from 'chai';
import { parseQuerySyntax, tokenizeQuery } from '../server/query-syntax.js';
import { BadRequestError } from '../server/query-params.js';

describe('query-syntax', () => {
  it('keeps phrases and quoted field values whole', () => {
    expect(tokenizeQuery('piracy court:"Court of Appeal" "hot pursuit" -kenya')).to.deep.equal(['piracy', 'court:"Court of Appeal"', '"hot pursuit"', '-kenya']);
  });
  it('turns fields into filters and leaves words, phrases and exclusions to the engine', () => {
    const p = parseQuerySyntax('"hot pursuit" provision:UNCLOS/111 jurisdiction:itlos year:1995..2005 -bunkering vessel:"Saiga"');
    expect(p.text).to.equal('"hot pursuit" -bunkering');
    expect(p.provision).to.deep.equal(['unclos/111']);
    expect(p.jurisdiction).to.deep.equal(['itlos']);
    expect(p.vessel).to.deep.equal(['Saiga']);
    expect(p.fromTs).to.equal(Date.UTC(1995, 0, 1) / 1000);
    expect(p.toTs).to.equal(Date.UTC(2006, 0, 1) / 1000 - 1);
  });
  it('reads OR at the top level as alternatives', () => {
    expect(parseQuerySyntax('cocaine OR "cannabis resin" OR heroin').alternatives).to.deep.equal(['cocaine', '"cannabis resin"', 'heroin']);
    expect(parseQuerySyntax('piracy somalia').alternatives).to.deep.equal([]);
  });
  it('rejects field values that could not be honest filters', () => {
    for (const q of ['jurisdiction:"KE\\" OR x"', 'provision:unclos/101"', 'year:20x0', 'year:2015..2010', 'offense:<script>']) {
      expect(() => parseQuerySyntax(q), q).to.throw(BadRequestError);
    }
  });
  it('leaves unknown fields as words', () => {
    expect(parseQuerySyntax('http://example.org foo:bar').text).to.equal('http://example.org foo:bar');
  });
});
