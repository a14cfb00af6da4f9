/** Month names in English, French and Spanish (and Dutch/German, which the corpus has too). */
const MONTHS: Record<string, number> = {};
const add = (names: string[], n: number): void => names.forEach((m) => (MONTHS[m] = n));
add(['january', 'jan', 'janvier', 'enero', 'januari', 'januar'], 1);
add(['february', 'feb', 'février', 'fevrier', 'febrero', 'februari', 'februar'], 2);
add(['march', 'mar', 'mars', 'marzo', 'maart', 'märz'], 3);
add(['april', 'apr', 'avril', 'abril'], 4);
add(['may', 'mai', 'mayo', 'mei'], 5);
add(['june', 'jun', 'juin', 'junio', 'juni'], 6);
add(['july', 'jul', 'juillet', 'julio', 'juli'], 7);
add(['august', 'aug', 'août', 'aout', 'agosto', 'augustus'], 8);
add(['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre'], 9);
add(['october', 'oct', 'octobre', 'octubre', 'oktober'], 10);
add(['november', 'nov', 'novembre', 'noviembre'], 11);
add(['december', 'dec', 'décembre', 'decembre', 'diciembre', 'dezember'], 12);

const MONTH_ALT = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

/** Spanish and French number words, for dates written out ("tres de mayo de dos mil once"). */
const UNITS: Record<string, number> = {
  uno: 1, un: 1, una: 1, primero: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12, trece: 13,
  catorce: 14, quince: 15, dieciséis: 16, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19, veinte: 20, veintiuno: 21, veintiún: 21, veintidós: 22,
  veintidos: 22, veintitrés: 23, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiséis: 26, veintiseis: 26, veintisiete: 27, veintiocho: 28,
  veintinueve: 29, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
  premier: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  vingt: 20, trente: 30,
};

/** "dos mil once" -> 2011, "mil novecientos noventa y nueve" -> 1999, "veintiséis" -> 26, "trente et un" -> 31. */
export function numberWords(s: string): number | undefined {
  const words = s.toLowerCase().replace(/-/g, ' ').split(/\s+/).filter((w) => w && w !== 'y' && w !== 'et');
  if (!words.length) return undefined;
  let total = 0;
  let current = 0;
  for (const w of words) {
    if (w === 'mil' || w === 'mille') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (w === 'novecientos') current += 900;
    else if (w === 'ochocientos') current += 800;
    else if (w === 'neuf' && current === 0 && total >= 1000) current += 9;
    else if (w in UNITS) current += UNITS[w] as number;
    else if (w === 'cent' || w === 'cents') current = (current || 1) * 100;
    else return undefined;
  }
  return total + current;
}

const NUMBER_WORD = '(?:[a-záéíóúñ]+)';
/** "tres de mayo de dos mil once", "veintiséis (26) de enero de dos mil once (2011)", "trois mai deux mille onze". */
const SPELLED_DATE = new RegExp(
  `(?<![\\p{L}])(${NUMBER_WORD}(?:(?:\\s+y\\s+|\\s+et\\s+|-)${NUMBER_WORD})?)(?:\\s*\\(\\d{1,2}\\))?\\s+(?:de\\s+)?(${MONTH_ALT})\\s+(?:de\\s+|del\\s+)?((?:dos|mil|deux)(?:\\s+(?:y\\s+)?${NUMBER_WORD})*)(?:\\s*\\(\\d{4}\\))?`,
  'giu',
);

export interface FoundDate {
  iso: string;
  start: number;
  end: number;
  text: string;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * Every date in the text, in the forms judgments use:
 * "12th day of March 2010", "12 March 2010", "March 12, 2010", "le 3 mai 2011", "1er juin 2011",
 * "3 de mayo de 2011", "2010-03-12", "12.03.2010", "12/03/2010" (day first unless `monthFirst`).
 */
export function findDates(text: string, opts: { monthFirst?: boolean } = {}): FoundDate[] {
  const out: FoundDate[] = [];
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
    [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|º|°)?(?:\\s+day)?(?:\\s+(?:of|de))?\\s+(${MONTH_ALT})\\.?(?:,?\\s+(?:of\\s+|de\\s+|del\\s+)?|\\s+)(\\d{4})\\b`, 'giu'),
      (m) => iso(Number(m[3]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]))],
    [new RegExp(`\\b(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'giu'),
      (m) => iso(Number(m[3]), MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2]))],
    [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => iso(Number(m[1]), Number(m[2]), Number(m[3]))],
    // Thai judgments date by the Buddhist Era: "17 March B.E. 2560 (2017)".
    [new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_ALT})\\s+B\\.\\s?E\\.\\s*(\\d{4})(?:\\s*\\(\\d{4}\\))?`, 'giu'), (m) => iso(Number(m[3]) - 543, MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]))],
    // 12/03/2010 is 12 March almost everywhere, but 3 December in the United States.
    [/\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/g, (m) => (opts.monthFirst ? iso(Number(m[3]), Number(m[1]), Number(m[2])) : iso(Number(m[3]), Number(m[2]), Number(m[1])))],
    [SPELLED_DATE, (m) => {
      const day = numberWords(m[1] ?? '');
      const year = numberWords((m[3] ?? '').replace(/\s+(de|del)$/i, ''));
      return day && year ? iso(year, MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, day) : undefined;
    }],
  ];
  for (const [re, toIso] of patterns) {
    for (const m of text.matchAll(re)) {
      const value = toIso(m as RegExpExecArray);
      if (!value) continue;
      if (out.some((d) => m.index < d.end && m.index + m[0].length > d.start)) continue;
      out.push({ iso: value, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
