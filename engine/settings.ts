import type { Settings } from 'meilisearch';

/**
 * Index settings, in one place. Attribute order in `searchableAttributes` is the
 * ranking order of Meilisearch's "attribute" rule: names and citations first, then
 * what the case is about, then the long texts.
 */

/** Words the field uses interchangeably. Multi-word keys are matched as phrases by Meilisearch. */
export const SYNONYM_GROUPS: string[][] = [
  ['untoc', 'palermo convention', 'organized crime convention', 'convention against transnational organized crime', 'cdto', 'convention de palerme', 'convención de palermo'],
  ['som protocol', 'smuggling of migrants protocol', 'migrant smuggling protocol', 'smuggling protocol', 'protocole contre le trafic illicite de migrants', 'protocolo contra el tráfico ilícito de migrantes'],
  ['tip protocol', 'trafficking in persons protocol', 'trafficking protocol', 'palermo protocol', 'protocole relatif à la traite', 'protocolo de trata'],
  ['firearms protocol', 'protocole relatif aux armes à feu', 'protocolo sobre armas de fuego'],
  ['unclos', 'losc', 'law of the sea convention', 'montego bay convention', 'convention on the law of the sea', 'cnudm', 'convemar'],
  ['sua', 'sua convention', 'rome convention 1988'],
  ['echr', 'european convention on human rights', 'cedh'],
  ['piracy', 'piraterie', 'piratería', 'zeeroof', 'seeräuberei'],
  ['pirate', 'pirates', 'pirata', 'piratas'],
  ['migrant smuggling', 'people smuggling', 'human smuggling', 'smuggling of migrants', 'trafic de migrants', 'tráfico de migrantes'],
  ['trafficking in persons', 'human trafficking', 'trafficking in human beings', 'traite des personnes', 'trata de personas'],
  ['forced labour', 'forced labor', 'travail forcé', 'trabajo forzoso'],
  ['drug trafficking', 'narcotics trafficking', 'trafic de stupéfiants', 'narcotráfico', 'tráfico de drogas'],
  ['cocaine', 'cocaïne', 'cocaína'],
  ['hostage', 'hostages', 'otage', 'otages', 'rehén', 'rehenes'],
  ['vessel', 'ship', 'boat', 'navire', 'buque', 'barco', 'embarcación'],
  ['high seas', 'haute mer', 'alta mar'],
  ['territorial sea', 'territorial waters', 'mer territoriale', 'mar territorial'],
  ['hot pursuit', 'droit de poursuite', 'persecución en caliente'],
  ['right of visit', 'droit de visite', 'derecho de visita', 'boarding'],
  ['stateless vessel', 'vessel without nationality', 'navire sans nationalité', 'buque sin nacionalidad'],
  ['illegal fishing', 'iuu fishing', 'poaching', 'pêche illicite', 'pesca ilegal'],
  ['terrorism', 'terrorisme', 'terrorismo'],
  ['firearms', 'weapons', 'armes à feu', 'armas de fuego'],
];

/** Expands groups into Meilisearch's one-directional map (every term to every other). */
export function synonymMap(groups: string[][] = SYNONYM_GROUPS): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const term of group) {
      map[term] = [...new Set([...(map[term] ?? []), ...group.filter((t) => t !== term)])];
    }
  }
  return map;
}

/** Attributes holding the full text, each under the 65,535-position limit Meilisearch indexes per attribute. */
export const BODY_FIELDS = ['body', 'body2', 'body3', 'body4', 'body5', 'body6', 'body7', 'body8'] as const;
export type BodyField = (typeof BODY_FIELDS)[number];
/** Words per body chunk: positions grow faster than words (sentence ends count 8), so stay well under 65,535. */
export const BODY_CHUNK_WORDS = 25_000;

/** Facets users filter on, as stored attribute names. */
export const CASE_FACETS = ['jurisdiction', 'offenses', 'year', 'courtLevel', 'provisions', 'instruments'] as const;
export type CaseFacet = (typeof CASE_FACETS)[number];

export const caseSettings: Settings = {
  searchableAttributes: [
    'title', 'citation', 'docket', 'vesselNames', 'parties',
    'provisionLabels', 'instrumentNames', 'offenseLabels', 'keywords', 'statutes', 'court', 'jurisdictionName',
    'summary', 'outcomeText', 'sentence', 'judges',
    ...BODY_FIELDS,
  ],
  filterableAttributes: [
    ...CASE_FACETS, 'id', 'decisionTs', 'outcome', 'language', 'vesselFlags', 'vesselNames', 'court', 'hasText', 'contentHash', 'sourcePath',
  ],
  sortableAttributes: ['decisionTs', 'title'],
  displayedAttributes: ['*'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  synonyms: synonymMap(),
  typoTolerance: {
    enabled: true,
    // Article numbers, dockets and citations must match exactly: "101" is not "110".
    disableOnAttributes: ['citation', 'docket', 'provisionLabels', 'statutes'],
    disableOnNumbers: true,
  },
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 100_000 },
};

/**
 * Passages are only ever searched within one case (best passage of a hit, matches in a
 * judgment), so only caseId is filterable: each filterable attribute is a facet database
 * Meilisearch builds over every passage, and passages are the bulk of the documents.
 */
export const passageSettings: Settings = {
  searchableAttributes: ['text'],
  filterableAttributes: ['caseId'],
  sortableAttributes: ['seq'],
  synonyms: synonymMap(),
  typoTolerance: { enabled: true, disableOnNumbers: true },
  pagination: { maxTotalHits: 100_000 },
};

export const provisionSettings: Settings = {
  searchableAttributes: ['id', 'instrumentShortTitle', 'instrumentAliases', 'number', 'title', 'defines', 'summary', 'paragraphs'],
  filterableAttributes: ['instrument', 'id', 'number', 'caseCount'],
  sortableAttributes: ['order', 'caseCount', 'instrument'],
  synonyms: synonymMap(),
  typoTolerance: { enabled: true, disableOnAttributes: ['number', 'id'], disableOnNumbers: true },
  pagination: { maxTotalHits: 10_000 },
};
