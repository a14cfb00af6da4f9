import express, { Router, type Request, type Response } from 'express';
import { jurisdictionName } from '../../indexer/catalogue.js';
import type { CaseDoc } from '../../indexer/types.js';
import type { AppDeps } from '../app.js';
import { CSV_HEADER, csvRow } from '../export-format.js';
import { applyPackAction, emptyPack, packFromCookie, packFromQuery, parsePackAction, shareQuery, type Pack } from '../pack.js';
import { COURT_LEVEL_LABELS, OUTCOME_LABELS } from '../view-models.js';
import { permalink } from './cases.js';

const COOKIE = 'mcs_pack';

function currentPack(req: Request): Pack {
  return packFromCookie((req.cookies as Record<string, unknown> | undefined)?.[COOKIE]);
}

function savePack(res: Response, pack: Pack): void {
  // SameSite=Lax: another site cannot post edits to a trainer's pack.
  res.cookie(COOKIE, JSON.stringify(pack), { httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000, path: '/' });
}

/** Only a path on this site, so a form cannot send the user elsewhere. */
function safeBack(v: unknown): string {
  return typeof v === 'string' && /^\/(?![/\\])[^\s]*$/.test(v) ? v : '/pack';
}

export interface PackView {
  pack: Pack;
  cases: Array<CaseDoc & { note: string; position: number; url: string; jurisdictionLabel: string; courtLevelLabel: string; outcomeLabel: string; offenseLabels: string[]; provisionLinks: Array<{ id: string; label: string; url: string }> }>;
  missing: string[];
}

async function loadPack(deps: AppDeps, pack: Pack): Promise<PackView> {
  const docs = await deps.search.getCases(pack.items.map((i) => i.id));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const cases = pack.items.flatMap((item, i) => {
    const d = byId.get(item.id);
    if (!d) return [];
    return [{
      ...d,
      note: item.note,
      position: i + 1,
      url: `/cases/${encodeURIComponent(d.id)}`,
      jurisdictionLabel: d.jurisdictionName || jurisdictionName(d.jurisdiction),
      courtLevelLabel: COURT_LEVEL_LABELS[d.courtLevel] ?? d.courtLevel,
      outcomeLabel: OUTCOME_LABELS[d.outcome] ?? d.outcome,
      offenseLabels: d.offenses.map((o) => deps.catalogue.offenseLabel(o)),
      provisionLinks: d.provisions.map((p) => ({ id: p, label: deps.catalogue.provisionLabel(p), url: `/provisions/${p}` })),
    }];
  });
  return { pack, cases, missing: pack.items.filter((i) => !byId.has(i.id)).map((i) => i.id) };
}

function markdown(view: PackView, base: string): string {
  const lines = [`# ${view.pack.name || 'Workshop pack'}`, '', `${view.cases.length} case${view.cases.length === 1 ? '' : 's'}, from Maritime Crime Case Law Search (${base}).`, ''];
  view.cases.forEach((c) => lines.push(`${c.position}. [${c.title}](${base}${c.url}) — ${c.court}, ${c.jurisdictionLabel}, ${c.decisionDate}`));
  for (const c of view.cases) {
    lines.push('', '---', '', `## ${c.position}. ${c.title}`, '');
    lines.push(`- **Court:** ${c.court} (${c.courtLevelLabel}), ${c.jurisdictionLabel}`);
    lines.push(`- **Decided:** ${c.decisionDate}${c.citation ? `; ${c.citation}` : ''}`);
    lines.push(`- **Offenses:** ${c.offenseLabels.join(', ') || '—'}`);
    lines.push(`- **Provisions:** ${c.provisionLinks.map((p) => p.label).join('; ') || '—'}`);
    lines.push(`- **Outcome:** ${c.outcomeLabel}${c.outcomeText ? ` — ${c.outcomeText}` : ''}`);
    if (c.sentence) lines.push(`- **Sentence:** ${c.sentence}`);
    if (c.note) lines.push(`- **Trainer's note:** ${c.note}`);
    lines.push('', c.summary, '', `Source: ${c.sources.map((s) => s.url).filter(Boolean).join(', ') || '—'} · ${base}${c.url}`);
  }
  return `${lines.join('\n')}\n`;
}

