import { expect } from 'chai';
import fc from 'fast-check';
import { chunkWords, splitPassages } from '../indexer/split-passages.js';

const wordsOf = (s: string): string[] => s.split(/\s+/).filter(Boolean);
/** Text with words, single and repeated spaces, tabs, newlines, blank lines and no-break spaces. */
const text = fc
  .array(fc.oneof(fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', '\u00a0', '\r\n', '12. ', '[3] '), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 })), { maxLength: 80 })
  .map((parts) => parts.join(''));

describe('split-passages', () => {
  it('keeps every word of the text, in order, in body chunks of at most the set size', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }), (t, maxWords, maxChunks) => {
        const all = wordsOf(t);
        const { chunks, truncatedWords } = chunkWords(t, maxWords, maxChunks);
        const kept = chunks.flatMap(wordsOf);
        for (const c of chunks) expect(wordsOf(c).length).to.be.at.most(maxWords);
        expect(kept).to.deep.equal(all.slice(0, maxWords * maxChunks));
        expect(truncatedWords).to.equal(Math.max(0, all.length - maxWords * maxChunks));
      }),
      { numRuns: 3000 },
    );
  });

  it('puts every word of a judgment into exactly one passage, in order, none longer than the maximum', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 3, max: 20 }), (t, maxWords) => {
        const passages = splitPassages(t, { targetWords: Math.ceil(maxWords / 2), maxWords });
        expect(passages.flatMap((p) => wordsOf(p.text))).to.deep.equal(wordsOf(t));
        for (const p of passages) expect(wordsOf(p.text).length).to.be.at.most(maxWords);
        expect(passages.map((p) => p.seq)).to.deep.equal(passages.map((_, i) => i));
      }),
      { numRuns: 3000 },
    );
  });

  it('records the paragraph numbers each passage covers', () => {
    const passages = splitPassages('1. The vessel was boarded.\n\n2. The crew was arrested.\n\n3. The court convicted them.', { targetWords: 8, maxWords: 10 });
    expect(passages.map((p) => p.paragraphs)).to.deep.equal([['1', '2'], ['3']]);
  });
});
