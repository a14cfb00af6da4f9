import type { Catalogue } from './catalogue.js';

/** A citation found in a text, with where it was found so pages can highlight it. */
export type Citation =
  | { kind: 'treaty-article'; provision: string; instrument: string; article: string; start: number; end: number; text: string }
  | { kind: 'statute'; text: string; start: number; end: number };

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface InstrumentMention {
  instrument: string;
  start: number;
  end: number;
  /** A generic short form ("the Protocol") rather than a name. */
  generic: boolean;
}

/** Generic names that refer back to the last instrument of that kind fully named. */
const GENERIC: Array<{ re: RegExp; kind: 'protocol' | 'convention' }> = [
  { re: /\b(?:the|this|that|said|du|del|le|la|el)\s+(Protocol|Protocole|Protocolo)\b/gi, kind: 'protocol' },
  { re: /\b(?:the|this|that|said|de la|la)\s+(Convention|Convención|Convenio)\b/gi, kind: 'convention' },
];

/** Builds one regex per instrument from its names and aliases (longest first). */
function instrumentPatterns(catalogue: Catalogue): Array<{ instrument: string; re: RegExp; kind: 'protocol' | 'convention' }> {
  const out = [];
  for (const inst of catalogue.instruments.values()) {
    const names = [inst.title, inst.shortTitle, ...inst.aliases, catalogue.abbreviation(inst.id)]
      // Titles are often cited without "United Nations" or the "supplementing ..." tail.
      .flatMap((n) => [n, n.replace(/^United Nations\s+/i, ''), n.replace(/,?\s+supplementing\b.*$/i, '')])
      .map((n) => n.trim())
      .filter((n) => n.length >= 3)
      // An alias as vague as "1988 Convention" or "Palermo Protocol" alone would catch too much.
      .filter((n) => !/^(the )?(1988 )?convention$/i.test(n));
    const unique = [...new Set(names)].sort((a, b) => b.length - a.length);
    const alternation = unique.map((n) => escapeRe(n).replace(/\s+/g, '\\s+')).join('|');
    const kind: 'protocol' | 'convention' = /protocol/i.test(inst.shortTitle) ? 'protocol' : 'convention';
    out.push({ instrument: inst.id, re: new RegExp(`(?<![\\w-])(?:${alternation})(?![\\w-])`, 'gi'), kind });
  }
  return out;
}

function findInstrumentMentions(text: string, catalogue: Catalogue): InstrumentMention[] {
  const named: Array<InstrumentMention & { kind: 'protocol' | 'convention' }> = [];
  for (const { instrument, re, kind } of instrumentPatterns(catalogue)) {
    for (const m of text.matchAll(re)) named.push({ instrument, start: m.index, end: m.index + m[0].length, generic: false, kind });
  }
  // Where two names overlap ("Convention on the Law of the Sea" inside a longer title), keep the longest.
  named.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof named = [];
  for (const m of named) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  const generic: InstrumentMention[] = [];
  for (const { re, kind } of GENERIC) {
    for (const m of text.matchAll(re)) {
      if (kept.some((k) => m.index >= k.start && m.index < k.end)) continue;
      const before = [...kept].reverse().find((k) => k.end <= m.index && k.kind === kind);
      if (before) generic.push({ instrument: before.instrument, start: m.index, end: m.index + m[0].length, generic: true });
    }
  }
  return [...kept, ...generic].sort((a, b) => a.start - b.start);
}

/**
 * "Article 101", "art. 8(7)", "Articles 100 to 107", "arts. 3 and 6", "Article 3bis", "artículo 8", "article 110".
 * Not matched: "article" without a number, "Article I" (roman numerals are not used by these treaties).
 */
const ARTICLE_REF =
  /\b(?:Art(?:icles?|s?\.|ículos?|ikel)|art(?:icles?|s?\.|ículos?)|ARTICLES?)\s*((?:\d{1,3}(?:\s?(?:bis|ter|quater))?(?:\s*\([0-9a-z]{1,4}\))*(?:\s*(?:,|and|to|-|–|y|et|a|al|through)\s*)?)+)/g;

