import fs from 'node:fs';
import path from 'node:path';

/** A small deterministic PRNG (mulberry32), so every run generates the same corpus. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JURISDICTIONS = ['KE', 'SC', 'MU', 'US', 'GB', 'FR', 'ES', 'IT', 'NL', 'DE', 'AU', 'CA', 'IN', 'MY', 'ID', 'PH', 'NG', 'ZA', 'echr', 'itlos'];
const OFFENSES = ['piracy', 'armed-robbery-at-sea', 'hostage-taking', 'maritime-violence', 'migrant-smuggling', 'trafficking-in-persons', 'drug-trafficking', 'fisheries-crime', 'firearms-trafficking'];
const PROVISIONS = ['unclos/101', 'unclos/105', 'unclos/110', 'unclos/111', 'unclos/108', 'unclos/73', 'som-protocol/6', 'som-protocol/8', 'som-protocol/3', 'tip-protocol/3', 'untoc/5', 'untoc/15', 'sua/3', 'vienna-1988/17', 'hostages-convention/1'];
const LEVELS = ['first-instance', 'appeal', 'supreme', 'international'];
const WORDS = 'vessel skiff crew master boarding high seas territorial waters coast guard navy frigate pursuit arrest custody evidence witness testimony ladder weapons ransom hostages cargo fishing licence catch migrants passengers smuggler payment cocaine bales jurisdiction universal flag state consent interdiction sentence conviction appeal acquittal charge count indictment prosecution defence counsel tribunal convention protocol article definition piracy robbery trafficking exploitation forced labour smuggling illegal entry'.split(' ');
const VESSELS = ['Courier', 'Faith', 'Sunshine', 'Intertuna', 'Topaz', 'Winner', 'Ocean Lady', 'Alakrana', 'Ponant', 'Torm Kansas', 'Zhongji', 'Jasmine', 'Atropos', 'Samanyolu', 'Taipan', 'Saiga', 'Volga', 'Thunder'];

function pick<T>(r: () => number, list: T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

/**
 * Writes `count` case records shaped like judgments (numbered paragraphs, several KB of
 * text each) as JSON files into `dir`. The same count always gives the same files.
 */
export function generateCorpus(dir: string, count: number, seed = 42): void {
  const r = rng(seed);
  fs.mkdirSync(path.join(dir, 'cases'), { recursive: true });
  for (const f of ['offenses.json', 'courtLevels.json']) fs.copyFileSync(path.join(import.meta.dirname, '..', '..', 'corpus', f), path.join(dir, f));
  fs.cpSync(path.join(import.meta.dirname, '..', '..', 'corpus', 'instruments'), path.join(dir, 'instruments'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const jurisdiction = pick(r, JURISDICTIONS);
    const year = 1985 + Math.floor(r() * 39);
    const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    const offenses = [...new Set([pick(r, OFFENSES), ...(r() < 0.3 ? [pick(r, OFFENSES)] : [])])];
    const provisions = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, PROVISIONS)))];
    const vessel = `${pick(r, VESSELS)} ${Math.floor(r() * 90) + 1}`;
    const paragraphs = Array.from({ length: 18 + Math.floor(r() * 10) }, (_, p) => `${p + 1}. ${Array.from({ length: 40 + Math.floor(r() * 30) }, () => pick(r, WORDS)).join(' ')}.`);
    const record = {
      id: `gen-${String(i).padStart(6, '0')}`,
      title: `State v Defendant ${i} (${vessel})`,
      court: `${jurisdiction} ${pick(r, ['High Court', 'Court of Appeal', 'Supreme Court', 'District Court'])}`,
      courtLevel: pick(r, LEVELS),
      jurisdiction,
      decisionDate: `${year}-${month}-${day}`,
      offenses,
      provisions,
      vessels: [{ name: `MV ${vessel}`, flag: pick(r, ['PA', 'LR', 'MT', '']), imo: '', role: 'attacked' }],
      parties: ['State', `Defendant ${i}`],
      outcome: pick(r, ['convicted', 'acquitted', 'upheld', 'reversed']),
      summary: paragraphs.slice(0, 3).join(' ').slice(0, 900),
      text: paragraphs.join('\n\n'),
      docket: `${year}/${i}`,
    };
    fs.writeFileSync(path.join(dir, 'cases', `${record.id}.json`), JSON.stringify(record));
  }
}
