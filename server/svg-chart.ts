import { escapeHtml } from './highlight.js';

export interface Bar {
  label: string;
  value: number;
  href?: string;
}

/**
 * A bar chart as inline SVG, drawn on the server: no script, no external file, readable
 * by screen readers through its <title> and the per-bar <title>s. Bars may be links.
 */
export function barChartSvg(bars: Bar[], opts: { title: string; width?: number; height?: number }): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 160;
  const pad = { top: 10, right: 8, bottom: 24, left: 28 };
  const max = Math.max(1, ...bars.map((b) => b.value));
  const inner = width - pad.left - pad.right;
  const bw = bars.length ? inner / bars.length : inner;
  const h = height - pad.top - pad.bottom;
  const labelEvery = Math.max(1, Math.ceil(bars.length / 12));
  const parts = bars.map((b, i) => {
    const bh = (b.value / max) * h;
    const x = pad.left + i * bw;
    const y = pad.top + h - bh;
    const rect = `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${bh.toFixed(1)}" class="bar"><title>${escapeHtml(`${b.label}: ${b.value}`)}</title></rect>`;
    const label = i % labelEvery === 0 ? `<text x="${(x + bw / 2).toFixed(1)}" y="${height - 8}" text-anchor="middle" class="axis">${escapeHtml(b.label)}</text>` : '';
    return b.href ? `<a href="${escapeHtml(b.href)}">${rect}</a>${label}` : `${rect}${label}`;
  });
  // An image role hides its children from assistive technology, so a chart with links is a group.
  const role = bars.some((b) => b.href) ? 'group' : 'img';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="${role}" aria-label="${escapeHtml(opts.title)}" class="chart"><title>${escapeHtml(opts.title)}</title><text x="4" y="${pad.top + 8}" class="axis">${max}</text><line x1="${pad.left}" y1="${pad.top + h}" x2="${width - pad.right}" y2="${pad.top + h}" class="baseline"/>${parts.join('')}</svg>`;
}

/** Consecutive years from the first to the last with a value, gaps as zero. */
export function yearSeries(counts: Record<string, number>, hrefOf?: (year: number) => string): Bar[] {
  const years = Object.keys(counts).map(Number).filter((y) => y > 0);
  if (!years.length) return [];
  const out: Bar[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push({ label: String(y), value: counts[String(y)] ?? 0, ...(hrefOf ? { href: hrefOf(y) } : {}) });
  return out;
}
