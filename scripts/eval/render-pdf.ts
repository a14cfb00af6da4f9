import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

export interface RenderOptions {
  columns?: 1 | 2;
  /** Break long words at line ends with a hyphen, as justified court documents do. */
  hyphenate?: boolean;
  runningHeader?: string;
  /** "Page {n} of {total}" style; {n} and {total} are replaced. */
  footer?: string;
  fontSize?: number;
}

const PAGE = { width: 595, height: 842, margin: 56 };

/** WinAnsi only: characters the standard fonts cannot draw become their closest ASCII. */
function encodable(font: PDFFont, s: string): string {
  let out = '';
  for (const ch of s) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      const plain = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += plain && plain !== ch ? encodable(font, plain) : '?';
    }
  }
  return out;
}

/**
 * Lays a judgment's text out as a PDF the way court PDFs come out: wrapped lines, pages
 * with a running header and a page-number footer, optionally two columns and words
 * hyphenated at line ends. "\f" in the text forces a page break.
 */
export async function renderJudgmentPdf(text: string, opts: RenderOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const size = opts.fontSize ?? (opts.columns === 2 ? 9.5 : 11);
  const leading = size * 1.35;
  const columns = opts.columns ?? 1;
  const gutter = 18;
  const colWidth = (PAGE.width - 2 * PAGE.margin - (columns - 1) * gutter) / columns;
  const top = PAGE.height - PAGE.margin - (opts.runningHeader ? leading * 2 : 0);
  const bottom = PAGE.margin + (opts.footer ? leading * 2 : 0);

  // Lay out into columns of lines first, so the footer can say "of {total}".
  type Line = { text: string; col: number };
  const pages: Line[][] = [[]];
  let col = 0;
  let y = top;
  const newColumn = (): void => {
    col++;
    y = top;
    if (col >= columns) {
      col = 0;
      pages.push([]);
    }
  };
  const push = (line: string): void => {
    if (y < bottom) newColumn();
    (pages[pages.length - 1] as Line[]).push({ text: line, col });
    y -= leading;
  };
  const width = (s: string): number => font.widthOfTextAtSize(s, size);

  for (const [pi, pageText] of text.split('\f').entries()) {
    if (pi > 0 && (pages[pages.length - 1] as Line[]).length > 0) {
      col = columns - 1;
      newColumn();
    }
    for (const para of pageText.split(/\n/)) {
      const words = encodable(font, para).split(/\s+/).filter(Boolean);
      if (!words.length) {
        push('');
        continue;
      }
      let line = '';
      for (let w = 0; w < words.length; w++) {
        const word = words[w] as string;
        const candidate = line ? `${line} ${word}` : word;
        if (width(candidate) <= colWidth) {
          line = candidate;
          continue;
        }
        if (opts.hyphenate && word.length >= 8 && /^\p{L}+$/u.test(word)) {
          // Put as much of the word as fits, with a hyphen, and carry the rest.
          for (let cut = word.length - 3; cut >= 4; cut--) {
            const head = `${line ? `${line} ` : ''}${word.slice(0, cut)}-`;
            if (width(head) <= colWidth) {
              push(head);
              line = word.slice(cut);
              break;
            }
            if (cut === 4) {
              push(line);
              line = word;
            }
          }
          continue;
        }
        if (line) push(line);
        line = word;
      }
      if (line) push(line);
    }
  }

  const total = pages.length;
  pages.forEach((lines, i) => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    if (opts.runningHeader) {
      page.drawText(encodable(font, opts.runningHeader), { x: PAGE.margin, y: PAGE.height - PAGE.margin, size: size - 1, font });
    }
    const perCol = new Map<number, number>();
    for (const l of lines) {
      const n = perCol.get(l.col) ?? 0;
      perCol.set(l.col, n + 1);
      if (l.text) page.drawText(l.text, { x: PAGE.margin + l.col * (colWidth + gutter), y: top - n * leading, size, font });
    }
    if (opts.footer) {
      const f = opts.footer.replace('{n}', String(i + 1)).replace('{total}', String(total));
      page.drawText(encodable(font, f), { x: PAGE.width / 2 - width(f) / 2, y: PAGE.margin, size: size - 1, font });
    }
  });
  return doc.save();
}
