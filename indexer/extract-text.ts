import fs from 'node:fs/promises';
import { PDFParse, PasswordException, InvalidPDFException, FormatError } from 'pdf-parse';
import { ocrAvailable, ocrPages } from './ocr.js';

export interface ExtractedText {
  text: string;
  /** Text of each page, for PDFs. */
  pages: string[];
  /** 1-based numbers of PDF pages that have no text layer (scans) and could not be OCRed. */
  pagesWithoutText: number[];
  /** 1-based numbers of pages whose text comes from OCR. */
  ocrPages?: number[];
}

/** Why a file could not be read; the message is shown to the user with the file name. */
export class ExtractionError extends Error {
  override name = 'ExtractionError';
  constructor(
    message: string,
    readonly reason: 'encrypted' | 'corrupt' | 'empty' | 'no-text-layer' | 'unreadable',
  ) {
    super(message);
  }
}

const MIN_CHARS_PER_PAGE = 20;

/**
 * Extracts the text of a PDF page by page. Encrypted, corrupt and textless PDFs raise an
 * ExtractionError naming the reason, so callers can report them and carry on.
 */
export async function extractPdfText(data: Uint8Array, opts: { ocr?: boolean } = {}): Promise<ExtractedText> {
  const base = await extractTextLayer(data.slice());
  const useOcr = opts.ocr ?? ocrAvailable();
  if (!base.pagesWithoutText.length || !useOcr) {
    if (base.pages.length > 0 && base.pagesWithoutText.length === base.pages.length) {
      throw new ExtractionError(`no text layer: needs OCR (${base.pages.length} page${base.pages.length === 1 ? '' : 's'} without text; install tesseract-ocr and poppler-utils to read scans)`, 'no-text-layer');
    }
    return base;
  }
  let read: Map<number, string>;
  try {
    read = await ocrPages(data, base.pagesWithoutText);
  } catch (err) {
    throw new ExtractionError(`no text layer, and OCR failed: ${(err as Error).message.split('\n')[0]}`, 'no-text-layer');
  }
  const pages = base.pages.map((p, i) => (read.has(i + 1) ? (read.get(i + 1) as string) : p));
  const ocred = base.pagesWithoutText.filter((n) => (read.get(n) ?? '').replace(/\s+/g, '').length >= MIN_CHARS_PER_PAGE);
  const still = base.pagesWithoutText.filter((n) => !ocred.includes(n));
  if (still.length === pages.length) throw new ExtractionError(`no text layer: OCR found no text on ${pages.length} page(s)`, 'no-text-layer');
  return { text: pages.join('\n\f\n'), pages, pagesWithoutText: still, ocrPages: ocred };
}

async function extractTextLayer(data: Uint8Array): Promise<ExtractedText> {
  if (data.byteLength === 0) throw new ExtractionError('empty file (0 bytes)', 'empty');
  const parser = new PDFParse({ data, verbosity: 0 });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    const pages = result.pages.map((p) => p.text);
    const pagesWithoutText = result.pages.filter((p) => p.text.replace(/\s+/g, '').length < MIN_CHARS_PER_PAGE).map((p) => p.num);
    return { text: pages.join('\n\f\n'), pages, pagesWithoutText };
  } catch (err) {
    if (err instanceof ExtractionError) throw err;
    if (err instanceof PasswordException || (err as Error).name === 'PasswordException') {
      throw new ExtractionError('encrypted PDF: it needs a password and cannot be read', 'encrypted');
    }
    if (err instanceof InvalidPDFException || err instanceof FormatError || /Invalid PDF|FormatError|bad XRef/i.test(String(err))) {
      throw new ExtractionError(`corrupt PDF: ${(err as Error).message}`, 'corrupt');
    }
    throw new ExtractionError(`unreadable PDF: ${(err as Error).message}`, 'unreadable');
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

export async function readPdf(file: string): Promise<ExtractedText> {
  return extractPdfText(new Uint8Array(await fs.readFile(file)));
}

export async function readPlainText(file: string): Promise<ExtractedText> {
  const buf = await fs.readFile(file);
  if (buf.includes(0)) throw new ExtractionError('binary file: not plain text', 'unreadable');
  const text = buf.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new ExtractionError('empty file: no text', 'empty');
  return { text, pages: [text], pagesWithoutText: [] };
}
