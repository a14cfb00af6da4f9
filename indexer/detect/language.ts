/** Frequent function words per language; their counts are a robust language signal. */
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'of', 'and', 'that', 'was', 'which', 'with', 'for', 'this', 'were', 'had', 'not', 'court', 'by'],
  fr: ['le', 'la', 'les', 'des', 'du', 'est', 'que', 'une', 'qui', 'dans', 'pour', 'sur', 'par', 'au', 'aux', 'été'],
  es: ['el', 'los', 'las', 'del', 'que', 'por', 'una', 'con', 'para', 'como', 'fue', 'sus', 'al', 'se', 'lo'],
  nl: ['het', 'een', 'van', 'dat', 'niet', 'verdachte', 'zijn', 'wordt', 'hij', 'door', 'bij'],
  de: ['der', 'die', 'und', 'das', 'nicht', 'wurde', 'den', 'dem', 'mit', 'ist', 'sich'],
  it: ['il', 'della', 'che', 'di', 'per', 'non', 'gli', 'nel', 'sono', 'alla'],
};

export function detectLanguage(text: string): { lang: string; confidence: number } {
  const words = text.slice(0, 30000).toLowerCase().split(/[^\p{L}]+/u);
  const scores: Record<string, number> = {};
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    const set = new Set(list);
    scores[lang] = words.reduce((n, w) => n + (set.has(w) ? 1 : 0), 0) / list.length;
  }
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) return { lang: 'en', confidence: 0 };
  return { lang: best[0], confidence: Number(Math.min(0.99, (best[1] - (second?.[1] ?? 0)) / best[1]).toFixed(2)) };
}