function packJson(view: PackView, base: string) {
  return {
    name: view.pack.name,
    share: `${base}/pack?${shareQuery(view.pack)}`,
    cases: view.cases.map((c) => ({ position: c.position, note: c.note, id: c.id, title: c.title, court: c.court, courtLevel: c.courtLevel, jurisdiction: c.jurisdiction, decisionDate: c.decisionDate, offenses: c.offenses, provisions: c.provisions, citation: c.citation, outcome: c.outcome, sentence: c.sentence, summary: c.summary, url: `${base}${c.url}` })),
    missing: view.missing,
  };
}

export function packRouter(deps: AppDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  const baseOf = (req: Request): string => permalink(req, '').replace(/\/cases\/$/, '');
  /** The pack shown: a shared link (?ids=) if given, else the user's own (cookie). */
  const packOf = (req: Request): { pack: Pack; shared: boolean } => {
    const shared = packFromQuery(req.query);
    return shared ? { pack: shared, shared: true } : { pack: currentPack(req), shared: false };
  };

  /** @route GET /pack  The workshop pack: reorder, annotate, name, export. */
  router.get('/pack', async (req, res) => {
    const { pack, shared } = packOf(req);
    const view = await loadPack(deps, pack);
    const q = shareQuery(pack);
    res.render('pack', { title: pack.name || 'Workshop pack', ...view, shared, shareUrl: `${baseOf(req)}/pack?${q}`, q, count: view.cases.length, last: view.cases.length });
  });
  /** @route POST /pack  One edit (op=add|remove|move|note|name|clear), then back to where the user was. */
  router.post('/pack', form, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = applyPackAction(currentPack(req), parsePackAction(body));
    savePack(res, next);
    res.redirect(303, safeBack(body.back));
  });
  /** @route POST /pack/load  Makes a shared pack one's own. */
  router.post('/pack/load', form, (req, res) => {
    const shared = packFromQuery((req.body ?? {}) as Record<string, unknown>) ?? emptyPack();
    savePack(res, applyPackAction(currentPack(req), { op: 'load', pack: shared }));
    res.redirect(303, '/pack');
  });
  /** @route GET /pack/print  A printable handout: a cover page, then one case per page. */
  router.get('/pack/print', async (req, res) => {
    const view = await loadPack(deps, packOf(req).pack);
    res.render('pack-print', { layout: 'print', title: view.pack.name || 'Workshop pack', ...view, generated: new Date().toISOString().slice(0, 10), base: baseOf(req) });
  });
  router.get('/pack/export.md', async (req, res) => {
    const view = await loadPack(deps, packOf(req).pack);
    res.type('text/markdown; charset=utf-8').attachment('workshop-pack.md').send(markdown(view, baseOf(req)));
  });
  router.get('/pack/export.json', async (req, res) => {
    const view = await loadPack(deps, packOf(req).pack);
    res.attachment('workshop-pack.json').json(packJson(view, baseOf(req)));
  });
  router.get('/pack/export.csv', async (req, res) => {
    const view = await loadPack(deps, packOf(req).pack);
    const base = baseOf(req);
    const rows = view.cases.map((c) => `${c.position},${csvRow(c, base)},${JSON.stringify(c.note.replace(/"/g, "'"))}`);
    res.type('text/csv; charset=utf-8').attachment('workshop-pack.csv').send(`\uFEFFposition,${CSV_HEADER.join(',')},note\r\n${rows.join('\r\n')}\r\n`);
  });
  /** @route GET /api/pack  The pack (shared ?ids= or one's own) as JSON. */
  router.get('/api/pack', async (req, res) => {
    res.json(packJson(await loadPack(deps, packOf(req).pack), baseOf(req)));
  });
  return router;
}
