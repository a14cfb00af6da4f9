import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function onPath(bin: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => {
    try {
      fs.accessSync(path.join(d, bin), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * OCR runs when Debian's `tesseract` and `pdftoppm` (poppler-utils) are installed, unless
 * OCR=0. Languages: English, French and Spanish where their tesseract data is installed.
 */
export function ocrAvailable(): boolean {
  if (process.env.OCR === '0') return false;
  return onPath('tesseract') && onPath('pdftoppm');
}

let languages: string | undefined;
async function ocrLanguages(): Promise<string> {
  if (languages) return languages;
  try {
    const { stdout } = await run('tesseract', ['--list-langs'], { timeout: 10_000 });
    const have = new Set(stdout.split('\n').map((l) => l.trim()));
    languages = ['eng', 'fra', 'spa'].filter((l) => have.has(l)).join('+') || 'eng';
  } catch {
    languages = 'eng';
  }
  return languages;
}

/** Text of the given 1-based pages of a PDF, read by tesseract from 300 dpi renderings. */
export async function ocrPages(pdf: Uint8Array, pages: number[]): Promise<Map<number, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-ocr-'));
  const out = new Map<number, string>();
  try {
    const file = path.join(dir, 'in.pdf');
    fs.writeFileSync(file, pdf);
    const lang = await ocrLanguages();
    for (const n of pages) {
      const prefix = path.join(dir, `p${n}`);
      await run('pdftoppm', ['-r', '300', '-gray', '-f', String(n), '-l', String(n), '-png', '-singlefile', file, prefix], { timeout: 120_000 });
      const { stdout } = await run('tesseract', [`${prefix}.png`, 'stdout', '-l', lang, '--psm', '3'], { timeout: 300_000, maxBuffer: 32 * 1024 * 1024 });
      out.set(n, stdout);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
