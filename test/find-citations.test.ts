import { expect } from 'chai';
import path from 'node:path';
import { ROOT } from '../engine/config.js';
import { loadCatalogue } from '../indexer/catalogue.js';
import { findStatuteCitations, findTreatyCitations, provisionIds } from '../indexer/find-citations.js';

const catalogue = loadCatalogue(path.join(ROOT, 'corpus'));

/** [input text, expected canonical ids in order of first mention] */
const TREATY_CASES: Array<[string, string[]]> = [
  ['Article 8(7) of the Protocol against the Smuggling of Migrants by Land, Sea and Air applies.', ['som-protocol/8']],
  ['piracy as defined in art. 101 UNCLOS and', ['unclos/101']],
  ['Articles 100 to 107 of the Convention on the Law of the Sea', ['unclos/100', 'unclos/101', 'unclos/102', 'unclos/103', 'unclos/104', 'unclos/105', 'unclos/106', 'unclos/107']],
  ['Palermo Protocol, art. 3(a) defines trafficking', ['tip-protocol/3']],
  ["l'article 110 de la Convention des Nations Unies sur le droit de la mer", ['unclos/110']],
  ['UNCLOS was cited. Under article 105 of the Convention any State may seize.', ['unclos/105']],
  ['SUA Convention, article 3bis', ['sua/3bis']],
  ['articles 3 and 6 of the Smuggling of Migrants Protocol', ['som-protocol/3', 'som-protocol/6']],
  ['Article 17 of the 1988 United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances', ['vienna-1988/17']],
  ['Article 5 of the Convention against Transnational Organized Crime', ['untoc/5']],
];

/** Near misses: no treaty-article citation may come out of these. */
const NEGATIVES: string[] = [
  'See page 101 of the record.',
  'The article in the newspaper described the attack.',
  'paragraph 12 of the judgment below',
  'Article 101 of the Penal Code of the Republic',
  'Articles of association were filed in 2009.',
  'UNCLOS 101 was the course code.',
];

describe('find-citations', () => {
  for (const [text, expected] of TREATY_CASES) {
    it(`finds ${expected.join(', ')} in "${text.slice(0, 60)}"`, () => {
      expect(provisionIds(findTreatyCitations(text, catalogue)), text).to.deep.equal(expected);
    });
  }
  for (const text of NEGATIVES) {
    it(`finds nothing in "${text}"`, () => {
      expect(findTreatyCitations(text, catalogue), text).to.deep.equal([]);
    });
  }
  it('keeps the matched text and its offsets', () => {
    const text = 'The court applied art. 101 UNCLOS to the facts.';
    const [c] = findTreatyCitations(text, catalogue);
    expect(c && text.slice(c.start, c.end)).to.equal('art. 101 UNCLOS');
  });
  it('extracts national statutes as written', () => {
    const text = 'charged under 18 U.S.C. § 1651 and 46 U.S.C. §§ 70503, 70506; section 69 of the Penal Code (Cap. 63); Migration Act 1958 (Cth), s. 233C';
    expect(findStatuteCitations(text).map((c) => c.text)).to.deep.equal([
      '18 U.S.C. § 1651',
      '46 U.S.C. §§ 70503, 70506',
      'section 69 of the Penal Code (Cap. 63)',
      'Migration Act 1958 (Cth), s. 233C',
    ]);
  });
});
