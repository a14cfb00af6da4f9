/**
 * Splits the official text of a treaty (Markdown, plain text or text from a PDF) into
 * articles: number, heading, part and paragraphs.
 */

export interface SplitArticle {
  number: string;
  title: string;
  part: string;
  paragraphs: string[];
}

export interface SplitTreaty {
  title: string;
  articles: SplitArticle[];
}

/**
 * An article heading on a line of its own:
 *   "### Article  101", "###Article 3bis", "Article 8 bis", "ARTICLE 17", "Article 101. Definition of piracy"
 * Not matched: "article 3 of this Protocol" inside a sentence (lower case start and more words).
 */
const ARTICLE_HEADING = /^\s*#{0,6}\s*(?:Article|ARTICLE)\s+(\d{1,3})\s*((?:bis|ter|quater|quinquies|sexies)?)\b\s*(?:[.:\u2013\u2014-]\s*(.*))?$/;
/** "### PART  VII", "PART VII", "###I " (a bare roman numeral, as in the Protocols), "### SECTION  1". */
const PART_HEADING = /^\s*#{0,6}\s*(PART|Part|SECTION|Section|CHAPTER|Chapter)\s+([IVXLC\d]+[A-Z]?)\s*$|^\s*#{1,6}\s*([IVXLC]+)\s*$/;
const MD_HEADING = /^\s*#{1,6}\s*(.*?)\s*$/;

