import { z } from 'zod';
import { BadRequestError } from './query-params.js';

/** A trainer's workshop pack: a name and an ordered list of cases, each with a note. Kept in a cookie or a URL. */
export interface Pack {
  name: string;
  items: Array<{ id: string; note: string }>;
}

export const MAX_ITEMS = 60;
const ID = /^[a-z0-9][a-z0-9_-]{0,199}$/;

const packSchema = z.object({
  name: z.string().max(120).default(''),
  items: z.array(z.object({ id: z.string().regex(ID), note: z.string().max(2000).default('') })).max(MAX_ITEMS).default([]),
});

export function emptyPack(): Pack {
  return { name: '', items: [] };
}

/** The pack from its cookie; a damaged or forged cookie gives an empty pack, never an error. */
export function packFromCookie(raw: unknown): Pack {
  if (typeof raw !== 'string' || !raw) return emptyPack();
  try {
    const parsed = packSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : emptyPack();
  } catch {
    return emptyPack();
  }
}

/** The pack a shared link describes: `?ids=a,b,c&name=...` (notes travel in the cookie only). */
export function packFromQuery(query: Record<string, unknown>): Pack | undefined {
  const ids = typeof query.ids === 'string' ? query.ids : undefined;
  if (ids === undefined) return undefined;
  const list = ids.split(',').map((x) => x.trim()).filter(Boolean);
  if (list.length > MAX_ITEMS) throw new BadRequestError('ids', `at most ${MAX_ITEMS} cases in a pack`);
  for (const id of list) if (!ID.test(id)) throw new BadRequestError('ids', `"${id.slice(0, 40)}" is not a case id`);
  const name = typeof query.name === 'string' ? query.name.slice(0, 120) : '';
  return { name, items: [...new Set(list)].map((id) => ({ id, note: '' })) };
}

export function shareQuery(pack: Pack): string {
  const params = new URLSearchParams({ ids: pack.items.map((i) => i.id).join(',') });
  if (pack.name) params.set('name', pack.name);
  return params.toString();
}

export type PackAction =
  | { op: 'add'; id: string }
  | { op: 'remove'; id: string }
  | { op: 'move'; id: string; dir: 'up' | 'down' }
  | { op: 'note'; id: string; note: string }
  | { op: 'name'; name: string }
  | { op: 'clear' }
  | { op: 'load'; pack: Pack };

/** Applies one edit to a pack; pure, so pages and the API share it. */
export function applyPackAction(pack: Pack, a: PackAction): Pack {
  const items = [...pack.items];
  const at = 'id' in a ? items.findIndex((i) => i.id === a.id) : -1;
  switch (a.op) {
    case 'add':
      if (at < 0) {
        if (items.length >= MAX_ITEMS) throw new BadRequestError('id', `a pack holds at most ${MAX_ITEMS} cases`);
        items.push({ id: a.id, note: '' });
      }
      return { ...pack, items };
    case 'remove':
      return { ...pack, items: items.filter((i) => i.id !== a.id) };
    case 'move': {
      const to = a.dir === 'up' ? at - 1 : at + 1;
      if (at < 0 || to < 0 || to >= items.length) return pack;
      const [item] = items.splice(at, 1);
      if (item) items.splice(to, 0, item);
      return { ...pack, items };
    }
    case 'note':
      return { ...pack, items: items.map((i) => (i.id === a.id ? { ...i, note: a.note.slice(0, 2000) } : i)) };
    case 'name':
      return { ...pack, name: a.name.slice(0, 120) };
    case 'clear':
      return emptyPack();
    case 'load':
      return a.pack;
  }
}

/** Parses a form post into an action; every field is checked. */
export function parsePackAction(body: Record<string, unknown>): PackAction {
  const str = (k: string): string => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const op = str('op');
  const id = str('id');
  const needId = (): string => {
    if (!ID.test(id)) throw new BadRequestError('id', 'a case id is required');
    return id;
  };
  switch (op) {
    case 'add':
    case 'remove':
      return { op, id: needId() };
    case 'move': {
      const dir = str('dir');
      if (dir !== 'up' && dir !== 'down') throw new BadRequestError('dir', 'must be up or down');
      return { op, id: needId(), dir };
    }
    case 'note':
      return { op, id: needId(), note: str('note') };
    case 'name':
      return { op, name: str('name') };
    case 'clear':
      return { op };
    default:
      throw new BadRequestError('op', 'must be add, remove, move, note, name or clear');
  }
}
