import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseSearchQuery, type SearchQuery } from '../../server/query-params.js';
import type { Facets, SearchService } from '../../server/search-service.js';
import { load, mib, type Stats } from './measure.js';

/** The little of better-sqlite3's API used here (it ships no types of its own). */
interface Statement {
  all(...params: unknown[]): Array<Record<string, unknown>>;
  get(...params: unknown[]): Record<string, unknown> | undefined;
  run(...params: unknown[]): unknown;
}
interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}
type DatabaseConstructor = new (file: string) => Database;

const HERE = import.meta.dirname;

/**
 * better-sqlite3 lives in a folder of its own (scripts/bench/sqlite) so that the project's
 * install does not compile SQLite; the first benchmark run installs it from its lockfile.
 */
function loadSqlite(): DatabaseConstructor {
  const dir = path.join(HERE, 'sqlite');
  if (!fs.existsSync(path.join(dir, 'node_modules', 'better-sqlite3'))) {
    console.log('installing better-sqlite3 for the SQLite comparison (compiles SQLite once, about 2-3 minutes)...');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  }
  return createRequire(path.join(dir, 'package.json'))('better-sqlite3') as DatabaseConstructor;
}

export interface SqliteResult {
  buildSeconds: number;
  requests: number;
  diskMiB: number;
  stats: Stats;
  meilisearchPath: Stats;
  /** Per query: whether SQLite's facet counts equal those the server computes with Meilisearch, and the totals. */
  agreement: Array<{ query: string; sqliteTotal: number; meilisearchTotal: number; facetsEqual: boolean }>;
}

type Doc = Record<string, unknown>;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Words of the query as an FTS5 expression: phrases kept, other words ANDed, nothing else interpreted. */
function ftsQuery(q: string): string {
  const parts: string[] = [];
  for (const m of q.matchAll(/"([^"]*)"|(\S+)/g)) {
    const words = (m[1] ?? m[2] ?? '').match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length) parts.push(`"${words.join(' ')}"`);
  }
  return parts.join(' ');
}

type Group = 'jurisdiction' | 'offense' | 'court_level' | 'provision' | 'date';

