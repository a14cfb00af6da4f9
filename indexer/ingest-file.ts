import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { instrumentSchema, isKnownJurisdiction, type Catalogue } from './catalogue.js';
import { caseRecordSchema, formatZodError, InvalidRecordError, parseCaseRecord, sidecarSchema } from './case-schema.js';
import { cleanText } from './clean-text.js';
import { detectMetadata, type Provenance } from './detect-metadata.js';
import { ExtractionError, readPdf, readPlainText, type ExtractedText } from './extract-text.js';
import { findCrossReferences, findDefinedTerms, looksLikeTreaty, splitTreaty } from './split-treaty.js';
import type { InputFile } from './discover-inputs.js';
import type { Article, CaseRecord, Instrument } from './types.js';

export type IngestOutcome =
  | { kind: 'case'; record: CaseRecord; provenance: Provenance[]; warnings: string[] }
  | { kind: 'instrument'; instrument: Instrument; warnings: string[] };

/** A file that could not be ingested; `reason` is shown to the user beside the file name. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export function slugify(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'document'
  );
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function readJson(file: string): unknown {
  const raw = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new IngestError(file, `invalid JSON: ${(err as Error).message}`);
  }
}

function sidecarOf(file: string): Partial<CaseRecord> | undefined {
  const sidecar = file.replace(/\.[^.]+$/, '.meta.json');
  if (!fs.existsSync(sidecar)) return undefined;
  const parsed = sidecarSchema.safeParse(readJson(sidecar));
  if (!parsed.success) throw new IngestError(file, `its sidecar is invalid: ${formatZodError(sidecar, parsed.error)}`);
  // Only fields actually written in the sidecar override detection (zod fills defaults).
  const written = readJson(sidecar) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed.data).filter(([k]) => k in written)) as Partial<CaseRecord>;
}

/** Finds which catalogued instrument a treaty text is, by its title or aliases. */
function identifyInstrument(title: string, head: string, catalogue: Catalogue): Instrument | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const t = norm(title);
  let best: { inst: Instrument; score: number } | undefined;
  for (const inst of catalogue.instruments.values()) {
    for (const name of [inst.title, inst.shortTitle, ...inst.aliases]) {
      const n = norm(name);
      if (n.length < 4) continue;
      const score = t === n ? 3 : t.startsWith(n) || n.startsWith(t) ? 2 : norm(head).includes(n) && n.length > 25 ? 1 : 0;
      if (score > 0 && (!best || score > best.score || (score === best.score && n.length > norm(best.inst.title).length))) best = { inst, score };
    }
  }
  return best?.inst;
}

function treatyFromText(file: string, text: string, catalogue: Catalogue): IngestOutcome {
  const split = splitTreaty(text);
  if (split.articles.length === 0) throw new IngestError(file, 'looks like a treaty but no "Article N" headings were found');
  const known = identifyInstrument(split.title, text.slice(0, 3000), catalogue);
  const warnings: string[] = [];
  const base: Instrument = known ?? {
    id: slugify(split.title || path.basename(file, path.extname(file))),
    shortTitle: split.title || path.basename(file),
    title: split.title || path.basename(file),
    aliases: [],
    adopted: '',
    entryIntoForce: '',
    source: { name: path.basename(file), url: '' },
    articles: [],
  };
  if (!known) warnings.push(`not a catalogued instrument; indexed as "${base.id}"`);
  const byNumber = new Map(base.articles.map((a) => [a.number, a]));
  const articles: Article[] = split.articles.map((a) => {
    const ours = byNumber.get(a.number);
    const self = `${base.id}/${a.number}`;
    // Cross-references and definitions read from the official text complete our catalogue.
    const refs = a.paragraphs.flatMap((p) => findCrossReferences(p, base.id, base.parent)).map((r) => r.provision).filter((r) => r !== self);
    return {
      number: a.number,
      title: ours?.title || a.title,
      part: ours?.part || a.part,
      summary: ours?.summary ?? '',
      refersTo: [...new Set([...(ours?.refersTo ?? []), ...refs])],
      defines: [...new Set([...(ours?.defines ?? []), ...findDefinedTerms(a.paragraphs)])],
      paragraphs: a.paragraphs,
    };
  });
  // Articles we summarised but the text lacks (never expected) are kept rather than lost.
  for (const a of base.articles) if (!articles.some((x) => x.number === a.number)) articles.push(a);
  return { kind: 'instrument', instrument: { ...base, articles }, warnings };
}

