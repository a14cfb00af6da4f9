import fs from 'node:fs';
import path from 'node:path';
import { loadCatalogue, type Catalogue } from '../../indexer/catalogue.js';
import { cleanText } from '../../indexer/clean-text.js';
import { detectMetadata } from '../../indexer/detect-metadata.js';
import { extractPdfText } from '../../indexer/extract-text.js';
import { renderJudgmentPdf, type RenderOptions } from './render-pdf.js';

export interface Label {
  id: string;
  file?: string;
  language?: string;
  jurisdiction: string;
  courtLevel?: string;
  decisionDate: string;
  offenses: string[];
  provisions: string[];
  outcome?: string;
  vessels?: Array<{ name: string }>;
  render?: RenderOptions & { pdf?: boolean };
}

export interface DocResult {
  id: string;
  input: 'text' | 'pdf' | 'real-pdf';
  expected: Label;
  got: { jurisdiction?: string | undefined; courtLevel?: string | undefined; decisionDate?: string | undefined; language?: string | undefined; offenses: string[]; provisions: string[]; outcome?: string | undefined };
  errors: string[];
}

export interface FieldScore {
  field: string;
  kind: 'accuracy' | 'set';
  correct?: number;
  total?: number;
  tp?: number;
  fp?: number;
  fn?: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  documents: number;
  fields: FieldScore[];
  results: DocResult[];
}

export const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'test', 'fixtures', 'judgments');

/** The labelled set: our judgment-like documents plus the real non-maritime controls when present. */
export function loadLabels(dir = FIXTURES, sharedData?: string): Label[] {
  const labels: Label[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.label.json')).sort()) {
    const l = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Label;
    labels.push({ ...l, file: path.join(dir, `${l.id}.txt`) });
  }
  const controls = path.join(dir, 'controls.json');
  const shared = sharedData ?? path.resolve(dir, '..', '..', '..', '..', 'shared', 'data');
  if (fs.existsSync(controls) && fs.existsSync(shared)) {
    for (const c of JSON.parse(fs.readFileSync(controls, 'utf8')) as Array<Label & { path: string }>) {
      const file = path.join(shared, c.path);
      if (fs.existsSync(file)) labels.push({ ...c, file });
    }
  }
  return labels;
}

async function textOf(label: Label): Promise<{ text: string; input: DocResult['input'] }> {
  const file = label.file as string;
  if (file.endsWith('.pdf')) return { text: (await extractPdfText(new Uint8Array(fs.readFileSync(file)))).text, input: 'real-pdf' };
  const raw = fs.readFileSync(file, 'utf8');
  if (label.render?.pdf) {
    const pdf = await renderJudgmentPdf(raw, label.render);
    return { text: (await extractPdfText(pdf)).text, input: 'pdf' };
  }
  return { text: raw, input: 'text' };
}

function setScore(field: string, pairs: Array<[string[], string[]]>): FieldScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [expected, got] of pairs) {
    const e = new Set(expected);
    const g = new Set(got);
    for (const x of g) (e.has(x) ? tp++ : fp++);
    for (const x of e) if (!g.has(x)) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { field, kind: 'set', tp, fp, fn, precision, recall, f1 };
}

function accuracy(field: string, pairs: Array<[string | undefined, string | undefined]>): FieldScore {
  const scored = pairs.filter(([e]) => e !== undefined && e !== '');
  const correct = scored.filter(([e, g]) => e === g).length;
  const answered = scored.filter(([, g]) => g !== undefined && g !== '').length;
  const precision = answered ? correct / answered : 1;
  const recall = scored.length ? correct / scored.length : 1;
  return { field, kind: 'accuracy', correct, total: scored.length, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Runs the extractor over every labelled document, as the indexer would (PDF text, cleaning, detection). */
export async function evaluate(labels: Label[], catalogue: Catalogue = loadCatalogue(path.resolve(FIXTURES, '..', '..', '..', 'corpus'))): Promise<Evaluation> {
  const results: DocResult[] = [];
  for (const label of labels) {
    const { text, input } = await textOf(label);
    const meta = detectMetadata(cleanText(text), catalogue);
    const f = meta.fields;
    const got = {
      jurisdiction: f.jurisdiction,
      courtLevel: f.courtLevel,
      decisionDate: f.decisionDate,
      language: f.language,
      offenses: f.offenses ?? [],
      provisions: f.provisions ?? [],
      outcome: f.outcome,
    };
    const errors: string[] = [];
    const why = (field: string): string => {
      const p = meta.provenance.find((x) => x.field === field);
      return p ? ` (from "${p.text.replace(/\s+/g, ' ').slice(0, 70)}")` : ' (nothing found)';
    };
    if (got.jurisdiction !== label.jurisdiction) errors.push(`jurisdiction: expected ${label.jurisdiction}, got ${got.jurisdiction ?? '-'}${why('jurisdiction')}`);
    if (label.courtLevel && got.courtLevel !== label.courtLevel) errors.push(`courtLevel: expected ${label.courtLevel}, got ${got.courtLevel ?? '-'}${why('courtLevel')}`);
    if (got.decisionDate !== label.decisionDate) errors.push(`decisionDate: expected ${label.decisionDate}, got ${got.decisionDate ?? '-'}${why('decisionDate')}`);
    if (label.language && got.language !== label.language) errors.push(`language: expected ${label.language}, got ${got.language}`);
    const diff = (field: string, e: string[], g: string[]): void => {
      const missing = e.filter((x) => !g.includes(x));
      const extra = g.filter((x) => !e.includes(x));
      if (missing.length || extra.length) errors.push(`${field}: ${missing.length ? `missed ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `wrongly found ${extra.join(', ')}` : ''}`);
    };
    diff('offenses', label.offenses, got.offenses);
    diff('provisions', label.provisions, got.provisions);
    if (label.outcome && label.outcome !== 'other' && got.outcome !== label.outcome) errors.push(`outcome: expected ${label.outcome}, got ${got.outcome ?? '-'}`);
    results.push({ id: label.id, input, expected: label, got, errors });
  }
  const fields = [
    accuracy('jurisdiction', results.map((r) => [r.expected.jurisdiction, r.got.jurisdiction])),
    accuracy('courtLevel', results.map((r) => [r.expected.courtLevel, r.got.courtLevel])),
    accuracy('decisionDate', results.map((r) => [r.expected.decisionDate, r.got.decisionDate])),
    accuracy('language', results.map((r) => [r.expected.language, r.got.language])),
    accuracy('outcome', results.map((r) => [r.expected.outcome === 'other' ? undefined : r.expected.outcome, r.got.outcome])),
    setScore('offenses', results.map((r) => [r.expected.offenses, r.got.offenses])),
    setScore('provisions', results.map((r) => [r.expected.provisions, r.got.provisions])),
  ];
  return { documents: results.length, fields, results };
}