class SqliteSearch {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Database) {}

  private stmt(sql: string): Statement {
    return this.cache.get(sql) ?? (this.cache.set(sql, this.db.prepare(sql)).get(sql) as Statement);
  }

  /** The WHERE clause for a query, leaving out one group (for that group's own facet counts). */
  private where(q: SearchQuery, text: string, without?: Group): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    const list = (vals: string[]): string => vals.map(() => '?').join(',');
    if (text) {
      parts.push('c.rid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)');
      params.push(text);
    }
    if (without !== 'jurisdiction' && q.jurisdiction.length) {
      parts.push(`c.jurisdiction IN (${list(q.jurisdiction)})`);
      params.push(...q.jurisdiction);
    }
    if (without !== 'court_level' && q.courtLevel.length) {
      parts.push(`c.court_level IN (${list(q.courtLevel)})`);
      params.push(...q.courtLevel);
    }
    if (without !== 'offense' && q.offense.length) {
      parts.push(`c.rid IN (SELECT rid FROM facet WHERE attr = 'offenses' AND value IN (${list(q.offense)}))`);
      params.push(...q.offense);
    }
    if (without !== 'provision' && q.provision.length) {
      const articles = q.provision.filter((p) => p.includes('/'));
      const instruments = q.provision.filter((p) => !p.includes('/'));
      parts.push(`c.rid IN (SELECT rid FROM facet WHERE (attr = 'provisions' AND value IN (${list(articles)})) OR (attr = 'instruments' AND value IN (${list(instruments)})))`);
      params.push(...articles, ...instruments);
    }
    if (without !== 'date' && q.fromTs !== undefined) {
      parts.push('c.decision_ts >= ?');
      params.push(q.fromTs);
    }
    if (without !== 'date' && q.toTs !== undefined) {
      parts.push('c.decision_ts <= ?');
      params.push(q.toTs);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  private counts(attr: string, w: { sql: string; params: unknown[] }): Record<string, number> {
    const single: Record<string, string> = { jurisdiction: 'jurisdiction', courtLevel: 'court_level', year: 'year' };
    const col = single[attr];
    const rows = col
      ? this.stmt(`SELECT c.${col} AS v, count(*) AS n FROM cases c ${w.sql} ${w.sql ? 'AND' : 'WHERE'} c.${col} IS NOT NULL GROUP BY v`).all(...w.params)
      : this.stmt(`SELECT f.value AS v, count(*) AS n FROM facet f JOIN cases c ON c.rid = f.rid ${w.sql} ${w.sql ? 'AND' : 'WHERE'} f.attr = '${attr}' GROUP BY v`).all(...w.params);
    return Object.fromEntries(rows.map((r) => [String(r.v), Number(r.n)]));
  }

  /** What the search page needs: one page of hits, the total, every facet's counts, and each hit's best passage. */
  search(q: SearchQuery): { total: number; facets: Facets; hits: Array<Record<string, unknown>> } {
    const text = ftsQuery(q.q);
    const w = this.where(q, text);
    const order = q.sort === 'date_asc' ? 'c.decision_ts ASC' : q.sort === 'date_desc' || !text ? 'c.decision_ts DESC' : 'r.rank';
    const join = text && order === 'r.rank' ? 'JOIN (SELECT rowid, rank FROM cases_fts WHERE cases_fts MATCH ?) r ON r.rowid = c.rid' : '';
    const hits = this.stmt(`SELECT c.id, c.rid, c.p_first, c.p_last, c.title, c.summary, c.court, c.jurisdiction, c.decision_date FROM cases c ${join} ${w.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...(join ? [text] : []), ...w.params, q.perPage, (q.page - 1) * q.perPage);
    const total = Number(this.stmt(`SELECT count(*) AS n FROM cases c ${w.sql}`).get(...w.params)?.n ?? 0);
    const selected = new Set<Group>([
      ...(q.jurisdiction.length ? (['jurisdiction'] as const) : []),
      ...(q.offense.length ? (['offense'] as const) : []),
      ...(q.courtLevel.length ? (['court_level'] as const) : []),
      ...(q.provision.length ? (['provision'] as const) : []),
      ...(q.fromTs !== undefined || q.toTs !== undefined ? (['date'] as const) : []),
    ]);
    const own = (g: Group) => (selected.has(g) ? this.where(q, text, g) : w);
    const facets: Facets = {
      jurisdiction: this.counts('jurisdiction', own('jurisdiction')),
      offense: this.counts('offenses', own('offense')),
      court_level: this.counts('courtLevel', own('court_level')),
      provision: this.counts('provisions', own('provision')),
      instrument: this.counts('instruments', own('provision')),
      year: this.counts('year', own('date')),
    };
    if (text) {
      // The best passage of each hit, among that case's passages only.
      const best = this.stmt(`SELECT seq, snippet(passages_fts, 0, '<mark>', '</mark>', '…', 30) AS s FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rank LIMIT 1`);
      for (const h of hits) if (h.p_first !== null) h.passage = best.get(text, h.p_first, h.p_last)?.s;
    }
    return { total, facets, hits };
  }
}

function build(Sqlite: DatabaseConstructor, file: string, cases: Doc[], passages: Doc[]): Database {
  fs.rmSync(file, { force: true });
  const db = new Sqlite(file);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE cases (rid INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT, summary TEXT, court TEXT, court_level TEXT, jurisdiction TEXT, year INTEGER, decision_ts INTEGER, decision_date TEXT, p_first INTEGER, p_last INTEGER);
    CREATE TABLE facet (rid INTEGER, attr TEXT, value TEXT);
    CREATE VIRTUAL TABLE cases_fts USING fts5(title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE passages_fts USING fts5(text, seq UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');`);
  const rid = new Map<string, number>();
  const insertCase = db.prepare('INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)');
  const insertFacet = db.prepare('INSERT INTO facet VALUES (?, ?, ?)');
  const insertFts = db.prepare('INSERT INTO cases_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)');
  const insertPassage = db.prepare('INSERT INTO passages_fts (rowid, text, seq) VALUES (?, ?, ?)');
  const setRange = db.prepare('UPDATE cases SET p_first = ?, p_last = ? WHERE rid = ?');
  db.transaction(() => {
    cases.forEach((c, i) => {
      const r = i + 1;
      rid.set(String(c.id), r);
      insertCase.run(r, c.id, c.title, c.summary ?? '', c.court ?? '', c.courtLevel ?? null, c.jurisdiction ?? null, c.year ?? null, c.decisionTs ?? null, c.decisionDate ?? '');
      for (const attr of ['offenses', 'provisions', 'instruments']) for (const v of new Set(strings(c[attr]))) insertFacet.run(r, attr, v);
      const body = Object.keys(c).filter((k) => /^body\d*$/.test(k)).map((k) => String(c[k])).join('\n');
      insertFts.run(r, c.title, c.summary ?? '', body);
    });
    // Each case's passages get consecutive rowids, so "the passages of this case" is a rowid
    // range, which FTS5 narrows to without reading the whole doclist of a common word.
    const byCase = new Map<string, Doc[]>();
    for (const p of passages) (byCase.get(String(p.caseId)) ?? (byCase.set(String(p.caseId), []).get(String(p.caseId)) as Doc[])).push(p);
    let next = 1;
    for (const [caseId, list] of byCase) {
      const r = rid.get(caseId);
      if (r === undefined) continue;
      const first = next;
      for (const p of list) insertPassage.run(next++, p.text, p.seq);
      setRange.run(first, next - 1, r);
    }
  })();
  db.exec(`CREATE INDEX facet_attr_value ON facet (attr, value, rid); CREATE INDEX facet_rid ON facet (rid, attr);
    CREATE INDEX cases_jurisdiction ON cases (jurisdiction); CREATE INDEX cases_level ON cases (court_level); CREATE INDEX cases_ts ON cases (decision_ts);
    INSERT INTO cases_fts (cases_fts) VALUES ('optimize'); INSERT INTO passages_fts (passages_fts) VALUES ('optimize'); ANALYZE;`);
  return db;
}

const sameCounts = (a: Facets, b: Facets): boolean =>
  (Object.keys(a) as Array<keyof Facets>).every((k) => {
    const x = Object.entries(a[k]).filter(([, n]) => n > 0).sort();
    const y = Object.entries(b[k]).filter(([, n]) => n > 0).sort();
    return JSON.stringify(x) === JSON.stringify(y);
  });

/**
 * What a small team might build instead: the same final documents in SQLite FTS5 (one
 * table per index, facets as rows), the same query mix answered with the same parts (a
 * page of hits, the total, disjunctive facet counts, best passages), relevance aside.
 */
export async function benchSqlite(opts: { tmp: string; cases: Doc[]; passages: Doc[]; queries: string[]; requests: number; service: SearchService }): Promise<SqliteResult> {
  const Sqlite = loadSqlite();
  const file = path.join(opts.tmp, 'fts5.db');
  const t = performance.now();
  const db = build(Sqlite, file, opts.cases, opts.passages);
  const buildSeconds = (performance.now() - t) / 1000;
  const diskMiB = mib(['', '-wal', '-shm'].reduce((n, s) => n + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0), 0));
  try {
    const search = new SqliteSearch(db);
    const parsed = opts.queries.map((q) => parseSearchQuery(Object.fromEntries([...new URLSearchParams(q).keys()].map((k) => { const all = new URLSearchParams(q).getAll(k); return [k, all.length > 1 ? all : all[0]]; }))));
    const agreement = [];
    for (const [i, q] of parsed.entries()) {
      const a = search.search(q);
      const b = await opts.service.search(q);
      agreement.push({ query: opts.queries[i] as string, sqliteTotal: a.total, meilisearchTotal: b.total, facetsEqual: sameCounts(a.facets, b.facets) });
    }
    for (let k = 0; k < parsed.length; k++) search.search(parsed[k] as SearchQuery);
    // better-sqlite3 is synchronous: one query at a time per process, so concurrency 1.
    // Each side gets the same number of requests, at most what fits in about a minute.
    const once = performance.now();
    for (const q of parsed) search.search(q);
    const perRotation = (performance.now() - once) / 1000;
    const requests = Math.max(parsed.length, Math.min(opts.requests, Math.floor((60 / Math.max(perRotation, 1e-3)) * parsed.length)));
    const stats = await load(requests, 1, (i) => void search.search(parsed[i % parsed.length] as SearchQuery));
    const meilisearchPath = await load(requests, 1, async (i) => void (await opts.service.search(parsed[i % parsed.length] as SearchQuery)));
    return { buildSeconds, diskMiB, requests, stats, meilisearchPath, agreement };
  } finally {
    db.close();
  }
}
