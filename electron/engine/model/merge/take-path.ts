// Copies the value at one conflict path (types.ts: 'note', 'name.given', 'emails[key].label',
// 'phones[key]', 'emails.primary') from one contact into another. Used to resolve a conflict
// field by field ("keep the account's birthday") and to keep a conflict's base value when a pair's
// base moves on, so an open conflict stays open instead of being silently decided.
// Invariant: only the addressed field or item part changes; everything else in `to` stays as it was.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { listSemantics, scalarSemantics } from '../normalize/semantic.ts';
import type { ListField, ListSemantics, NormalizeOptions } from '../normalize/semantic.ts';
import { indexItems } from './lists.ts';

interface ListPath {
  field: ListField;
  /** Item id as in conflict paths (escaped key, '#n' for repeats); null for '.primary'. */
  id: string | null;
  part: string | null;
}

function parseListPath(path: string): ListPath | null {
  const open = path.indexOf('[');
  if (open < 0) {
    const m = /^(\w+)\.primary$/.exec(path);
    return m && m[1]! in listSemantics ? { field: m[1] as ListField, id: null, part: null } : null;
  }
  const field = path.slice(0, open);
  if (!(field in listSemantics)) return null;
  let i = open + 1;
  while (i < path.length && path[i] !== ']') i += path[i] === '\\' ? 2 : 1;
  if (i >= path.length) return null;
  const rest = path.slice(i + 1);
  if (rest !== '' && !rest.startsWith('.')) return null;
  return { field: field as ListField, id: path.slice(open + 1, i), part: rest ? rest.slice(1) : null };
}

function takeListPath<T, P extends object>(spec: ListSemantics<T, P>, to: T[], from: readonly T[], p: ListPath, options: NormalizeOptions): T[] {
  const target = indexItems(spec, to, options);
  const source = indexItems(spec, from, options);
  if (p.id === null) {
    return [...target.entries()].map(([id, e]) => spec.join(e.parts, source.has(id) ? spec.isPrimary(source.get(id)!.item) : spec.isPrimary(e.item)));
  }
  const have = target.get(p.id);
  const want = source.get(p.id);
  if (!want) return [...target.entries()].filter(([id]) => id !== p.id).map(([, e]) => e.item);
  if (!have) return [...to, want.item];
  const next = p.part && p.part in want.parts ? { ...have.parts, [p.part]: want.parts[p.part as keyof P] } : want.parts;
  return [...target.entries()].map(([id, e]) => (id === p.id ? spec.join(next, spec.isPrimary(have.item)) : e.item));
}

/** Copies `path` from `from` into a copy of `to`; unknown paths leave it unchanged. */
export function takePath(to: ContactFields, from: ContactFields, path: string, options: NormalizeOptions): ContactFields {
  const next = structuredClone(to);
  const scalar = scalarSemantics.find((s) => s.path === path);
  if (scalar) {
    scalar.take(next, from);
    return next;
  }
  const p = parseListPath(path);
  if (!p) return next;
  const spec = listSemantics[p.field] as unknown as ListSemantics<unknown, object>;
  (next as unknown as Record<string, unknown[]>)[p.field] = takeListPath(spec, next[p.field] as unknown[], from[p.field] as unknown[], p, options);
  return next;
}
