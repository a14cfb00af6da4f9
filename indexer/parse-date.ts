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
 * "3 de mayo de 2011", "2010-03-12", "12.03.2010", "12/03/2010" (day first).
 */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  const patterns: Array<[RegExp, (m: RegExpExecArray) => string | undefined]> = [
    [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|º|°)?(?:\\s+day)?(?:\\s+(?:of|de))?\\s+(${MONTH_ALT})\\.?(?:,?\\s+(?:of\\s+|de\\s+|del\\s+)?|\\s+)(\\d{4})\\b`, 'giu'),
      (m) => iso(Number(m[3]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]))],
    [new RegExp(`\\b(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'giu'),
      (m) => iso(Number(m[3]), MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2]))],
    [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => iso(Number(m[1]), Number(m[2]), Number(m[3]))],
    [/\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/g, (m) => iso(Number(m[3]), Number(m[2]), Number(m[1]))],
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
