/**
 * Cleaning of extracted text, as an ordered list of named steps, each a pure function
 * on the whole text. PDF artefacts (running headers and footers, page numbers, words
 * hyphenated at line ends) would otherwise split words and pollute search and detection.
 */

/**
 * Every run of whitespace as one space, trimmed: `s.replace(/\s+/g, ' ')` without touching
 * the single spaces between words, which makes it several times faster on long texts.
 */
export function collapseSpaces(s: string): string {
  return s.replace(/\s\s+|[^\S ]/g, ' ').trim();
}

export type CleanStep = (text: string) => string;

/** "\r\n", tabs and non-breaking spaces as plain newlines and spaces. */
export const normalizeWhitespace: CleanStep = (t) =>
  t.replace(/\r\n?/g, '\n').replace(/[\t\u00a0\u2007\u202f]/g, ' ').replace(/[ ]{2,}/g, ' ').replace(/ +\n/g, '\n');

/**
 * Lines that are only a page number: "12", "- 12 -", "Page 3 of 12", "Page 3 sur 8",
 * "Página 4 de 12", "3/8", "p. 4".
 */
const PAGE_NUMBER_LINE = /^\s*(?:[-–—]\s*)?(?:(?:page|p\.|pág\.?|página|pagina)\s*)?\d{1,4}(?:\s*(?:of|sur|de|\/)\s*\d{1,4})?(?:\s*[-–—])?\s*$/i;
export const removePageNumbers: CleanStep = (t) => t.split('\n').filter((l) => !PAGE_NUMBER_LINE.test(l)).join('\n');

/**
 * Short lines repeated on many pages (running headers and footers) are removed, keeping
 * their first occurrence: "Republic v Hassan & 9 others [2010] eKLR  Page 3 of 12",
 * "UNITED STATES v. DIRE  7". Digits are ignored when comparing, so page numbers inside
 * the header do not hide the repetition.
 */
export const removeRunningHeaders: CleanStep = (t) => {
  const lines = t.split('\n');
  const key = (l: string): string => l.trim().toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
  const counts = new Map<string, number>();
  for (const l of lines) {
    const k = key(l);
    if (k.length >= 4 && k.length <= 140) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const pages = Math.max(1, t.split('\f').length);
  const threshold = Math.max(3, Math.ceil(pages * 0.5));
  const seen = new Set<string>();
  return lines
    .filter((l) => {
      const k = key(l);
      if ((counts.get(k) ?? 0) < threshold || /[.;:]$/.test(l.trim()) || k.split(' ').length < 2) return true;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .join('\n');
};

/** "inter-\nnational" -> "international\n" (only when the next line goes on in lower case). */
export const joinHyphenatedWords: CleanStep = (t) => t.replace(/(\p{L}{2,})-\n(\p{Ll}[\p{L}]*)([.,;:)]?) ?/gu, '$1$2$3\n');

export const collapseBlankLines: CleanStep = (t) => t.replace(/\f/g, '\n\n').replace(/\n{3,}/g, '\n\n').trim();

export const DEFAULT_STEPS: CleanStep[] = [normalizeWhitespace, removePageNumbers, removeRunningHeaders, joinHyphenatedWords, collapseBlankLines];

export function cleanText(text: string, steps: CleanStep[] = DEFAULT_STEPS): string {
  return steps.reduce((acc, step) => step(acc), text);
}