function expandNumbers(list: string): string[] {
  const out: string[] = [];
  const tokens = [...list.replace(/\([0-9a-z]{1,4}\)/g, ' ').matchAll(/(\d{1,3})(?:\s?(bis|ter|quater))?|\b(to|through|a|al|-|–)\b|[-–]/g)];
  let rangeNext = false;
  for (const t of tokens) {
    if (t[1]) {
      const num = `${t[1]}${t[2] ?? ''}`;
      const prev = out[out.length - 1];
      if (rangeNext && prev && /^\d+$/.test(prev) && /^\d+$/.test(num) && Number(num) > Number(prev) && Number(num) - Number(prev) <= 60) {
        for (let n = Number(prev) + 1; n <= Number(num); n++) out.push(String(n));
      } else out.push(num);
      rangeNext = false;
    } else rangeNext = true;
  }
  return out;
}

/**
 * Finds treaty-article citations and normalises them to canonical ids. An article
 * reference is tied to the instrument named right after it ("Article 101 of UNCLOS",
 * "article 110 de la Convention...") or right before it ("UNCLOS, art. 101").
 */
export function findTreatyCitations(text: string, catalogue: Catalogue): Citation[] {
  const mentions = findInstrumentMentions(text, catalogue);
  const out: Citation[] = [];
  for (const m of text.matchAll(ARTICLE_REF)) {
    const start = m.index;
    const end = start + m[0].replace(/[\s,]+(?:and|to|et|y|a|al)?\s*$/, '').length;
    const after = mentions.find((x) => x.start >= end && x.start - end <= 12 + (/^\s*(?:of|de|del|du|of the|de la)\b/i.test(text.slice(end, x.start)) ? 40 : 0) && /^[\s,]*(?:(?:of|de|del|du|under|in)\b[^.;]*)?$/i.test(text.slice(end, x.start)));
    const before = [...mentions].reverse().find((x) => x.end <= start && start - x.end <= 6 && /^[\s,(]*$/.test(text.slice(x.end, start)));
    const target = after ?? before;
    if (!target) continue;
    const inst = catalogue.instruments.get(target.instrument);
    for (const num of expandNumbers(m[1] ?? '')) {
      const known = inst?.articles.some((a) => a.number === num) ?? false;
      // A number the instrument does not have is a misread (a page or paragraph number), not a citation.
      if (inst && inst.articles.length > 0 && !known) continue;
      const s = Math.min(start, target.start);
      const e = Math.max(end, target.end);
      out.push({ kind: 'treaty-article', provision: `${target.instrument}/${num}`, instrument: target.instrument, article: num, start: s, end: e, text: text.slice(s, e) });
    }
  }
  return out;
}

/** National statutes: "18 U.S.C. § 1651", "46 U.S.C. §§ 70503, 70506", "section 69 of the Penal Code", "s. 25 of the Immigration Act 1971". */
const STATUTE_PATTERNS: RegExp[] = [
  /\b\d{1,2}\s+U\.\s?S\.\s?C\.(?:\s*A\.)?\s*§§?\s*\d+[a-z]?(?:\([a-z0-9]+\))*(?:\s*(?:,|and|-)\s*\d+[a-z]?(?:\([a-z0-9]+\))*(?![\d\s]*U\.\s?S))*/g,
  /\b(?:[Ss]ection|[Ss]\.|§)\s*\d+[A-Z]?(?:\(\d+\))*(?:\([a-z]\))?\s+of\s+the\s+(?:[A-Z][\w'()]*\s+){0,6}(?:Act|Code|Ordinance|Decree)(?:\s+(?:of\s+)?\d{4})?(?:\s*\((?:Cap\.|Cth)[^)]*\))?/g,
  /\b(?:[A-Z][\w']*\s+){1,6}(?:Act|Code)\s+\d{4}(?:\s*\((?:Cth|Cap\.?\s*\d+)\))?,?\s+(?:s|ss|section|sections)\.?\s*\d+[A-Z]?(?:\(\d+\))*/g,
];

export function findStatuteCitations(text: string): Citation[] {
  const out: Citation[] = [];
  for (const re of STATUTE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      if (out.some((c) => m.index < c.end && m.index + m[0].length > c.start)) continue;
      out.push({ kind: 'statute', text: m[0].replace(/\s+/g, ' ').trim(), start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Distinct canonical provision ids, in order of first citation. */
export function provisionIds(citations: Citation[]): string[] {
  const ids: string[] = [];
  for (const c of citations) if (c.kind === 'treaty-article' && !ids.includes(c.provision)) ids.push(c.provision);
  return ids;
}
