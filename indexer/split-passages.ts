import { collapseSpaces } from './clean-text.js';
import type { Passage } from './types.js';

/** "12. The appellants ...", "[12] The appellants ...", "(12) ...", "¶ 12" at the start of a paragraph. */
const PARA_NUMBER = /^\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|¶\s*(\d{1,4})|(\d{1,4})\.(?!\d))\s+(?=\S)/;

export interface PassageOptions {
  /** Target size of a passage in words; paragraphs are kept whole up to maxWords. */
  targetWords?: number;
  maxWords?: number;
}

/** Counts whitespace-separated words without building them: this runs on every paragraph of every case. */
function words(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Exactly the characters of the regular expression \s, so counts agree with the splits elsewhere.
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      n++;
    }
  }
  return n;
}

/** Splits on blank lines; PDF text often has none, so a numbered line also starts a paragraph. */
export function paragraphsOf(text: string): string[] {
  const blocks = text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n\n').split(/\n\s*\n/);
  const out: string[] = [];
  for (const block of blocks) {
    let current: string[] = [];
    for (const line of block.split('\n')) {
      if (PARA_NUMBER.test(line) && current.length > 0) {
        out.push(current.join(' '));
        current = [];
      }
      current.push(line.trim());
    }
    if (current.length) out.push(current.join(' '));
  }
  return out.map(collapseSpaces).filter((p) => p.length > 0);
}

function splitLong(paragraph: string, maxWords: number): string[] {
  const sentences = paragraph.split(/(?<=[.!?;])\s+/);
  const chunks: string[] = [];
  let cur: string[] = [];
  let n = 0;
  for (const s of sentences) {
    const w = words(s);
    if (n + w > maxWords && cur.length) {
      chunks.push(cur.join(' '));
      cur = [];
      n = 0;
    }
    if (w > maxWords) {
      const toks = s.split(/\s+/);
      for (let i = 0; i < toks.length; i += maxWords) chunks.push(toks.slice(i, i + maxWords).join(' '));
      continue;
    }
    cur.push(s);
    n += w;
  }
  if (cur.length) chunks.push(cur.join(' '));
  return chunks;
}

/**
 * Cuts a judgment into passages of about `targetWords` words along paragraph
 * boundaries, remembering the paragraph numbers each passage covers. Every word of the
 * text ends up in exactly one passage.
 */
export function splitPassages(text: string, opts: PassageOptions = {}): Passage[] {
  const target = opts.targetWords ?? 220;
  const max = opts.maxWords ?? 400;
  const passages: Passage[] = [];
  let buf: string[] = [];
  let nums: string[] = [];
  let n = 0;
  const flush = (): void => {
    if (!buf.length) return;
    passages.push({ seq: passages.length, paragraphs: nums, text: buf.join('\n\n') });
    buf = [];
    nums = [];
    n = 0;
  };
  for (const para of paragraphsOf(text)) {
    const m = PARA_NUMBER.exec(para);
    const num = m ? (m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
    const paraWords = words(para);
    const pieces = paraWords > max ? splitLong(para, max) : [para];
    for (const piece of pieces) {
      const w = pieces.length === 1 ? paraWords : words(piece);
      if (n + w > max || (n >= target && n + w > target)) flush();
      buf.push(piece);
      if (num && !nums.includes(num)) nums.push(num);
      n += w;
    }
  }
  flush();
  return passages;
}

/** Cuts text into chunks of at most `maxWords` words, for the case index's body fields. */
export function chunkWords(text: string, maxWords: number, maxChunks: number): { chunks: string[]; truncatedWords: number } {
  const normalized = collapseSpaces(text);
  if (!normalized) return { chunks: [], truncatedWords: 0 };
  // Most judgments fit in one chunk: no need to cut them into words and join them again.
  // (A word takes at least two characters with its separator, so short texts need no count.)
  if (normalized.length < 2 * maxWords || words(normalized) <= maxWords) return { chunks: [normalized], truncatedWords: 0 };
  const toks = normalized.split(' ');
  const chunks: string[] = [];
  for (let i = 0; i < toks.length && chunks.length < maxChunks; i += maxWords) chunks.push(toks.slice(i, i + maxWords).join(' '));
  return { chunks, truncatedWords: Math.max(0, toks.length - maxWords * maxChunks) };
}