function cleanInline(s: string): string {
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // Markdown links: keep the words
    .replace(/\*+([^*]+)\*+/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

function isHeadingLike(line: string): boolean {
  const l = cleanInline(line.replace(MD_HEADING, '$1'));
  return l.length > 0 && l.length <= 140 && !/[.;:,]$/.test(l) && !/^[(\d]/.test(l) && !ARTICLE_HEADING.test(line);
}

function titleCase(s: string): string {
  return s === s.toUpperCase() ? s.charAt(0) + s.slice(1).toLowerCase() : s;
}

/**
 * Finds the articles of the first language version in the file. A treaty file may hold
 * several language versions one after another; the split stops when an article number
 * repeats (the next version starts again at article 1).
 *
 * @example splitTreaty('### Article  1\n\n####Scope\n\n1. This Protocol applies ...').articles[0].title // 'Scope'
 */
export function splitTreaty(source: string): SplitTreaty {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const articles: SplitArticle[] = [];
  const seen = new Set<string>();
  let current: (SplitArticle & { body: string[] }) | undefined;
  let part = '';
  let pendingPart: string | undefined;
  let title = '';

  const finish = (): void => {
    if (!current) return;
    const paragraphs = current.body
      .join('\n')
      .split(/\n\s*\n/)
      .map((p) => cleanInline(p.replace(/\n/g, ' ')))
      .filter((p) => p.length > 0);
    articles.push({ number: current.number, title: current.title, part: current.part, paragraphs });
    current = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!title) {
      const m = /^\s*#{1,6}\s*(.+?)\s*$/.exec(line);
      // The English title follows the Dutch one in the bundled Markdown files; take the first heading naming a treaty in English.
      if (m?.[1] && /\b(Convention|Protocol|Agreement|Treaty)\b/.test(m[1]) && !/\b(Verdrag|tegen|inzake)\b/.test(m[1])) title = cleanInline(m[1]);
    }
    if (!title && !current && articles.length === 0 && !/^\s*#/.test(line) && /\b(Convention|Protocol|Agreement|Treaty|CONVENTION|PROTOCOL|AGREEMENT)\b/.test(line) && line.trim().length < 400) {
      title = cleanInline(line);
    }
    if (/^\s*#{0,6}\s*Artikel\s+\d/.test(line)) break; // a Dutch version follows
    const partMatch = PART_HEADING.exec(line);
    if (partMatch) {
      const label = partMatch[1] ? `${titleCase(partMatch[1])} ${partMatch[2]}` : `Part ${partMatch[3]}`;
      // The heading of the part is usually the next non-empty line.
      let j = i + 1;
      while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
      const next = lines[j] ?? '';
      const name = isHeadingLike(next) && !PART_HEADING.test(next) ? titleCase(cleanInline(next.replace(MD_HEADING, '$1'))) : '';
      const full = name ? `${label}. ${name}` : label;
      const top = part.split(' \u203a ')[0] ?? '';
      // Sections nest under a Part or Chapter; a new Part, Chapter or top-level Section starts afresh.
      pendingPart = /^(Section|Subsection)/i.test(label) && /^(Part|Chapter)/.test(top) ? `${top} \u203a ${full}` : full;
      finish();
      part = pendingPart;
      if (name) i = j;
      continue;
    }
    const m = ARTICLE_HEADING.exec(line);
    if (m) {
      const number = `${m[1]}${(m[2] ?? '').toLowerCase()}`;
      if (seen.has(number)) break;
      finish();
      seen.add(number);
      let heading = cleanInline(m[3] ?? '');
      if (!heading) {
        let j = i + 1;
        while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
        const next = lines[j] ?? '';
        if (/^\s*#{1,6}/.test(next) ? !ARTICLE_HEADING.test(next) && !PART_HEADING.test(next) : isHeadingLike(next) && next.trim().split(/\s+/).length <= 14) {
          heading = cleanInline(next.replace(MD_HEADING, '$1'));
          i = j;
        }
      }
      current = { number, title: heading, part, paragraphs: [], body: [] };
      continue;
    }
    if (current) {
      if (/^\s*#{1,6}\s*$/.test(line)) continue;
      current.body.push(line.replace(MD_HEADING, (_all, h: string) => h));
    }
  }
  finish();
  return { title, articles };
}

/** A text looks like a treaty when it has several article headings and a treaty-like title. */
export function looksLikeTreaty(text: string): boolean {
  const head = text.slice(0, 5000);
  if (!/\b(Convention|Protocol|Agreement|Treaty)\b/.test(head)) return false;
  let count = 0;
  for (const line of text.split('\n')) if (ARTICLE_HEADING.test(line) && ++count >= 5) return true;
  return false;
}

export interface CrossReference {
  start: number;
  end: number;
  provision: string;
}

/**
 * References from one article of a treaty to others: "article 3 of this Protocol",
 * "as defined in article 2 (a) of the Convention" (in a Protocol: its parent
 * Convention), "articles 7 and 8", "referred to in article 16". Without an instrument
 * named, the reference is to the same instrument.
 */
export function findCrossReferences(paragraph: string, instrument: string, parent?: string): CrossReference[] {
  const out: CrossReference[] = [];
  const re = /\b[Aa]rticles?\s+(\d{1,3}(?:\s?(?:bis|ter|quater))?)((?:\s*(?:\([a-z0-9]{1,4}\))+)?(?:\s*(?:,|and|or|to)\s*\d{1,3}(?:\s?(?:bis|ter|quater))?(?:\s*\([a-z0-9]{1,4}\))*)*)(?:,?\s+(?:paragraph|subparagraph)\s+\d+(?:\s*\([a-z]\))?)?(\s+of\s+(?:this|the)\s+(Protocol|Convention|Agreement))?/g;
  for (const m of paragraph.matchAll(re)) {
    const which = m[4];
    let target = instrument;
    if (which && /^this$/i.test(m[3]?.trim().split(/\s+/)[1] ?? '') === false) {
      // "of the Convention" from a Protocol means its parent; "of the Protocol" from a convention is ambiguous.
      if (which === 'Convention' && parent) target = parent;
      else if (which === 'Protocol' && !parent) continue;
    }
    const nums = [m[1] ?? '', ...[...(m[2] ?? '').replace(/\([a-z0-9]{1,4}\)/g, '').matchAll(/\d{1,3}(?:\s?(?:bis|ter|quater))?/g)].map((x) => x[0])];
    const isRange = /\bto\b/.test(m[2] ?? '');
    const list = isRange && nums.length === 2 ? Array.from({ length: Math.max(0, Number(nums[1]) - Number(nums[0]) + 1) }, (_, i) => String(Number(nums[0]) + i)) : nums;
    for (const n of list) out.push({ start: m.index, end: m.index + m[0].length, provision: `${target}/${n.replace(/\s+/g, '')}` });
  }
  return out;
}

/** Terms an article defines: “"Smuggling of migrants" shall mean ...”, “"Vessel" means ...”. */
export function findDefinedTerms(paragraphs: string[]): string[] {
  const terms: string[] = [];
  for (const p of paragraphs) {
    for (const m of p.matchAll(/(?:``|[“"‘'])([^”"’'`]{2,80})(?:''|[”"’'])\s+(?:shall mean|means|refers to|shall include|includes|shall be understood)/g)) {
      const t = (m[1] ?? '').trim();
      if (t && !terms.includes(t.toLowerCase())) terms.push(t.toLowerCase());
    }
  }
  return terms;
}
