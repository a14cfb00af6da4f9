import { expect } from 'chai';
import { detectDecisionDate } from '../indexer/detect/decision-date.js';
import { findDates } from '../indexer/parse-date.js';

const FORMS: Array<[string, string]> = [
  ['this 12th day of March 2010', '2010-03-12'],
  ['12 March 2010', '2010-03-12'],
  ['March 12, 2010', '2010-03-12'],
  ['le 3 mai 2011', '2011-05-03'],
  ['le 1er juin 2012', '2012-06-01'],
  ['3 de mayo de 2011', '2011-05-03'],
  ['En Madrid, a tres de mayo de dos mil once', '2011-05-03'],
  ['veintiséis (26) de enero de dos mil once (2011)', '2011-01-26'],
  ['2010-03-12', '2010-03-12'],
  ['12.03.2010', '2010-03-12'],
  ['12/03/2010', '2010-03-12'],
];

describe('parse-date', () => {
  for (const [text, iso] of FORMS) {
    it(`reads "${text}" as ${iso}`, () => expect(findDates(text).map((d) => d.iso)).to.deep.equal([iso]));
  }
  it('reads numeric dates month first for United States documents', () => {
    expect(findDates('FILED 02/05/2010', { monthFirst: true }).map((d) => d.iso)).to.deep.equal(['2010-02-05']);
  });
  it('rejects impossible dates', () => {
    expect(findDates('31 February 2010 and 2010-13-01')).to.deep.equal([]);
  });
});

/** [judgment text, the date of the decision]: other dates (facts, arrest, hearing, statutes) must lose. */
const DECISIONS: Array<[string, string]> = [
  ['REPUBLIC OF KENYA\nIN THE HIGH COURT AT MOMBASA\n\n1. On 3rd March 2009 the accused attacked the MV Courier.\n2. They were arrested on 4 March 2009 and charged on 11 March 2009 under the Merchant Shipping Act, 2009.\n\nDelivered, dated and signed at Mombasa this 9th day of November 2010.', '2010-11-09'],
  ['UNITED STATES COURT OF APPEALS FOR THE FOURTH CIRCUIT\nArgued: March 20, 2012\nDecided: May 23, 2012\n\nOn April 1, 2010, the defendants attacked the USS Nicholas.', '2012-05-23'],
  ["COUR DE CASSATION\nChambre criminelle\nAudience publique du 16 septembre 2009\n\nAttendu que le navire a été arraisonné le 13 juin 2008 ; vu la loi n° 94-589 du 15 juillet 1994 ;", '2009-09-16'],
  ['AUDIENCIA NACIONAL\nSALA DE LO PENAL\n\nHECHOS PROBADOS: el 2 de octubre de 2009 el atunero Alakrana fue abordado. Ley Orgánica 10/1995, de 23 de noviembre.\n\nEn Madrid, a tres de mayo de dos mil once.', '2011-05-03'],
  ['GRAND CHAMBER\nCASE OF MEDVEDYEV AND OTHERS v. FRANCE\n(Application no. 3394/03)\nJUDGMENT\nSTRASBOURG\n29 March 2010\n\nOn 13 June 2002 the French navy intercepted the Winner.', '2010-03-29'],
];

describe('decision-date', () => {
  for (const [text, iso] of DECISIONS) {
    it(`picks ${iso} as the date of the decision`, () => {
      const d = detectDecisionDate(text);
      expect(d.iso, text.slice(0, 60)).to.equal(iso);
      expect(d.provenance[0]?.confidence).to.be.within(0, 1);
    });
  }
});
