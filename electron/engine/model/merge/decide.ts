// The three-way rule for one value, shared by scalars, list-item parts and list-level primary.
// Meaning decides: a one-sided change wins, equal changes agree, different changes conflict. When
// the meaning agrees, the display value decides silently: a side that only reformatted ("+86 138…"
// vs "+86138…") wins over an untouched side, otherwise ours (the hub) is kept.
// Invariant: symmetric: swapping ours and theirs swaps 'ours' and 'theirs' in the answer, except
// that display-only ties go to ours.
import { sameJson } from '../normalize/canonical-json.ts';

export const absent: unique symbol = Symbol('absent');
export type Absent = typeof absent;

export interface Sides<V> {
  base: V | Absent;
  ours: V;
  theirs: V;
}

export type Decision = 'ours' | 'theirs' | 'conflict';

/** Without a base (first link, or an item both sides added): what each side knows. */
export interface NoBaseHints {
  oursEmpty: boolean;
  theirsEmpty: boolean;
  /** The side whose value is a compatible refinement of the other's (a birthday with a year). */
  refined: 'ours' | 'theirs' | null;
}

export function displayPick(raw: Sides<unknown>): 'ours' | 'theirs' {
  return raw.base !== absent && sameJson(raw.ours, raw.base) && !sameJson(raw.theirs, raw.base) ? 'theirs' : 'ours';
}

export function decide(meaning: Sides<unknown>, raw: Sides<unknown>, hints: NoBaseHints | null = null): Decision {
  const { base, ours, theirs } = meaning;
  if (base !== absent) {
    const oursKept = sameJson(ours, base);
    const theirsKept = sameJson(theirs, base);
    if (oursKept && theirsKept) return displayPick(raw);
    if (oursKept) return 'theirs';
    if (theirsKept) return 'ours';
  }
  if (sameJson(ours, theirs)) return displayPick(raw);
  if (base === absent && hints) {
    if (hints.theirsEmpty) return 'ours';
    if (hints.oursEmpty) return 'theirs';
    if (hints.refined) return hints.refined;
  }
  return 'conflict';
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Applies f to each present side. */
export function mapSides<V, W>(sides: Sides<V>, f: (v: V) => W): Sides<W> {
  return { base: sides.base === absent ? absent : f(sides.base), ours: f(sides.ours), theirs: f(sides.theirs) };
}
