// Three-way merge of one list field as a set of items keyed by their normalised value
// (normalize/semantic.ts). Additions on either side survive; a removal removes unless the other
// side changed the same item (then: conflict, ours kept); parts of an item present on both sides
// merge part by part (a label changed differently on both sides conflicts); which items are
// primary merges as one list-level value. Order: ours' order, then theirs' new items in theirs' order.
// Invariant: no item added by either side (a key absent from the base) is ever dropped.
// A value edited on both sides into different values is two removals and two additions: both new
// values survive, nothing is lost, and the user can delete the one they do not want.
import type { ListSemantics, NormalizeOptions } from '../normalize/semantic.ts';
import { sameJson } from '../normalize/canonical-json.ts';
import { absent, decide, isEmptyValue, mapSides } from './decide.ts';
import type { Sides } from './decide.ts';
import type { FieldConflict } from './types.ts';

export interface Entry<T, P> {
  id: string;
  item: T;
  parts: P;
}

/** The item's key as written in a conflict path: `\`, `]` and `#` escaped. */
export function pathKey(key: string): string {
  return key.replace(/[\\\]#]/g, (ch) => `\\${ch}`);
}

/** Items by id: the escaped key, with '#n' for the n-th repeat of a key within the list. */
export function indexItems<T, P extends object>(spec: ListSemantics<T, P>, items: readonly T[], options: NormalizeOptions): Map<string, Entry<T, P>> {
  const seen = new Map<string, number>();
  const entries = new Map<string, Entry<T, P>>();
  for (const item of items) {
    const key = pathKey(spec.key(item, options));
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const id = n === 1 ? key : `${key}#${n}`;
    entries.set(id, { id, item, parts: spec.split(item) });
  }
  return entries;
}

function partNames<P extends object>(spec: ListSemantics<unknown, P>): (keyof P & string)[] {
  return Object.keys(spec.compare) as (keyof P & string)[];
}

/** Whether an item's meaningful parts differ from its base version. */
function changed<T, P extends object>(spec: ListSemantics<T, P>, base: Entry<T, P>, side: Entry<T, P>): boolean {
  return partNames<P>(spec).some((name) => {
    const compare = spec.compare[name];
    return compare !== null && !sameJson(compare(base.parts[name]), compare(side.parts[name]));
  });
}

/** Merges an item both sides have, part by part. */
function mergeItem<T, P extends object>(
  spec: ListSemantics<T, P>,
  path: string,
  base: Entry<T, P> | undefined,
  ours: Entry<T, P>,
  theirs: Entry<T, P>,
  conflicts: FieldConflict[],
): P {
  const merged = { ...ours.parts };
  for (const name of partNames<P>(spec)) {
    const compare = spec.compare[name];
    const raw: Sides<P[typeof name]> = { base: base ? base.parts[name] : absent, ours: ours.parts[name], theirs: theirs.parts[name] };
    const meaning = compare ? mapSides(raw, compare) : raw;
    const hints = base ? null : { oursEmpty: isEmptyValue(meaning.ours), theirsEmpty: isEmptyValue(meaning.theirs), refined: null };
    const decision = decide(meaning, raw, hints);
    // Display-only parts never conflict: the shared key already says both mean the same.
    if (decision === 'conflict' && compare) {
      conflicts.push({ path: `${path}.${name}`, base: base ? structuredClone(base.parts[name]) : null, ours: structuredClone(raw.ours), theirs: structuredClone(raw.theirs) });
    }
    if (decision === 'theirs') merged[name] = theirs.parts[name];
  }
  return merged;
}

/** The primary items' ids, sorted: a list-level value. */
function primaryIds<T, P>(spec: ListSemantics<T, P & object>, entries: Map<string, Entry<T, P>>): string[] {
  return [...entries.values()]
    .filter((e) => spec.isPrimary(e.item))
    .map((e) => e.id)
    .sort();
}

function primaryItems<T, P>(spec: ListSemantics<T, P & object>, entries: Map<string, Entry<T, P>>): T[] {
  return [...entries.values()].filter((e) => spec.isPrimary(e.item)).map((e) => structuredClone(e.item));
}

export function mergeList<T, P extends object>(
  spec: ListSemantics<T, P>,
  field: string,
  base: readonly T[] | null,
  ours: readonly T[],
  theirs: readonly T[],
  options: NormalizeOptions,
  conflicts: FieldConflict[],
): T[] {
  // A side that left the list exactly as it was gets the other side's list as it is (its order too).
  if (base && sameJson(ours, base)) return structuredClone([...theirs]);
  if ((base && sameJson(theirs, base)) || sameJson(ours, theirs)) return structuredClone([...ours]);

  const b = base ? indexItems(spec, base, options) : new Map<string, Entry<T, P>>();
  const o = indexItems(spec, ours, options);
  const t = indexItems(spec, theirs, options);
  const out: { id: string; parts: P }[] = [];
  for (const [id, oe] of o) {
    const te = t.get(id);
    const be = b.get(id);
    if (te) out.push({ id, parts: mergeItem(spec, `${field}[${id}]`, be, oe, te, conflicts) });
    else if (!be) out.push(oe); // added by ours
    else if (changed(spec, be, oe)) {
      // Theirs removed what ours changed: keep ours, ask.
      conflicts.push({ path: `${field}[${id}]`, base: structuredClone(be.item), ours: structuredClone(oe.item), theirs: null });
      out.push(oe);
    }
    // else: removed by theirs, untouched by ours → removed.
  }
  for (const [id, te] of t) {
    if (o.has(id)) continue;
    const be = b.get(id);
    if (!be) out.push(te); // added by theirs
    else if (changed(spec, be, te)) {
      // Ours removed what theirs changed: ours (removed) is kept, the conflict offers theirs.
      conflicts.push({ path: `${field}[${id}]`, base: structuredClone(be.item), ours: null, theirs: structuredClone(te.item) });
    }
  }

  let primary = new Set<string>();
  if (spec.hasPrimary) {
    const ids: Sides<string[]> = { base: base ? primaryIds(spec, b) : absent, ours: primaryIds(spec, o), theirs: primaryIds(spec, t) };
    const hints = base ? null : { oursEmpty: ids.ours.length === 0, theirsEmpty: ids.theirs.length === 0, refined: null };
    const decision = decide(ids, ids, hints);
    if (decision === 'conflict') {
      conflicts.push({ path: `${field}.primary`, base: base ? primaryItems(spec, b) : null, ours: primaryItems(spec, o), theirs: primaryItems(spec, t) });
    }
    primary = new Set(decision === 'theirs' ? ids.theirs : ids.ours);
  }
  // join builds fresh objects from the parts, so the result shares nothing with the inputs.
  return out.map((e) => spec.join(e.parts, primary.has(e.id)));
}
