import type { Catalogue } from './catalogue.js';
import { findStatuteCitations, findTreatyCitations, provisionIds, type Citation } from './find-citations.js';
import { detectDecisionDate } from './detect/decision-date.js';
import { detectJurisdiction } from './detect/jurisdiction.js';
import { detectLanguage } from './detect/language.js';
import { detectOffenses, type OffenseScore } from './detect/offenses.js';
import { detectOutcome, detectParties } from './detect/parties-outcome.js';
import { detectVessels } from './detect/vessels.js';
import type { Provenance } from './detect/types.js';
import type { CaseRecord } from './types.js';

export type { Provenance };

export interface DetectedMetadata {
  fields: Partial<CaseRecord>;
  provenance: Provenance[];
  citations: Citation[];
  offenseScores: OffenseScore[];
}

/**
 * Metadata for a judgment that arrives without a sidecar: court, jurisdiction and level,
 * decision date, offense types (with a confidence each), treaty articles and national
 * statutes cited, vessels, parties, outcome and language. Every value keeps the offsets
 * of the words it came from, in the text as given.
 */
export function detectMetadata(text: string, catalogue: Catalogue): DetectedMetadata {
  const provenance: Provenance[] = [];
  const fields: Partial<CaseRecord> = {};

  const court = detectJurisdiction(text);
  if (court.jurisdiction) fields.jurisdiction = court.jurisdiction;
  if (court.court) fields.court = court.court;
  if (court.courtLevel) fields.courtLevel = court.courtLevel;
  provenance.push(...court.provenance);

  const date = detectDecisionDate(text, { monthFirst: court.jurisdiction === 'US' || court.jurisdiction === 'PH' });
  if (date.iso) fields.decisionDate = date.iso;
  provenance.push(...date.provenance);

  const parties = detectParties(text);
  if (parties.parties.length) fields.parties = parties.parties;
  if (parties.title) fields.title = parties.title;
  provenance.push(...parties.provenance);

  const language = detectLanguage(text);
  fields.language = language.lang;
  provenance.push({ field: 'language', value: language.lang, start: 0, end: 0, text: '', confidence: language.confidence });

  const defaultConvention = court.jurisdiction === 'echr' ? 'echr' : undefined;
  const citations = [...findTreatyCitations(text, catalogue, defaultConvention ? { defaultConvention } : {}), ...findStatuteCitations(text)].sort((a, b) => a.start - b.start);
  fields.provisions = provisionIds(citations);
  fields.statutes = [...new Set(citations.filter((c) => c.kind === 'statute').map((c) => c.text))];
  for (const c of citations) {
    const confidence = c.kind === 'statute' ? 0.8 : c.form === 'full' ? 0.95 : c.form === 'short' ? 0.85 : 0.7;
    provenance.push({ field: c.kind === 'statute' ? 'statutes' : 'provisions', value: c.kind === 'statute' ? c.text : c.provision, start: c.start, end: c.end, text: c.text, confidence });
  }

  const offenses = detectOffenses(text, fields.provisions, language.lang);
  fields.offenses = offenses.offenses;
  provenance.push(...offenses.provenance);

  const vessels = detectVessels(text);
  fields.vessels = vessels.vessels;
  provenance.push(...vessels.provenance);

  const outcome = detectOutcome(text);
  if (outcome.outcome) fields.outcome = outcome.outcome;
  provenance.push(...outcome.provenance);

  return { fields, provenance, citations, offenseScores: offenses.scores };
}
