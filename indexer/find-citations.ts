import { escapeRe } from './tokenize.js';
import fs from 'node:fs';
import type { Catalogue } from './catalogue.js';

/** A citation found in a text, with where it was found so pages can highlight it. */
export type Citation =
  | { kind: 'treaty-article'; provision: string; instrument: string; article: string; start: number; end: number; text: string; form: 'full' | 'short' | 'bare' }
  | { kind: 'statute'; text: string; start: number; end: number };

const EXTRA = JSON.parse(fs.readFileSync(new URL('./data/instrument-aliases.json', import.meta.url), 'utf8')) as Record<string, { maxArticle: number; names: string[] }>;


interface Mention {
  instrument: string;
  start: number;
  end: number;
  /** A generic short form ("the Protocol", "ladite Convention", "Id.") resolved to an earlier full mention. */
  generic: boolean;
}

type Kind = 'protocol' | 'convention';

/**
 * Generic names that refer back to the last instrument of that kind fully named:
 * "the Convention", "this Protocol", "ladite Convention", "dicho Convenio", "la Convención".
 */
const GENERIC: Array<{ re: RegExp; kind: Kind | 'any' }> = [
  { re: /(?<![\p{L}])(?:the|this|that|said|du|ledit|le|la|ladite|cette|del|el|la|dicho|dicha|citado|citada|mencionado|mencionada)\s+(?:said\s+|same\s+|même\s+|mismo\s+|misma\s+)?(?:Protocol|Protocole|Protocolo)(?![\p{L}])/giu, kind: 'protocol' },
  { re: /(?<![\p{L}])(?:the|this|that|said|de\s+la|la|ladite|cette|de\s+cette|dicha|dicho|citada|citado|mencionada|el|del|la\s+misma)\s+(?:said\s+|same\s+|même\s+|mismo\s+|misma\s+)?(?:Convention|Convención|Convenio)(?![\p{L}])/giu, kind: 'convention' },
  { re: /(?<![\p{L}])(?:Id\.|Ibid\.?|ibidem|Ibíd\.?)/gu, kind: 'any' },
];

interface Pattern {
  instrument: string;
  re: RegExp;
  kind: Kind;
}

const patternCache = new WeakMap<Catalogue, Pattern[]>();

