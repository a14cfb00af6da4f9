import fs from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { loadCatalogue } from '../../indexer/catalogue.js';
import { extractPdfText } from '../../indexer/extract-text.js';
import { ingestFile } from '../../indexer/ingest-file.js';
import { renderJudgmentPdf } from '../eval/render-pdf.js';
import { median } from './measure.js';

export interface PdfRow {
  what: string;
  files: number;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  vsPdfParse: number;
}

function pdfsUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.toLowerCase().endsWith('.pdf')).map((f) => path.join(dir, f));
}

/**
 * Pages per second on the same PDFs: pdf-parse alone (its text, nothing else), our text
 * extraction (pdf-parse plus page checks, OCR off), and the whole ingestion of a PDF (text,
 * cleaning, metadata, citations). The PDFs are the labelled judgments rendered as PDFs in
 * one and two columns, plus the real opinions in ../shared/data when present.
 */
export async function benchPdf(opts: { root: string; tmp: string; sharedData?: string; rounds?: number }): Promise<PdfRow[]> {
  const dir = path.join(opts.tmp, 'pdfs');
  fs.mkdirSync(dir, { recursive: true });
  for (const fixtures of ['judgments', 'judgments-heldout']) {
    const from = path.join(opts.root, 'test', 'fixtures', fixtures);
    for (const f of fs.readdirSync(from).filter((x) => x.endsWith('.txt'))) {
      const text = fs.readFileSync(path.join(from, f), 'utf8');
      const columns = f.length % 2 === 0 ? 1 : 2;
      fs.writeFileSync(path.join(dir, f.replace(/\.txt$/, '.pdf')), await renderJudgmentPdf(text, { columns, runningHeader: 'Judgment', footer: 'Page' }));
    }
  }
  const real = opts.sharedData ? pdfsUnder(path.join(opts.sharedData, 'judgments')) : [];
  for (const f of real) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  const files = pdfsUnder(dir);
  const data = files.map((f) => new Uint8Array(fs.readFileSync(f)));
  const catalogue = loadCatalogue(path.join(opts.root, 'corpus'));
  let pages = 0;
  for (const d of data) pages += (await extractPdfText(d.slice(), { ocr: false })).pages.length;

  const variants: Array<[string, () => Promise<void>]> = [
    [
      'pdf-parse alone',
      async () => {
        for (const d of data) {
          const parser = new PDFParse({ data: d.slice(), verbosity: 0 });
          await parser.getText();
          await parser.destroy();
        }
      },
    ],
    [
      'text extraction (extract-text.ts)',
      async () => {
        for (const d of data) await extractPdfText(d.slice(), { ocr: false });
      },
    ],
    [
      'whole ingestion of a PDF (OCR off)',
      async () => {
        // OCR of near-empty pages would measure tesseract, not this pipeline.
        const ocr = process.env.OCR;
        process.env.OCR = '0';
        try {
          for (const f of files) await ingestFile({ path: f, kind: 'pdf' }, catalogue);
        } finally {
          if (ocr === undefined) delete process.env.OCR;
          else process.env.OCR = ocr;
        }
      },
    ],
  ];
  const rounds = opts.rounds ?? 3;
  const times = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of variants) {
      const t = performance.now();
      await run();
      (times.get(name) ?? (times.set(name, []).get(name) as number[])).push((performance.now() - t) / 1000);
    }
  }
  const base = median(times.get('pdf-parse alone') ?? []);
  return variants.map(([name]) => {
    const seconds = median(times.get(name) ?? []);
    return { what: name, files: files.length, pages, seconds, pagesPerSecond: pages / seconds, vsPdfParse: seconds / base };
  });
}
