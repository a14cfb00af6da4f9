import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { looksLikeTreaty, splitTreaty } from '../indexer/split-treaty.js';
import { hasSharedData, SHARED_DATA } from './support/fixtures.js';

const SAMPLE = `PROTOCOL AGAINST THE SMUGGLING OF MIGRANTS BY LAND, SEA AND AIR

PART I
General provisions

Article 1
Relation with the Convention

1. This Protocol supplements the Convention.

2. The provisions of the Convention apply mutatis mutandis.

Article 3bis
Use of terms

For the purposes of this Protocol, as defined in article 3 of this Protocol:

(a) "Smuggling of migrants" shall mean the procurement of illegal entry;

PART II
Smuggling of migrants by sea

Article 8. Measures against the smuggling of migrants by sea
A State Party may request assistance.
`;

describe('split-treaty', () => {
  it('splits a plain-text treaty into numbered, titled articles with parts and paragraphs', () => {
    const r = splitTreaty(SAMPLE);
    expect(r.articles.map((a) => a.number)).to.deep.equal(['1', '3bis', '8']);
    const [first, second, third] = r.articles;
    expect(first?.title).to.equal('Relation with the Convention');
    expect(first?.part).to.equal('Part I. General provisions');
    expect(first?.paragraphs).to.have.length(2);
    expect(second?.title).to.equal('Use of terms');
    expect(second?.paragraphs[0]).to.include('as defined in article 3');
    expect(third?.title).to.equal('Measures against the smuggling of migrants by sea');
    expect(third?.part).to.equal('Part II. Smuggling of migrants by sea');
  });

  it('does not take a cross-reference inside a sentence for a heading', () => {
    const r = splitTreaty('Protocol\n\nArticle 1\nScope\n\nStates shall apply article 5 of this Protocol.\nArticle 5 of the Convention applies too.\n');
    expect(r.articles.map((a) => a.number)).to.deep.equal(['1']);
  });

  it('stops at the second language version of the same treaty', () => {
    const r = splitTreaty('Convention\n\nArticle 1\nScope\n\nText.\n\nArticle 2\nTerms\n\nText.\n\nArticle 1\nToepassingsgebied\n\nTekst.\n');
    expect(r.articles).to.have.length(2);
  });

  it('recognises a treaty text', () => {
    expect(looksLikeTreaty(SAMPLE + '\nArticle 9\nX\n\nArticle 10\nY\n\nArticle 11\nZ\n')).to.equal(true);
    expect(looksLikeTreaty('JUDGMENT\nThe appellant relies on Article 101 of UNCLOS.')).to.equal(false);
  });

  describe('on the real treaty texts in ../shared/data/treaties', function () {
    const file = (name: string): string => {
      const dir = path.join(SHARED_DATA, 'treaties');
      const f = fs.readdirSync(dir).find((x) => x.startsWith(name));
      if (!f) throw new Error(`no ${name} in ${dir}`);
      return fs.readFileSync(path.join(dir, f), 'utf8');
    };
    before(function () {
      if (!hasSharedData) this.skip();
    });
    const expected: Array<[string, number, string, string]> = [
      ['untoc-2000', 41, '5', 'Criminalization of participation in an organized criminal group'],
      ['smuggling-of-migrants-protocol-2000', 25, '8', 'Measures against the smuggling of migrants by sea'],
      ['trafficking-in-persons-protocol-2000', 20, '3', 'Use of terms'],
      ['firearms-protocol-2001', 21, '5', 'Criminalization'],
      ['unclos-1982', 320, '101', 'Definition of piracy'],
      ['vienna-drug-trafficking-convention-1988', 34, '17', 'Illicit traffic by sea'],
    ];
    for (const [name, count, number, title] of expected) {
      it(`${name}: ${count} articles, article ${number} is "${title}"`, () => {
        const r = splitTreaty(file(name));
        expect(r.articles, name).to.have.length(count);
        const a = r.articles.find((x) => x.number === number);
        expect(a?.title).to.equal(title);
        expect(a?.paragraphs.length).to.be.greaterThan(0);
      });
    }
    it('SUA as amended in 2005 keeps the bis/ter articles', () => {
      const numbers = splitTreaty(file('sua-convention-2005')).articles.map((a) => a.number);
      for (const n of ['2bis', '3', '3bis', '3ter', '3quater', '5bis', '8bis', '11bis', '11ter', '12bis']) expect(numbers).to.include(n);
    });
    it('UNCLOS article 110 sits in Part VII, Section 1 and keeps its paragraphs', () => {
      const a = splitTreaty(file('unclos-1982')).articles.find((x) => x.number === '110');
      expect(a?.part).to.match(/^Part VII\. High seas › Section 1/);
      expect(a?.paragraphs.join(' ')).to.match(/piracy/);
    });
  });
});
