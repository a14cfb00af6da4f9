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
  ['a violation of Article 5 § 1 of the European Convention on Human Rights', ['echr/5']],
  ['Article 4 of Protocol No. 4 prohibits collective expulsion', ['echr-p4/4']],
  ['Art. 110(1)(d) UNCLOS allows the visit of a ship without nationality', ['unclos/110']],
  ['les articles 100 à 107 de la Convention de Montego Bay', ['unclos/100', 'unclos/101', 'unclos/102', 'unclos/103', 'unclos/104', 'unclos/105', 'unclos/106', 'unclos/107']],
  ['el artículo 105 de la Convención de las Naciones Unidas sobre el Derecho del Mar (CONVEMAR)', ['unclos/105']],
  ['artículo 3 del Protocolo de Palermo', ['tip-protocol/3']],
  ["le Protocole contre le trafic illicite de migrants par terre, mer et air, en son article 8", ['som-protocol/8']],
  ['The SUA Convention was relied on. Article 3 of the Convention makes seizure an offence.', ['sua/3']],
  ['UNCLOS defines piracy. Article 101 requires two ships; Article 105 confers universal jurisdiction.', ['unclos/101', 'unclos/105']],
  ['under Article 17 of the 1988 Vienna Convention; see also Id. art. 17(4)', ['vienna-1988/17']],
  ['Article 1 of the International Convention against the Taking of Hostages', ['hostages-convention/1']],
];

/** Near misses: no treaty-article citation may come out of these. */
const NEGATIVES: string[] = [
  'See page 101 of the record.',
  'The article in the newspaper described the attack.',
  'paragraph 12 of the judgment below',
  'Article 101 of the Penal Code of the Republic',
  'Articles of association were filed in 2009.',
  'UNCLOS 101 was the course code.',
  "l'article 224-6 du code pénal réprime le détournement de navire",
  'UNCLOS applies at sea. Article 50 of the Constitution of Kenya guarantees a fair trial.',
  'artículo 24 de la Constitución Española',
  'Article 31 of the Vienna Convention on the Law of Treaties',
  'the appellant relied on section 3 of the Penal Code and article 12 of the Criminal Procedure Code',
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
