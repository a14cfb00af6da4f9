import { Router } from 'express';
import { jurisdictionName } from '../../indexer/catalogue.js';
import type { AppDeps } from '../app.js';
import { NotFoundError } from '../app.js';
import { BadRequestError } from '../query-params.js';
import { COURT_LEVEL_LABELS, OUTCOME_LABELS } from '../view-models.js';

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
    jurisdictionName: doc.jurisdictionName || jurisdictionName(doc.jurisdiction),
    courtLevelLabel: COURT_LEVEL_LABELS[doc.courtLevel] ?? doc.courtLevel,
    outcomeLabel: OUTCOME_LABELS[doc.outcome] ?? doc.outcome,
    languageName: doc.language ? languageNames.of(doc.language) : '',
    offenses: doc.offenses.map((o) => ({ id: o, label: catalogue.offenseLabel(o), url: `/search?offense=${encodeURIComponent(o)}` })),
    provisions: doc.provisions.map((p) => ({ id: p, label: catalogue.provisionLabel(p), url: `/provisions/${p}` })),
    // Only web links are rendered as links: a javascript: or data: URL stays plain text.
    sources: doc.sources.map((s) => ({ name: s.name, url: /^https?:\/\//i.test(s.url) ? s.url : '', text: s.url })),
    provenance: (doc.provenance ?? [])
      .filter((p) => p.field !== 'language' || p.value)
      .map((p) => ({ ...p, confidencePct: Math.round(p.confidence * 100), url: p.field === 'provisions' ? `/provisions/${p.value}` : undefined })),
    summaryParagraphs: found.summaryHtml.split(/\n\s*\n/).filter((p) => p.trim() !== ''),
  };
}

export function casesRouter(deps: AppDeps): Router {
  const router = Router();
  /**
   * @route GET /cases/:id
   * The full record, the provisions it applies (linked), and its text with the words of
   * the search that led here (`?q=`) marked.
   */
  router.get('/:id', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    const c = await loadCase(deps, req.params.id, q);
    res.render('case', {
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
