import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { PDFDocument } from 'pdf-lib';
import { extractPdfText, ExtractionError } from '../indexer/extract-text.js';
import { ocrAvailable } from '../indexer/ocr.js';
import { hasSharedData, makeEncryptedPdf, makeImageOnlyPdf, makePdf, SHARED_DATA } from './support/fixtures.js';

async function reason(data: Uint8Array): Promise<string> {
  try {
    await extractPdfText(data);
  } catch (err) {
    expect(err).to.be.instanceOf(ExtractionError);
    return (err as ExtractionError).reason;
  }
  throw new Error('expected an ExtractionError');
}

describe('extract-text', () => {
  it('reads the text of a PDF page by page', async () => {
    const pdf = await makePdf([['IN THE HIGH COURT OF KENYA AT MOMBASA', 'Republic v. Hashi'], ['Delivered on 9 November 2010']]);
    const r = await extractPdfText(pdf);
    expect(r.pages).to.have.length(2);
    expect(r.text).to.include('HIGH COURT OF KENYA');
    expect(r.pages[1]).to.include('9 November 2010');
    expect(r.pagesWithoutText).to.deep.equal([]);
  });

  it('reports corrupt, empty, encrypted and textless PDFs with a reason', async () => {
    expect(await reason(new TextEncoder().encode('this is not a PDF at all'))).to.equal('corrupt');
    expect(await reason(new Uint8Array())).to.equal('empty');
    expect(await reason(makeEncryptedPdf())).to.equal('encrypted');
    expect(await reason(await makeImageOnlyPdf())).to.equal('no-text-layer');
    const full = await makePdf([['some text on a page', 'and more text here']]);
    expect(await reason(full.slice(0, Math.floor(full.length / 3)))).to.be.oneOf(['corrupt', 'unreadable']);
  });

  it('says a scan needs OCR when no OCR engine is installed', async () => {
    const err = await extractPdfText(await makeImageOnlyPdf(), { ocr: false }).catch((e: unknown) => e);
    expect(String(err)).to.match(/no text layer: needs OCR/);
  });

  (ocrAvailable() ? it : it.skip)('reads a scanned page with tesseract when it is installed', async function () {
    this.timeout(120_000);
    // A scan: a text page rendered to an image, the image alone placed in a new PDF.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcs-scan-'));
    const textPdf = path.join(dir, 'text.pdf');
    fs.writeFileSync(textPdf, await makePdf([['IN THE HIGH COURT OF KENYA AT MOMBASA', 'REPUBLIC versus ABDI WARSAME', 'The accused attacked the vessel on the high seas.']]));
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', textPdf, path.join(dir, 'page')]);
    const scan = await PDFDocument.create();
    const png = await scan.embedPng(fs.readFileSync(path.join(dir, 'page.png')));
    scan.addPage([595, 842]).drawImage(png, { x: 0, y: 0, width: 595, height: 842 });
    const r = await extractPdfText(await scan.save(), { ocr: true });
    expect(r.ocrPages).to.deep.equal([1]);
    expect(r.text).to.match(/HIGH COURT OF KENYA/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  (hasSharedData ? it : it.skip)('reads the real appellate opinions in ../shared/data', async () => {
    const dir = path.join(SHARED_DATA, 'judgments', 'non-maritime-controls');
    const dc = await extractPdfText(new Uint8Array(fs.readFileSync(path.join(dir, 'DC-Circuit-07-3125-1229519.pdf'))));
    expect(dc.pages).to.have.length(19);
    expect(dc.text).to.match(/DISTRICT OF COLUMBIA CIRCUIT/);
    expect(dc.text).to.include('Decided February 5, 2010');
    const fifth = await extractPdfText(new Uint8Array(fs.readFileSync(path.join(dir, '5thCircuit-07-30815-CR0.wpd.pdf'))));
    expect(fifth.pages).to.have.length(3);
    expect(fifth.text).to.match(/FIFTH CIRCUIT/);
  });
});
