import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { jurisdictionName } from '../../indexer/catalogue.js';
import type { AppDeps } from '../app.js';
import { NotFoundError } from '../app.js';
import { BadRequestError } from '../query-params.js';
import { COURT_LEVEL_LABELS, OUTCOME_LABELS } from '../view-models.js';
import { bluebook, oscola } from '../citation-styles.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

export const CASE_ID = /^[a-z0-9][a-z0-9_-]{0,199}$/;

/** Loads a case and shapes it for the page and the API alike. */
export async function loadCase({ search, catalogue }: AppDeps, id: string, q: string) {
  if (!CASE_ID.test(id)) throw new BadRequestError('id', 'case ids are lower-case letters, digits, "-" and "_"');
  if (q.length > 500) throw new BadRequestError('q', 'at most 500 characters');
  const found = await search.getCase(id, q, (p) => catalogue.provisionLabel(p));
  if (!found) throw new NotFoundError(`No case with id "${id}"`);
  const { doc } = found;
  return {
    doc,
    summaryHtml: found.summaryHtml,
    passages: found.passages,
    bestPassages: found.best.map((b) => ({ ...b, label: b.paragraphs.length ? `¶ ${b.paragraphs.join(', ')}` : `passage ${b.seq + 1}` })),
    jurisdictionName: doc.jurisdictionName || jurisdictionName(doc.jurisdiction),
    courtLevelLabel: COURT_LEVEL_LABELS[doc.courtLevel] ?? doc.courtLevel,
    outcomeLabel: OUTCOME_LABELS[doc.outcome] ?? doc.outcome,
    languageName: doc.language ? languageNames.of(doc.language) : '',
    offenses: doc.offenses.map((o) => ({ id: o, label: catalogue.offenseLabel(o), fr: catalogue.offenseLabel(o, 'fr'), es: catalogue.offenseLabel(o, 'es'), url: `/search?offense=${encodeURIComponent(o)}` })),
    provisions: doc.provisions.map((p) => ({ id: p, label: catalogue.provisionLabel(p), url: `/provisions/${p}` })),
    // Only web links are rendered as links: a javascript: or data: URL stays plain text.
    sources: doc.sources.map((s) => ({ name: s.name, url: /^https?:\/\//i.test(s.url) ? s.url : '', text: s.url })),
    provenance: (doc.provenance ?? [])
      .filter((p) => p.field !== 'language' || p.value)
      .map((p) => ({ ...p, confidencePct: Math.round(p.confidence * 100), url: p.field === 'provisions' ? `/provisions/${p.value}` : undefined })),
    similar: (doc.similar ?? []).map((x) => ({
      ...x,
      url: `/cases/${encodeURIComponent(x.id)}`,
      reasons: [
        ...(x.sharedProvisions.length ? [`same provisions: ${x.sharedProvisions.map((p) => catalogue.provisionLabel(p)).join(', ')}`] : []),
        ...(x.sharedOffenses.length ? [`same offenses: ${x.sharedOffenses.map((o) => catalogue.offenseLabel(o)).join(', ')}`] : []),
        ...(x.sharedTerms.length ? [`shared terms: ${x.sharedTerms.join(', ')}`] : []),
      ],
    })),
    cite: { oscola: oscola(doc), bluebook: bluebook(doc) },
    summaryParagraphs: found.summaryHtml.split(/\n\s*\n/).filter((p) => p.trim() !== ''),
  };
}

/** The address to cite: PUBLIC_URL when the site sits behind a proxy, else the request's own host. */
export function permalink(req: { protocol: string; get(name: string): string | undefined }, id: string): string {
  const base = process.env.PUBLIC_URL?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return `${base}/cases/${encodeURIComponent(id)}`;
}

export function casesRouter(deps: AppDeps): Router {
  const router = Router();
  /**
   * @route GET /cases/:id
   * The full record, the provisions it applies (linked), and its text with the words of
   * the search that led here (`?q=`) marked.
   */
  /**
   * @route GET /cases/:id/original
   * The PDF or text file the case was indexed from. Only a regular file under the corpus or
   * under a folder the indexer was given is served; symlinks are resolved before the check.
   */
  router.get('/:id/original', async (req, res) => {
    const c = await loadCase(deps, req.params.id, '');
    const recorded = c.doc.originalFile;
    if (!recorded) throw new NotFoundError(`Case "${c.doc.id}" has no original document`);
    const roots = [...(deps.documentRoots ?? []), ...(await deps.search.indexedSources())];
    let real: string;
    try {
      real = fs.realpathSync(recorded);
    } catch {
      throw new NotFoundError(`The original document of "${c.doc.id}" is no longer on this server`);
    }
    const inside = roots.some((root) => {
      let r: string;
      try {
        r = fs.realpathSync(root);
      } catch {
        return false;
      }
      return real === r || real.startsWith(r + path.sep);
    });
    const ext = path.extname(real).toLowerCase();
    if (!inside || !fs.statSync(real).isFile() || !['.pdf', '.txt'].includes(ext)) throw new NotFoundError(`No original document for "${c.doc.id}"`);
    res.setHeader('Content-Type', ext === '.pdf' ? 'application/pdf' : 'text/plain; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${c.doc.id}${ext}"`);
    res.sendFile(real);
  });

  router.get('/:id', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    const c = await loadCase(deps, req.params.id, q);
    res.render('case', {
      permalink: permalink(req, c.doc.id),
      originalUrl: c.doc.originalFile ? `/cases/${encodeURIComponent(c.doc.id)}/original` : undefined,
      title: c.doc.title,
      ...c,
      q,
      backUrl: q ? `/search?q=${encodeURIComponent(q)}` : '/search',
      apiUrl: `/api/cases/${encodeURIComponent(c.doc.id)}`,
      jurisdictionUrl: `/search?jurisdiction=${encodeURIComponent(c.doc.jurisdiction)}`,
    });
  });
  return router;
}
