import { BadRequestError, parseDateBound } from './query-params.js';

/** What a query string says beyond plain words, turned into structured parts. */
export interface ParsedQuery {
  /** Words, "phrases" and -exclusions for Meilisearch, fields and OR removed. */
  text: string;
  /** Alternatives when the query has OR at its top level ("cocaine OR heroin"). */
  alternatives: string[];
  jurisdiction: string[];
  provision: string[];
  offense: string[];
  courtLevel: string[];
  /** Substrings to look for in court names and vessel names (case-insensitive). */
  court: string[];
  vessel: string[];
  fromTs?: number;
  toTs?: number;
}

const FIELD = /^([a-z_]+):(?:"([^"]*)"|(\S+))$/i;

/**
 * Splits a query into tokens, keeping "quoted phrases" and field:"quoted values" whole.
 *
 * @example tokenize('piracy court:"Court of Appeal" -kenya') // ['piracy', 'court:"Court of Appeal"', '-kenya']
 */
export function tokenizeQuery(q: string): string[] {
  const out: string[] = [];
  for (const m of q.matchAll(/(?:[a-z_]+:)?"[^"]*"?|-?"[^"]*"?|\S+/gi)) out.push(m[0]);
  return out;
}

/**
 * Reads fielded terms (`provision:som-protocol/6`, `jurisdiction:KE`, `court:"Court of
 * Appeal"`, `year:2010..2015`, `vessel:"Ocean Lady"`, `offense:piracy`, `level:appeal`),
 * `OR` between terms, quoted phrases and `-word` exclusions. Field values are validated
 * like the URL parameters; unknown fields stay as words.
 */
export function parseQuerySyntax(q: string): ParsedQuery {
  const parsed: ParsedQuery = { text: '', alternatives: [], jurisdiction: [], provision: [], offense: [], courtLevel: [], court: [], vessel: [] };
  const words: string[] = [];
  for (const token of tokenizeQuery(q)) {
    const m = FIELD.exec(token);
    if (!m) {
      words.push(token);
      continue;
    }
    const field = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? m[3] ?? '').trim();
    if (!value) throw new BadRequestError('q', `${field}: needs a value`);
    switch (field) {
      case 'jurisdiction':
      case 'country': {
        const v = /^[a-z]{2}$/i.test(value) ? value.toUpperCase() : value.toLowerCase();
        if (!/^(?:[A-Z]{2}|[a-z][a-z0-9-]{1,30})$/.test(v)) throw new BadRequestError('q', `jurisdiction:${value} is not a jurisdiction code`);
        parsed.jurisdiction.push(v);
        break;
      }
      case 'provision':
      case 'article': {
        const v = value.toLowerCase();
        if (!/^[a-z0-9][a-z0-9-]{0,60}(?:\/\d{1,4}[a-z]{0,10})?$/.test(v)) throw new BadRequestError('q', `provision:${value} is not a provision id (unclos/101)`);
        parsed.provision.push(v);
        break;
      }
      case 'offense':
      case 'offence': {
        const v = value.toLowerCase();
        if (!/^[a-z0-9][a-z0-9-]{0,60}$/.test(v)) throw new BadRequestError('q', `offense:${value} is not an offense id`);
        parsed.offense.push(v);
        break;
      }
      case 'level':
      case 'court_level':
        parsed.courtLevel.push(value.toLowerCase());
        break;
      case 'court':
        parsed.court.push(value.slice(0, 120));
        break;
      case 'vessel':
      case 'ship':
        parsed.vessel.push(value.slice(0, 120));
        break;
      case 'year': {
        const r = /^(\d{4})(?:\.\.(\d{4}))?$/.exec(value);
        if (!r) throw new BadRequestError('q', `year:${value} is not a year or a range (2010..2015)`);
        parsed.fromTs = parseDateBound('q', r[1] as string, 'start');
        parsed.toTs = parseDateBound('q', (r[2] ?? r[1]) as string, 'end');
        if (parsed.fromTs > parsed.toTs) throw new BadRequestError('q', `year:${value} ends before it starts`);
        break;
      }
      default:
        words.push(token);
    }
  }
  // OR only at the top level, between terms or phrases: "cocaine OR heroin", "\\"hot pursuit\\" OR \\"right of visit\\"".
  const groups: string[][] = [[]];
  for (const w of words) {
    if (w === 'OR' || w === '|') groups.push([]);
    else (groups[groups.length - 1] as string[]).push(w);
  }
  const nonEmpty = groups.filter((g) => g.length > 0);
  parsed.text = words.filter((w) => w !== 'OR' && w !== '|').join(' ');
  if (nonEmpty.length > 1) parsed.alternatives = nonEmpty.map((g) => g.join(' '));
  return parsed;
}
