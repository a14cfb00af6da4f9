/**
 * Meilisearch puts highlight tags into the raw stored text. We ask for private-use
 * sentinel characters instead of tags, escape the whole string, and only then turn the
 * sentinels into <mark>: no HTML from a document ever reaches the page unescaped.
 */
export const PRE = '\uE000';
export const POST = '\uE001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`=]/g, (c) => ESCAPES[c] ?? c);
}

/** Escaped HTML with <mark> around the matched words; unbalanced sentinels are dropped. */
export function highlightToHtml(s: string): string {
  let open = false;
  let out = '';
  for (const part of s.split(/([\uE000\uE001])/)) {
    if (part === PRE) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === POST) {
      if (open) out += '</mark>';
      open = false;
    } else out += escapeHtml(part);
  }
  return open ? `${out}</mark>` : out;
}

/** The same text without any sentinel, for plain-text contexts. */
export function stripSentinels(s: string): string {
  return s.replace(/[\uE000\uE001]/g, '');
}

export interface LinkSpan {
  start: number;
  end: number;
  href: string;
  title: string;
}

/**
 * Like highlightToHtml, and also turns spans of the raw text (offsets that ignore the
 * sentinels) into links. A <mark> crossing a link boundary is closed and reopened so the
 * HTML stays well nested.
 */
export function highlightWithLinks(s: string, links: LinkSpan[]): string {
  if (!links.length) return highlightToHtml(s);
  const sorted = [...links].sort((a, b) => a.start - b.start).filter((l, i, arr) => i === 0 || l.start >= (arr[i - 1] as LinkSpan).end);
  let out = '';
  let raw = 0;
  let marked = false;
  let link: LinkSpan | undefined;
  let next = 0;
  let buf = '';
  const flush = (): void => {
    out += escapeHtml(buf);
    buf = '';
  };
  for (const ch of s) {
    if (ch === PRE || ch === POST) {
      flush();
      if (ch === PRE && !marked) out += '<mark>';
      if (ch === POST && marked) out += '</mark>';
      marked = ch === PRE;
      continue;
    }
    if (link && raw === link.end) {
      flush();
      out += marked ? '</mark></a><mark>' : '</a>';
      link = undefined;
    }
    const candidate = sorted[next];
    if (!link && candidate && raw === candidate.start) {
      flush();
      out += `${marked ? '</mark>' : ''}<a class="cite" href="${escapeHtml(candidate.href)}" title="${escapeHtml(candidate.title)}">${marked ? '<mark>' : ''}`;
      link = candidate;
      next++;
    }
    buf += ch;
    raw += ch.length;
  }
  flush();
  if (link) out += marked ? '</mark></a>' : '</a>';
  else if (marked) out += '</mark>';
  return out;
}
