import fs from 'node:fs';
import type { CourtLevel } from '../types.js';
import { escapeRe, jaroWinkler } from '../tokenize.js';
import type { Provenance } from './types.js';

interface CourtEntry {
  name: string;
  /** A court name used in several countries ("Cour d'assises"): a country named in the header wins. */
  shared: boolean;
  jurisdiction: string;
  level: CourtLevel;
  re: RegExp;
  /** Lower-case words of the name, for fuzzy matching of OCR-damaged headers. */
  words: string[];
}

const COURTS: CourtEntry[] = (
  JSON.parse(fs.readFileSync(new URL('../data/courts.json', import.meta.url), 'utf8')) as Array<{ name: string; jurisdiction: string; level: CourtLevel; pattern: string; shared?: boolean }>
).map((c) => ({
  name: c.name,
  shared: c.shared ?? false,
  jurisdiction: c.jurisdiction,
  level: c.level,
  re: new RegExp(c.pattern.replace(/ /g, '\\s+'), 'giu'),
  words: c.name.toLowerCase().replace(/\{[^}]+\}/g, '').split(/\s+/).filter(Boolean),
}));


/** Country names in English, French and Spanish, from the ICU data Node ships. */
const COUNTRY_NAMES: Array<{ code: string; name: string; re: RegExp }> = (() => {
  const out: Array<{ code: string; name: string }> = [];
  const langs = ['en', 'fr', 'es'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      for (const dn of langs) {
        let name: string | undefined;
        try {
          name = dn.of(code);
        } catch {
          name = undefined;
        }
        if (name && name.length > 3 && !/^[A-Z]{2}$/.test(name) && !/\b(Union|World|Europe|Outlying|Unknown|Pseudo)\b/i.test(name)) out.push({ code, name });
      }
    }
  }
  // Official forms and adjectives that headers use.
  const extra: Array<[string, string]> = [
    ['US', 'United States of America'], ['US', 'Estados Unidos'], ['GB', 'England and Wales'], ['GB', 'Scotland'], ['FR', 'République française'],
    ['FR', 'Au nom du peuple français'], ['ES', 'Reino de España'], ['ES', 'En nombre del Rey'], ['KE', 'Republic of Kenya'], ['TZ', 'United Republic of Tanzania'],
    ['NL', 'In naam des Konings'], ['SC', 'Republic of Seychelles'], ['PH', 'Republic of the Philippines'], ['LK', 'Democratic Socialist Republic of Sri Lanka'],
    ['KR', 'Republic of Korea'], ['MG', 'République de Madagascar'], ['SN', 'République du Sénégal'], ['CI', 'République de Côte d’Ivoire'], ['BJ', 'République du Bénin'],
    ['CO', 'República de Colombia'], ['PE', 'República del Perú'], ['EC', 'República del Ecuador'], ['AR', 'República Argentina'], ['MX', 'Estados Unidos Mexicanos'],
    ['CL', 'República de Chile'], ['PA', 'República de Panamá'], ['BE', 'Royaume de Belgique'], ['MU', 'Republic of Mauritius'], ['NG', 'Federal Republic of Nigeria'],
    ['TG', 'République togolaise'], ['GA', 'République gabonaise'], ['MG', 'République malgache'], ['TN', 'République tunisienne'], ['DZ', 'République algérienne'],
    ['CM', 'République du Cameroun'], ['CD', 'République démocratique du Congo'], ['CG', 'République du Congo'], ['GN', 'République de Guinée'], ['ML', 'République du Mali'],
    ['MR', 'République islamique de Mauritanie'], ['DJ', 'République de Djibouti'], ['KM', 'Union des Comores'], ['HT', "République d'Haïti"], ['MA', 'Royaume du Maroc'],
    ['VE', 'República Bolivariana de Venezuela'], ['BO', 'Estado Plurinacional de Bolivia'], ['UY', 'República Oriental del Uruguay'], ['DO', 'República Dominicana'],
    ['GB', 'United Kingdom of Great Britain and Northern Ireland'], ['IE', 'Éire'],
  ];
  for (const [code, name] of extra) out.push({ code, name });
  return out
    .sort((x, y) => y.name.length - x.name.length)
    .map((c) => ({ ...c, re: new RegExp(`(?<![\\p{L}])${escapeRe(c.name).replace(/\s+/g, '\\s+')}(?![\\p{L}])`, 'iu') }));
})();