/** Builds a case from a judgment's text: detected metadata, overridden by any sidecar. */
function caseFromText(file: string, extracted: ExtractedText, catalogue: Catalogue, hash: string, originalFile?: string): IngestOutcome {
  const warnings: string[] = [];
  if (extracted.ocrPages?.length) warnings.push(`text of page${extracted.ocrPages.length > 1 ? 's' : ''} ${extracted.ocrPages.join(', ')} read by OCR; check it`);
  if (extracted.pagesWithoutText.length) {
    warnings.push(`no text layer: needs OCR on page${extracted.pagesWithoutText.length > 1 ? 's' : ''} ${extracted.pagesWithoutText.join(', ')}`);
  }
  // Offsets in provenance refer to this cleaned text, which is also what is stored and shown.
  const text = cleanText(extracted.text);
  const detected = detectMetadata(text, catalogue);
  const sidecar = sidecarOf(file) ?? {};
  const merged = { ...detected.fields, ...sidecar };
  const base = path.basename(file, path.extname(file));
  const candidate = {
    ...merged,
    id: sidecar.id ?? slugify(base),
    title: merged.title ?? base,
    jurisdiction: merged.jurisdiction ?? 'unknown',
    text,
  };
  if (!sidecar.jurisdiction && candidate.jurisdiction === 'unknown') warnings.push('jurisdiction not detected');
  if (!candidate.decisionDate) warnings.push('decision date not detected');
  if (candidate.jurisdiction !== 'unknown' && !isKnownJurisdiction(candidate.jurisdiction)) warnings.push(`unknown jurisdiction code "${candidate.jurisdiction}"`);
  const parsed = caseRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new IngestError(file, formatZodError(file, parsed.error).replace(`${file}: `, ''));
  const citations = detected.citations.flatMap((c) => (c.kind === 'treaty-article' ? [{ start: c.start, end: c.end, provision: c.provision }] : []));
  const record: CaseRecord = { ...parsed.data, citations, sourcePath: file, contentHash: hash, ...(originalFile ? { originalFile } : {}) };
  const overridden = new Set(Object.keys(sidecar));
  return { kind: 'case', record, provenance: detected.provenance.filter((p) => !overridden.has(p.field)), warnings };
}

/**
 * Reads one input file into a case record or an instrument. Throws IngestError with a
 * reason a user can act on; never returns a half-read document.
 */
export async function ingestFile(input: InputFile, catalogue: Catalogue): Promise<IngestOutcome> {
  const file = input.path;
  try {
    switch (input.kind) {
      case 'case-json': {
        const raw = fs.readFileSync(file);
        const data = readJson(file);
        if (data && typeof data === 'object' && 'articles' in data) return instrumentFromJson(file, data);
        const record = parseCaseRecord(file, data);
        return { kind: 'case', record: { ...record, sourcePath: file, contentHash: sha256(raw) }, provenance: [], warnings: [] };
      }
      case 'instrument-json':
        return instrumentFromJson(file, readJson(file));
      case 'markdown': {
        const raw = fs.readFileSync(file, 'utf8');
        const fm = matter(raw);
        if (Object.keys(fm.data).length > 0) {
          const data: Record<string, unknown> = { ...fm.data, summary: (fm.data as { summary?: string }).summary ?? fm.content.trim() };
          // front matter dates arrive as Date objects from the YAML parser
          if (data.decisionDate instanceof Date) data.decisionDate = data.decisionDate.toISOString().slice(0, 10);
          if ((fm.data as { summary?: string }).summary) Object.assign(data, { text: fm.content.trim() });
          const record = parseCaseRecord(file, data);
          return { kind: 'case', record: { ...record, sourcePath: file, contentHash: sha256(raw) }, provenance: [], warnings: [] };
        }
        const extracted = await readPlainText(file);
        if (looksLikeTreaty(extracted.text)) return treatyFromText(file, extracted.text, catalogue);
        return caseFromText(file, extracted, catalogue, sha256(raw));
      }
      case 'text': {
        const extracted = await readPlainText(file);
        if (looksLikeTreaty(extracted.text)) return treatyFromText(file, extracted.text, catalogue);
        return caseFromText(file, extracted, catalogue, sha256(fs.readFileSync(file)));
      }
      case 'pdf': {
        const bytes = fs.readFileSync(file);
        const extracted = await readPdf(file);
        if (looksLikeTreaty(extracted.text) && !fs.existsSync(file.replace(/\.pdf$/i, '.meta.json'))) return treatyFromText(file, extracted.text, catalogue);
        return caseFromText(file, extracted, catalogue, sha256(bytes), file);
      }
    }
  } catch (err) {
    if (err instanceof IngestError) throw err;
    if (err instanceof ExtractionError) throw new IngestError(file, err.message);
    if (err instanceof InvalidRecordError) throw new IngestError(file, err.message.replace(`${file}: `, ''));
    if ((err as NodeJS.ErrnoException).code === 'EACCES') throw new IngestError(file, 'permission denied');
    throw new IngestError(file, `unexpected error: ${(err as Error).message}`);
  }
}

function instrumentFromJson(file: string, data: unknown): IngestOutcome {
  const parsed = instrumentSchema.safeParse(data);
  if (!parsed.success) throw new IngestError(file, z.prettifyError(parsed.error));
  return { kind: 'instrument', instrument: parsed.data, warnings: [] };
}
