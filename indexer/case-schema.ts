import { z } from 'zod';
import { COURT_LEVELS, OUTCOMES, type CaseRecord } from './types.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real calendar date');

const str = z.string().default('');
const strs = z.array(z.string()).default([]);

/** Validates a case record as written by hand or in a sidecar; unknown fields are dropped. */
export const caseRecordSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'ids are lower-case letters, digits, "-" and "_"').max(200),
  title: z.string().min(1, 'is required'),
  court: str,
  courtLevel: z.enum(COURT_LEVELS).default('unknown'),
  jurisdiction: z.string().regex(/^([A-Z]{2}|[a-z][a-z0-9-]+)$/, 'must be an ISO 3166-1 alpha-2 code (KE) or an international court id (itlos)'),
  decisionDate: z.union([isoDate, z.literal('')]).default(''),
  offenses: strs,
  provisions: z.array(z.string().regex(/^[a-z0-9-]+\/[0-9]+[a-z]*$/, 'provision ids look like unclos/101 or sua/3bis')).default([]),
  statutes: strs,
  vessels: z
    .array(z.object({ name: z.string(), flag: str, imo: z.union([z.string(), z.number()]).transform(String).default(''), role: str }))
    .default([]),
  parties: strs,
  judges: strs,
  outcome: z.enum(OUTCOMES).default('other'),
  outcomeText: str,
  sentence: str,
  citation: str,
  docket: str,
  language: z.string().default('en'),
  sources: z.array(z.object({ name: str, url: str })).default([]),
  keywords: strs,
  summary: str,
  notes: str,
  text: z.string().optional(),
});

export type CaseRecordInput = z.input<typeof caseRecordSchema>;

/** A partial record, as a sidecar `NAME.meta.json` may give it: every field optional. */
export const sidecarSchema = caseRecordSchema.partial();

export function formatZodError(file: string, err: z.ZodError): string {
  return `${file}: ${err.issues.map((i) => `${i.path.join('.') || '(record)'} ${i.message}`).join('; ')}`;
}

export function parseCaseRecord(file: string, data: unknown): CaseRecord {
  const parsed = caseRecordSchema.safeParse(data);
  if (!parsed.success) throw new InvalidRecordError(formatZodError(file, parsed.error));
  return parsed.data;
}

export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
}
