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