/**
 * Country names by their first word: a header line is only tried against the names whose
 * first word it contains, instead of against all seven hundred.
 */
const firstWord = (s: string): string => s.toLowerCase().match(/\p{L}+/u)?.[0] ?? '';
const NAMES_BY_FIRST_WORD = (() => {
  const m = new Map<string, Set<(typeof COUNTRY_NAMES)[number]>>();
  for (const c of COUNTRY_NAMES) {
    const w = firstWord(c.name);
    (m.get(w) ?? (m.set(w, new Set()).get(w) as Set<(typeof COUNTRY_NAMES)[number]>)).add(c);
  }
  return m;
})();

/** Neutral citations and law reports that only one jurisdiction uses. */
const CITATION_SIGNALS: Array<[RegExp, string]> = [
  [/\b\d{1,2}\s+U\.\s?S\.\s?C\.|\bF\.\s?(?:2d|3d|4th)\b|\bF\.\s?Supp\./g, 'US'],
  [/\beKLR\b|\bKLR\b/g, 'KE'],
  [/\bSCSC\b|\bSCCA\b|\bSeyLII\b/g, 'SC'],
  [/\bEWCA\s+Crim\b|\bEWHC\b|\bUKSC\b|\bCr\s?App\s?R\b/g, 'GB'],
  [/\bHCA\b|\bNTCCA\b|\bNSWCCA\b|\bWASCA\b|\(Cth\)/g, 'AU'],
  [/\bSCC\s+\d|\bS\.C\.R\.|\bBCCA\b|\bONCA\b/g, 'CA'],
  [/\bNZSC\b|\bNZCA\b|\bNZHC\b|\bNZDC\b/g, 'NZ'],
  [/ECLI:NL:/g, 'NL'], [/ECLI:ES:|\bSTS\s+\d|\bLECrim\b|\bLOPJ\b/g, 'ES'], [/ECLI:FR:|\bBull\.\s?crim\./g, 'FR'], [/ECLI:IT:/g, 'IT'], [/ECLI:DE:|\bStGB\b/g, 'DE'],
  [/\bSGCA\b|\bSGHC\b/g, 'SG'], [/\bIESC\b|\bIECA\b|\bIEHC\b|\bIECCA\b|\bI\.R\.\s|\bBunreacht\b|\bGarda[íi]?\b|\bDublin\b/g, 'IE'], [/\bMLJ\b/g, 'MY'], [/\bAIR\s+\d{4}\s+SC\b|\bSCC\s+\(Cri\)|\bIndian Penal Code\b/g, 'IN'],
];

export interface JurisdictionResult {
  jurisdiction?: string;
  court?: string;
  courtLevel?: CourtLevel;
  provenance: Provenance[];
}

/** Court level from words of a court's name when the gazetteer does not know the court. */
export function levelFromName(name: string): CourtLevel | undefined {
  const n = name.toLowerCase();
  if (/supreme|cassation|cassazione|supremo|suprema|hoge raad|bundesgerichtshof|high court of australia|constitutional/.test(n)) return 'supreme';
  if (/appeal|appel|apelaci|rayuan|gerechtshof|superior|criminal appeal/.test(n)) return 'appeal';
  if (/tribunal|court|cour|juzgado|audiencia|magistrate|district|regional|assises|rechtbank|landgericht|pengadilan/.test(n)) return 'first-instance';
  return undefined;
}

