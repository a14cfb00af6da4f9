import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ROOT } from '../../engine/config.js';
import type { CaseRecord } from '../../indexer/types.js';
import { createClient, indexNames, type IndexNames, type Meilisearch } from '../../engine/meili-client.js';
import { testEngine } from './hooks.js';

export const SHARED_DATA = process.env.SHARED_DATA_DIR ?? path.resolve(ROOT, '..', 'shared', 'data');
export const hasSharedData = fs.existsSync(path.join(SHARED_DATA, 'MANIFEST.md'));

let counter = 0;
/** A fresh index prefix per test file, so files never see each other's documents. */
export function uniquePrefix(name: string): string {
  return `t${process.pid}_${name}_${++counter}`;
}

export function adminClient(): Meilisearch {
  const e = testEngine();
  return createClient(e.url, e.masterKey);
}

export function namesFor(prefix: string): IndexNames {
  return indexNames(prefix);
}

export function tmpDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mcs-${name}-`));
}

/** A real PDF with one text page per entry, drawn with a standard font. */
export async function makePdf(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    let y = 800;
    for (const line of lines) {
      page.drawText(line, { x: 50, y, size: 11, font });
      y -= 16;
    }
  }
  return doc.save();
}

/** A PDF with a page and no text at all, as a scan without OCR looks to a text extractor. */
export async function makeImageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
  return doc.save();
}

/**
 * A PDF whose trailer names a standard security handler with a user password we do not
 * know: readers must ask for a password.
 */
export function makeEncryptedPdf(): Uint8Array {
  const hex = (n: number): string => Array.from({ length: n }, (_, i) => ((i * 37 + 11) % 256).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32).split('').reverse().join('')}> /P -4 >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hex(16)}> <${hex(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** The bundled corpus's case records, read from the files: the oracle tests compare the engine with. */
export function loadCorpusCases(): CaseRecord[] {
  const dir = path.join(ROOT, 'corpus', 'cases');
  return fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CaseRecord);
}