/** One regex per instrument from its names and aliases, longest first. */
function instrumentPatterns(catalogue: Catalogue): Pattern[] {
  const cached = patternCache.get(catalogue);
  if (cached) return cached;
  const out: Pattern[] = [];
  const ids = new Set([...catalogue.instruments.keys(), ...Object.keys(EXTRA)]);
  for (const id of ids) {
    const inst = catalogue.instruments.get(id);
    const names = [inst?.title ?? '', inst?.shortTitle ?? '', ...(inst?.aliases ?? []), ...(EXTRA[id]?.names ?? []), catalogue.abbreviation(id)]
      .flatMap((n) => [n, n.replace(/^United Nations\s+/i, ''), n.replace(/,?\s+supplementing\b.*$/i, ''), n.replace(/,?\s+(?:additionnel|que complementa)\b.*$/i, '')])
      .map((n) => n.trim())
      .filter((n) => n.length >= 3 && !/^(the )?convention$/i.test(n));
    const unique = [...new Set(names)].sort((a, b) => b.length - a.length);
    if (!unique.length) continue;
    const alternation = unique.map((n) => escapeRe(n).replace(/\s+/g, '[\\s\\n]+').replace(/['’]/g, "['’]")).join('|');
    const kind: Kind = /protocol|protocole|protocolo/i.test(inst?.shortTitle ?? unique[0] ?? '') ? 'protocol' : 'convention';
    // "Vienna Convention on the Law of Treaties" or "on Consular Relations" is not the drug convention.
    const tail = id === 'vienna-1988' ? '(?!\\s+on\\s+(?:the\\s+Law\\s+of\\s+Treaties|Consular|Diplomatic))' : '';
    out.push({ instrument: id, re: new RegExp(`(?<![\\p{L}\\d-])(?:${alternation})(?![\\p{L}\\d-])${tail}`, 'giu'), kind });
  }
  patternCache.set(catalogue, out);
  return out;
}

function findMentions(text: string, catalogue: Catalogue, defaultConvention?: string): Mention[] {
  const named: Array<Mention & { kind: Kind }> = [];
  for (const { instrument, re, kind } of instrumentPatterns(catalogue)) {
    for (const m of text.matchAll(re)) named.push({ instrument, start: m.index, end: m.index + m[0].length, generic: false, kind });
  }
  // Overlapping names: keep the longest ("Convention on the Law of the Sea" inside a longer title).
  named.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof named = [];
  for (const m of named) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  // "Protocol against the Smuggling of Migrants ..., supplementing the United Nations Convention
  // against Transnational Organized Crime": the Convention named in a Protocol's title is part of it.
  for (let i = 0; i + 1 < kept.length; i++) {
    const a = kept[i] as (typeof kept)[number];
    const b = kept[i + 1] as (typeof kept)[number];
    if (a.kind === 'protocol' && b.kind === 'convention' && /^[\s,]*(?:supplementing|que complementa|additionnel(?:le)? à|compl[ée]mentaire (?:à|de)|adicional a)\s+(?:the\s+|la\s+)?$/iu.test(text.slice(a.end, b.start))) {
      a.end = b.end;
      kept.splice(i + 1, 1);
    }
  }
  const out: Mention[] = [...kept];
  for (const { re, kind } of GENERIC) {
    for (const m of text.matchAll(re)) {
      if (kept.some((k) => m.index < k.end && m.index + m[0].length > k.start)) continue;
      const before = [...kept].reverse().find((k) => k.end <= m.index && (kind === 'any' || k.kind === kind));
      // In a human-rights court's judgment "the Convention" is its own, unless another was named just before.
      if (defaultConvention && kind === 'convention' && (!before || m.index - before.end > 60)) {
        out.push({ instrument: defaultConvention, start: m.index, end: m.index + m[0].length, generic: true });
      } else if (before) out.push({ instrument: before.instrument, start: m.index, end: m.index + m[0].length, generic: true });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * An article reference: "Article 101", "art. 8(7)", "Articles 100 to 107", "arts. 3 and 6",
 * "Article 3bis", "Article 5 § 1", "artículos 100 a 107", "l'article 110", "Art. 110(1)(d)".
 * Not matched: "article" without a number; numbers with a hyphen ("article 224-6", a code).
 */
const ARTICLE_REF =
  /(?<![\p{L}])(?:Art(?:icles?|s?\.|ículos?|ículo)|art(?:icles?|s?\.|ículos?|ículo)|ARTICLES?|ART\.|Arts?(?=\s+\d))\s*((?:\d{1,3}(?:\s?(?:bis|ter|quater))?(?:[°º]|er\b)?(?![\d])(?!\.\d)(?:\s*\([0-9a-z]{1,4}\))*(?:,?\s*(?:§§?|paras?\.?|paragraphs?|paragraphes?|al\.|alinéas?|párrafos?|apartados?|incisos?|letra|lettre|subparagraphs?|points?)\s*\d+(?:\s*\([a-z]\))?(?:\s*(?:et|and|y|,)\s*\d+(?![\d\s]*(?:de|of|du|del)\b)(?:\s*\([a-z]\))?)*,?)?(?:\s*(?:,|and|to|-|–|y|et|a|à|al|through|ou|o|or)\s*(?=\d))?)+)/gu;

function expandNumbers(list: string): string[] {
  const out: string[] = [];
  const cleaned = list.replace(/\([0-9a-z]{1,4}\)/g, ' ').replace(/,?\s*(?:§§?|paras?\.?|paragraphs?|paragraphes?|al\.|alinéas?|párrafos?|apartados?|incisos?|letra|lettre|subparagraphs?|points?)\s*\d+(?:\s*(?:et|and|y|,)\s*\d+)*/gu, ' ');
  const tokens = [...cleaned.matchAll(/(\d{1,3})(?:\s?(bis|ter|quater))?|(?<![\p{L}])(to|through|a|à|al)(?![\p{L}])|[-–]/gu)];
  let rangeNext = false;
  for (const t of tokens) {
    if (t[1]) {
      const num = `${t[1]}${t[2] ?? ''}`;
      const prev = out[out.length - 1];
      if (rangeNext && prev && /^\d+$/.test(prev) && /^\d+$/.test(num)) {
        // "224-6" is a code's article number, not a range of treaty articles.
        if (Number(num) <= Number(prev) || Number(num) - Number(prev) > 60) return [];
        for (let n = Number(prev) + 1; n <= Number(num); n++) out.push(String(n));
      } else out.push(num);
      rangeNext = false;
    } else rangeNext = true;
  }
  return out;
}

/** Text between an article reference and the instrument after it: "of the", "de la", "of the 1988", "du". */
const LINK_AFTER = /^[\s,]*(?:(?:and|or|et|y|,)\s*\([0-9a-z]{1,4}\)\s*)*(?:,?\s*(?:§§?|paras?\.?|paragraphs?|paragraphes?|al\.|alinéas?|párrafos?|apartados?|incisos?|letra|lettre|subparagraphs?|points?)\s*[\da-z]{1,3}\)?\s*)*,?\s*(?:(?:of|de|del|du|des|under|in|from)(?:\s+(?:the|la|le|los|las|l['’]|dicha|dicho|ladite|ledit|said))?(?:\s+(?:même|same|misma|mismo))?(?:\s+(?:1982|1988|1979|2000|2005|1950|1956))?[\s,]*)?$/i;
/** Text between an instrument and an article after it: "UNCLOS, art. 101", "(SUA), Article 3", "..., en son article 8", "Protocole, art. 3". */
const LINK_BEFORE = /^[\s,()]*(?:(?:[\p{L}]+\s+){0,2}(?:en son|in its|en su|at|à son|dans son|sous son)\s*)?$/iu;
/** After a bare article number: a national law, not a treaty. */
const NATIONAL_AFTER = /^[\s,°º]*(?:(?:(?:and|or|et|y|,)\s*)?\([^)]{0,12}\)\s*)*(?:,?\s*(?:paragraph|para\.?|§|alinéa|apartado|párrafo|inciso)\s*\d+,?\s*)?(?:of|de|del|du|des|from)\s+(?:the\s+|la\s+|le\s+|l['’])?(?:[A-Z][\p{L}]+\s+)*?(?:Constitution|Code|Act|Penal|Criminal|Law|Ordinance|Decree|Regulations?|Rules|Statute|Constituci[óo]n|C[óo]digo|Ley|Reglamento|Decreto|code|loi|d[ée]cret|ordonnance|r[èe]glement|reglamento|Règlement|Rules of (?:the )?(?:Tribunal|Court)|Wetboek|Sr\b|CP\b|LECrim|LOPJ)/u;

function validNumber(catalogue: Catalogue, instrument: string, num: string): boolean {
  const inst = catalogue.instruments.get(instrument);
  if (inst?.articles.some((a) => a.number === num)) return true;
  const max = EXTRA[instrument]?.maxArticle;
  const n = Number.parseInt(num, 10);
  if (max !== undefined) return n >= 1 && n <= max && (/^\d+$/.test(num) || instrument === 'sua');
  return !inst || inst.articles.length === 0;
}

/**
 * Finds treaty-article citations and normalises them to canonical ids. An article
 * reference is tied to the instrument named right after it ("Article 101 of UNCLOS",
 * "article 110 de la Convention..."), right before it ("UNCLOS, art. 101"), or, for a
 * bare "Article 105", to the instrument the passage is discussing (the last one named in
 * the previous 1,500 characters) unless a national law follows it ("of the Penal Code").
 *
 * @example provisionIds(findTreatyCitations('art. 101 UNCLOS', catalogue)) // ['unclos/101']
 */
export function findTreatyCitations(text: string, catalogue: Catalogue, opts: { defaultConvention?: string } = {}): Citation[] {
  const mentions = findMentions(text, catalogue, opts.defaultConvention);
  const out: Citation[] = [];
  for (const m of text.matchAll(ARTICLE_REF)) {
    const start = m.index;
    const end = start + m[0].replace(/[\s,]+(?:and|to|et|y|a|à|al|or|ou|o)?\s*$/u, '').length;
    const after = mentions.find((x) => x.start >= end && x.start - end <= 45 && LINK_AFTER.test(text.slice(end, x.start)));
    const before = [...mentions].reverse().find((x) => x.end <= start && start - x.end <= 32 && LINK_BEFORE.test(text.slice(x.end, start)));
    let target = after ?? before;
    let form: 'full' | 'short' | 'bare' = target ? (target.generic ? 'short' : 'full') : 'bare';
    if (!target) {
      const follow = text.slice(end, end + 90);
      if (NATIONAL_AFTER.test(follow)) continue;
      // "of the Convention" style links to something we do not know: not ours.
      if (/^[\s,]*(?:of|de|del|du)\s+(?:the\s+|la\s+|le\s+|l['’])?[A-Z]/u.test(follow)) continue;
      // "the said Article 17": the instrument of the last citation of that article, else the
      // instrument the passage is about (the last one named shortly before).
      const nums = expandNumbers(m[1] ?? '');
      const earlier = [...out].reverse().find((c) => c.kind === 'treaty-article' && nums.includes(c.article));
      target = earlier && earlier.kind === 'treaty-article' ? { instrument: earlier.instrument, start: earlier.start, end: earlier.end, generic: true } : [...mentions].reverse().find((x) => x.end <= start && start - x.end <= 600);
      if (!target) continue;
      // A bare number must be an article we know, or sit close to the instrument in a sentence
      // that names no national law: codes are cited bare too ("artículos 163 y 164").
      const known = catalogue.instruments.get(target.instrument);
      const sentence = text.slice(Math.max(text.lastIndexOf('.', start) + 1, start - 300), Math.min(text.length, end + 200));
      const near = start - target.end <= 300 && !/\b(?:Code|C[óo]digo|code|Ley|loi|Act|Constitution|Constituci[óo]n|Penal|pénal|Rules|r[èe]glement)\b/u.test(sentence);
      if (!earlier && !nums.every((n) => known?.articles.some((a) => a.number === n)) && !near) continue;
      form = 'bare';
    }
    for (const num of expandNumbers(m[1] ?? '')) {
      // A number the instrument does not have is a misread (a page or paragraph number), not a citation.
      if (!validNumber(catalogue, target.instrument, num)) continue;
      const s = form === 'bare' ? start : Math.min(start, target.start);
      const e = form === 'bare' ? end : Math.max(end, target.end);
      out.push({ kind: 'treaty-article', provision: `${target.instrument}/${num}`, instrument: target.instrument, article: num, start: s, end: e, text: text.slice(s, e), form });
    }
  }
  return [...out, ...continuationCitations(text, mentions, catalogue, out)].sort((a, b) => a.start - b.start);
}

/**
 * The French and Spanish "moyen" style lists articles of several instruments after one
 * "articles": "des articles 5 § 1 de la Convention européenne ..., 101 et 105 de la
 * Convention des Nations Unies sur le droit de la mer". The continuation numbers count
 * only right before a named instrument.
 */
const CONTINUATION = /(?<=[,;]\s{0,3})(\d{1,3}(?:\s*(?:§\s*\d+|\([0-9a-z]{1,3}\)))?(?:\s*(?:,|et|and|y)\s*\d{1,3}(?:\s*(?:§\s*\d+|\([0-9a-z]{1,3}\)))?)*)\s+(?:de\s+la|du|de\s+l['’]|del|of\s+the|de)\s+$/u;

function continuationCitations(text: string, mentions: Mention[], catalogue: Catalogue, taken: Citation[]): Citation[] {
  const out: Citation[] = [];
  for (const mention of mentions) {
    if (mention.generic) continue;
    const window = text.slice(Math.max(0, mention.start - 60), mention.start);
    const m = CONTINUATION.exec(window);
    if (!m) continue;
    const start = mention.start - window.length + m.index;
    if (taken.some((c) => c.start <= start && c.end > start)) continue;
    for (const num of expandNumbers((m[1] ?? '').replace(/§\s*\d+/g, ''))) {
      if (!validNumber(catalogue, mention.instrument, num)) continue;
      out.push({ kind: 'treaty-article', provision: `${mention.instrument}/${num}`, instrument: mention.instrument, article: num, start, end: mention.end, text: text.slice(start, mention.end), form: 'full' });
    }
  }
  return out;
}

/** National statutes: "18 U.S.C. § 1651", "46 U.S.C. §§ 70503, 70506", "section 69 of the Penal Code", "s. 25 of the Immigration Act 1971", "article 224-6 du code pénal". */
const STATUTE_PATTERNS: RegExp[] = [
  /\b\d{1,2}\s+U\.\s?S\.\s?C\.(?:\s*A\.)?\s*§§?\s*\d+[a-z]?(?:\([a-z0-9]+\))*(?:\s*(?:,|and|-)\s*\d+[a-z]?(?:\([a-z0-9]+\))*(?![\d\s]*U\.\s?S))*/g,
  /\b(?:[Ss]ections?|[Ss]s?\.|§§?)\s*\d+[A-Z]?(?:\(\d+\))*(?:\([a-z]\))?(?:\s*(?:and|,|to)\s*\d+[A-Z]?(?:\(\d+\))*)*\s+of\s+the\s+(?:[A-Z][\w'()]*\s+){0,6}(?:Act|Code|Ordinance|Decree)(?:,?\s+(?:of\s+)?\d{4})?(?:\s*\((?:Cap\.|Cth)[^)]*\))?/g,
  /\b(?:[A-Z][\w']*\s+){1,6}(?:Act|Code)(?:,)?\s+\d{4}(?:\s*\((?:Cth|Cap\.?\s*\d+)\))?,?\s+(?:s|ss|section|sections)\.?\s*\d+[A-Z]?(?:\(\d+\))*/g,
  /\b[Aa]rt(?:icles?|s?\.)\s*[LRD]?\.?\s*\d+(?:[-‑]\d+)+(?:\s*(?:et|and|à)\s*[LRD]?\.?\s*\d+(?:[-‑]\d+)*)?\s+(?:du|of the|de la|del)\s+(?:nouveau\s+)?(?:code|Code)\s+[\p{L} ]{3,40}?(?=[,.;)]|\s+(?:et|qui|dans|en)\b)/gu,
  /\b[Aa]rt(?:ículos?|\.)\s*\d+(?:\s?bis)?(?:\.\d+)?(?:\s*(?:y|,)\s*\d+(?:\s?bis)?)*\s+(?:del|de la)\s+(?:C[óo]digo\s+(?:Penal|Procesal Penal|de Procedimiento Penal)|Ley\s+(?:Org[áa]nica\s+)?[\d/]+(?:,\s+de\s+\d{1,2}\s+de\s+\p{L}+)?|Ley Org[áa]nica del Poder Judicial|LOPJ|CP)/gu,
  /\b[Aa]rt(?:icle|\.)\s*\d+\s+(?:of the\s+)?(?:Constitution|Wetboek van Strafrecht|Sr)\b/g,
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