/**
 * Finds the deciding court and its jurisdiction. The court named in the caption is
 * taken over courts cited below it: candidates score higher the nearer they are to the
 * top and when they sit on a heading-like line ("IN THE HIGH COURT OF KENYA").
 * OCR-damaged names ("HlGH C0URT OF KENYA") are matched with Jaro-Winkler distance.
 */
export function detectJurisdiction(text: string): JurisdictionResult {
  const head = text.slice(0, 3000);
  type Cand = { entry: CourtEntry; start: number; end: number; text: string; score: number };
  const cands: Cand[] = [];
  for (const entry of COURTS) {
    entry.re.lastIndex = 0;
    for (const m of head.matchAll(entry.re)) {
      const lineStart = head.lastIndexOf('\n', m.index) + 1;
      const lineEnd = head.indexOf('\n', m.index);
      const line = head.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
      const headingLike = line === line.toUpperCase() || /^\s*(in the|before the|en la|devant|cour|court|tribunal|corte)\b/i.test(line) || line.trim().length < 90;
      // Mentions of a lower court in an appeal ("appeal from the High Court ...") rank lower.
      const cited = /(appeal(?:ed)? from|from the (?:judgment|decision)|decision of the|judgment of the|sentence of the|jugement du|arr[êe]t de la|sentencia de la|delivered by the|by the)\s*$/i.test(head.slice(Math.max(0, m.index - 40), m.index));
      const score = 10 - m.index / 400 + (headingLike ? 2 : 0) - (cited ? 6 : 0) + entry.words.length * 0.05;
      cands.push({ entry, start: m.index, end: m.index + m[0].length, text: m[0], score });
    }
  }
  if (!cands.length) {
    // OCR tolerance: compare heading lines word by word with the court names.
    let offset = 0;
    for (const line of head.split('\n').slice(0, 40)) {
      const words = line.toLowerCase().replace(/[^\p{L}\p{N}' ]/gu, ' ').split(/\s+/).filter(Boolean);
      for (const entry of COURTS) {
        const n = entry.words.length;
        if (n < 3 || words.length < n) continue;
        for (let i = 0; i + n <= words.length; i++) {
          const sim = jaroWinkler(words.slice(i, i + n).join(' '), entry.words.join(' '));
          if (sim >= 0.94) cands.push({ entry, start: offset, end: offset + line.length, text: line.trim(), score: 5 + sim - offset / 400 });
        }
      }
      offset += line.length + 1;
    }
  }
  cands.sort((a, b) => b.score - a.score);
  const best = cands[0];
  // A court named only by its kind ("THE SUPREME COURT", "IN THE COURT OF APPEAL"): the level
  // is known, the country comes from the header or the citations below.
  let genericCourt: { name: string; start: number } | undefined;
  if (!best) {
    const m = /^[ \t]*(?:in\s+)?(?:the\s+)?((?:supreme|high|district|federal|constitutional|criminal|circuit|appeals?)?\s*court(?:\s+of\s+(?:criminal\s+)?appeals?)?|court of appeal|cour supr[êe]me|corte suprema(?: de justicia)?|tribunal supremo)[ \t]*$/im.exec(head.slice(0, 1200));
    if (m) genericCourt = { name: m[1] ?? m[0], start: m.index };
  }
  const provenance: Provenance[] = [];
  let jurisdiction: string | undefined;
  let court: string | undefined;
  let courtLevel: CourtLevel | undefined;
  if (best) {
    jurisdiction = best.entry.jurisdiction;
    court = best.text.replace(/\s+/g, ' ').trim();
    courtLevel = best.entry.level;
    const conf = Math.min(0.97, 0.6 + best.score / 40);
    provenance.push({ field: 'court', value: court, start: best.start, end: best.end, text: best.text, confidence: Number(conf.toFixed(2)) });
    provenance.push({ field: 'jurisdiction', value: jurisdiction, start: best.start, end: best.end, text: best.text, confidence: Number(conf.toFixed(2)) });
    provenance.push({ field: 'courtLevel', value: courtLevel, start: best.start, end: best.end, text: best.text, confidence: Number((conf - 0.1).toFixed(2)) });
  }
  // A country named in the header settles the jurisdiction when no court was recognised,
  // and overrides a gazetteer court whose name exists in several countries.
  const country = findCountry(head.slice(0, 1500));
  if (country && country.code !== jurisdiction && (!jurisdiction || (best && (best.entry.shared || best.score < 8) && best.entry.level !== 'international'))) {
    jurisdiction = country.code;
    provenance.push({ field: 'jurisdiction', value: country.code, start: country.start, end: country.end, text: country.text, confidence: 0.75 });
    if (!courtLevel) {
      const line = head.split('\n').find((l) => /court|cour|tribunal|corte|juzgado|audiencia/i.test(l));
      if (line) {
        court = line.trim();
        courtLevel = levelFromName(line);
      }
    }
  }
  if (genericCourt && !courtLevel) {
    court = genericCourt.name.replace(/\s+/g, ' ').trim();
    courtLevel = levelFromName(court);
    if (courtLevel) provenance.push({ field: 'courtLevel', value: courtLevel, start: genericCourt.start, end: genericCourt.start + court.length, text: court, confidence: 0.6 });
  }
  if (!jurisdiction) {
    const votes = new Map<string, { n: number; m: RegExpMatchArray }>();
    for (const [re, code] of CITATION_SIGNALS) {
      for (const m of text.matchAll(re)) {
        const v = votes.get(code);
        votes.set(code, { n: (v?.n ?? 0) + 1, m: v?.m ?? m });
      }
    }
    const top = [...votes.entries()].sort((a, b) => b[1].n - a[1].n)[0];
    if (top && top[1].n >= 2) {
      jurisdiction = top[0];
      const m = top[1].m;
      provenance.push({ field: 'jurisdiction', value: top[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0], confidence: 0.55 });
    }
  }
  // A trial court's name does not make every proceeding before it a trial: the High Court
  // of Kenya hearing a criminal appeal from a magistrate sits as an appellate court.
  if (courtLevel === 'first-instance') {
    const m = /\b(?:criminal appeal|appeal no\.|appeal case|civil appeal|(?:the )?appellants?\b|on appeal from|appeal from the|appel interjet[ée]|recurso de apelaci[óo]n|apelante)/i.exec(head.slice(0, 2500));
    if (m) {
      courtLevel = 'appeal';
      provenance.push({ field: 'courtLevel', value: 'appeal', start: m.index, end: m.index + m[0].length, text: m[0], confidence: 0.7 });
    }
  }
  return { ...(jurisdiction ? { jurisdiction } : {}), ...(court ? { court } : {}), ...(courtLevel ? { courtLevel } : {}), provenance };
}

function findCountry(head: string): { code: string; start: number; end: number; text: string } | undefined {
  const lines = head.split('\n');
  let offset = 0;
  for (const line of lines.slice(0, 25)) {
    const trimmed = line.trim();
    // Only header-like lines: upper case, or "Republic of ..." forms; never running prose.
    if (trimmed && trimmed.length <= 90 && (trimmed === trimmed.toUpperCase() || /^(the )?(republic|r[ée]publique|rep[úu]blica|kingdom|royaume|reino|state|estado|[ée]tat|federal|united|commonwealth|au nom|en nombre)\b/i.test(trimmed))) {
      const candidates = new Set<(typeof COUNTRY_NAMES)[number]>();
      for (const w of line.toLowerCase().match(/\p{L}+/gu) ?? []) for (const c of NAMES_BY_FIRST_WORD.get(w) ?? []) candidates.add(c);
      // Longest name first, as COUNTRY_NAMES is ordered.
      for (const { code, re } of COUNTRY_NAMES.filter((c) => candidates.has(c))) {
        const m = re.exec(line);
        if (m) return { code, start: offset + m.index, end: offset + m.index + m[0].length, text: m[0] };
      }
    }
    offset += line.length + 1;
  }
  return undefined;
}
