import type { Vessel } from '../types.js';
import type { Provenance } from './types.js';

/**
 * Vessel names after a ship prefix or a vessel noun: "MV Courier", "M/V Faith", "the
 * MT Torm Kansas", "F/V Full Means No. 2", "USS Nicholas", "HNLMS Tromp", "the dhow
 * Feddah", "le navire Ponant", "el buque Alakrana", "the vessel 'Ocean Lady'".
 */
const PREFIX = String.raw`(?:M\/?V|M\.V\.|MV|M\/?T|MT|F\/?V|FV|S\/?V|SV|MY|M\/?Y|RV|USS|USNS|USCGC|HMS|HMAS|HMCS|HMNZS|HNLMS|HDMS|FGS|INS|ESPS|FS|ITS|TCG|ROKS|JS|BNS|KRI|KD)`;
const NOUN = String.raw`(?:the\s+(?:vessel|ship|tanker|trawler|fishing vessel|yacht|dhow|cargo ship|container ship|bulk carrier|chemical tanker|boat|tug|barge|frigate|warship|cutter)|(?:le|du)\s+(?:navire|chalutier|thonier|palangrier|voilier|yacht|cargo|bateau|p[ée]trolier)|(?:el|del)\s+(?:buque|pesquero|atunero|barco|velero|mercante|petrolero|carguero))`;
const NAME = String.raw`(?:["“'‘]([^"”'’\n]{2,40})["”'’]|((?:[A-Z][\p{L}\d'-]*|No\.|de|del|la|el|\d+)(?:\s+(?:[A-Z][\p{L}\d'-]*|No\.?\s*\d+|\d+|de|del|la|el|II|III|IV))*))`;
const VESSEL = new RegExp(String.raw`(?<![\p{L}])(?:${PREFIX}\s+${NAME}|${NOUN}\s+${NAME})`, 'gu');
const IMO = /\bIMO\s*(?:No\.?|number|n[°º]|:)?\s*(\d{7})\b/gi;

/** "German-flagged", "flying the flag of Panama", "under the Liberian flag", "battant pavillon panaméen", "de bandera panameña". */
const FLAG_PATTERNS: RegExp[] = [
  /([A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)?)[-\s]flagged/u,
  /flying the (?:flag of|[A-Z][\p{L}]+ flag)\s*(?:the\s+)?([A-Z][\p{L}]+(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][\p{L}]+)*)?/u,
  /under the (?:flag of\s+(?:the\s+)?)?([A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)*)(?: flag)?/u,
  /registered in\s+(?:the\s+)?([A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)*)/u,
  /battant pavillon\s+(?:de\s+(?:la\s+|l['’])?)?([\p{L}]+(?:\s+[\p{L}]+)?)/u,
  /(?:de|con)\s+bandera\s+(?:de\s+)?([\p{L}]+(?:\s+[\p{L}]+)?)/u,
];

const ADJECTIVES: Record<string, string> = {
  german: 'DE', panamanian: 'PA', liberian: 'LR', maltese: 'MT', greek: 'GR', danish: 'DK', dutch: 'NL', french: 'FR', spanish: 'ES', british: 'GB', american: 'US', indian: 'IN',
  chinese: 'CN', japanese: 'JP', korean: 'KR', norwegian: 'NO', italian: 'IT', cypriot: 'CY', bahamian: 'BS', marshallese: 'MH', singaporean: 'SG', turkish: 'TR', iranian: 'IR',
  yemeni: 'YE', somali: 'SO', kenyan: 'KE', tanzanian: 'TZ', seychellois: 'SC', thai: 'TH', taiwanese: 'TW', vietnamese: 'VN', indonesian: 'ID', malaysian: 'MY', filipino: 'PH',
  comorian: 'KM', togolese: 'TG', belizean: 'BZ', colombian: 'CO', ecuadorian: 'EC', venezuelan: 'VE', honduran: 'HN', bolivian: 'BO', russian: 'RU', ukrainian: 'UA', portuguese: 'PT',
  panaméen: 'PA', panaméenne: 'PA', libérien: 'LR', maltais: 'MT', français: 'FR', française: 'FR', espagnol: 'ES', cambodgien: 'KH', cambodgienne: 'KH', togolais: 'TG',
  panameña: 'PA', panameño: 'PA', española: 'ES', español: 'ES', colombiana: 'CO', colombiano: 'CO', ecuatoriana: 'EC', venezolana: 'VE', hondureña: 'HN', boliviana: 'BO',
  china: 'CN', coreana: 'KR', taiwanesa: 'TW', japonesa: 'JP', liberiana: 'LR', maltesa: 'MT', stateless: 'stateless',
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const NAME_TO_CODE = new Map<string, string>();
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    try {
      const n = regionNames.of(code);
      if (n) NAME_TO_CODE.set(n.toLowerCase(), code);
    } catch {
      // not a region code
    }
  }
}

function flagCode(word: string): string | undefined {
  const w = word.toLowerCase().trim();
  return ADJECTIVES[w] ?? NAME_TO_CODE.get(w) ?? NAME_TO_CODE.get(w.replace(/^the\s+/, ''));
}

/** Words that end a vessel's name rather than belong to it. */
const STOP = /^(?:On|In|At|The|And|Or|Was|Which|When|While|Under|From|With|By|For|Of|Is|Had|Has|Were|A|An|Le|La|Los|Las|Un|Una|Et|Y|En|Sur)$/;

/**
 * Vessels named in a judgment, with a flag and IMO number where the same sentence gives
 * them. Precision first: a name must follow a ship prefix or a vessel noun.
 */
export function detectVessels(text: string): { vessels: Vessel[]; provenance: Provenance[] } {
  const found = new Map<string, { v: Vessel; start: number; end: number; text: string }>();
  for (const m of text.matchAll(VESSEL)) {
    let name = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    const words = name.split(/\s+/);
    const cut = words.findIndex((w, i) => i > 0 && STOP.test(w));
    name = (cut > 0 ? words.slice(0, cut) : words).join(' ').replace(/[,.;:]+$/, '');
    if (!name || name.length < 2 || /^(No\.?|\d+)$/.test(name) || /^(de|del|la|el)$/i.test(name)) continue;
    const at = m[0].indexOf(name);
    const prefix = (at >= 0 ? m[0].slice(0, at) : '').replace(/["“'‘]\s*$/u, '').trim();
    const display = /^(the|le|du|el|del)\s/i.test(prefix) ? name : `${prefix} ${name}`.trim();
    const key = name.toLowerCase();
    if (found.has(key)) continue;
    const sentenceEnd = text.indexOf('.', m.index + m[0].length + 1);
    const sentence = text.slice(Math.max(0, m.index - 120), sentenceEnd < 0 ? m.index + 250 : Math.min(sentenceEnd + 1, m.index + 300));
    let flag = '';
    for (const re of FLAG_PATTERNS) {
      const f = re.exec(sentence);
      const code = f?.[1] ? flagCode(f[1].split(/\s+/)[0] === 'the' ? f[1].slice(4) : f[1]) ?? flagCode(f[1].split(/\s+/)[0] ?? '') : undefined;
      if (code) {
        flag = code;
        break;
      }
    }
    IMO.lastIndex = 0;
    const imo = IMO.exec(sentence)?.[1] ?? '';
    found.set(key, { v: { name: display, flag, imo, role: '' }, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  const list = [...found.values()];
  return {
    vessels: list.map((x) => x.v),
    provenance: list.map((x) => ({ field: 'vessels', value: x.v.name, start: x.start, end: x.end, text: x.text, confidence: 0.7 })),
  };
}
