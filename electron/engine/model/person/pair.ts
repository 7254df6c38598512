// Pairs the canonical items Concord is about to write with the raw Google items they came from, so
// the written item keeps what Concord does not model (its source metadata, an organisation's dates,
// an email's display name, a nickname's type …; google-people-api.md §12 item 14).
// Invariant: a raw item is paired at most once, and only with an item that is the same (unchanged:
// kept as Google has it), has the same identity key (edited), or is the only item left on both
// sides (edited); everything else is new. Pairing never changes what is written, only what is kept.
import { stableJson } from './equal.ts';
import type { AnyFieldSpec } from './field-spec.ts';

export interface Pairing {
  /** The raw contact item this canonical item continues, or null for a new item. */
  raw: object | null;
  /** The raw item already says exactly this (ignoring which item is primary). */
  unchanged: boolean;
}

const ignore = (): void => undefined;

export function pairItems(spec: AnyFieldSpec, items: readonly unknown[], raw: readonly object[]): Pairing[] {
  const content = (item: unknown): string => stableJson(spec.primary ? spec.primary.set(item, false) : item);
  const parsed = raw.map((item) => spec.read(item, ignore));
  const used = new Set<number>();
  const pairs: (Pairing | undefined)[] = items.map(() => undefined);

  const pass = (matches: (item: unknown, candidate: unknown) => boolean, unchanged: boolean): void => {
    items.forEach((item, i) => {
      if (pairs[i]) return;
      const j = parsed.findIndex((candidate, k) => !used.has(k) && candidate !== null && matches(item, candidate));
      if (j < 0) return;
      used.add(j);
      pairs[i] = { raw: raw[j] ?? null, unchanged };
    });
  };
  pass((item, candidate) => content(item) === content(candidate), true);
  pass((item, candidate) => spec.key(item) === spec.key(candidate), false);

  const unpaired = pairs.flatMap((p, i) => (p ? [] : [i]));
  const left = parsed.flatMap((p, k) => (p === null || used.has(k) ? [] : [k]));
  const [onlyItem] = unpaired;
  const [onlyRaw] = left;
  if (unpaired.length === 1 && left.length === 1 && onlyItem !== undefined && onlyRaw !== undefined) {
    pairs[onlyItem] = { raw: raw[onlyRaw] ?? null, unchanged: false };
  }
  return pairs.map((p) => p ?? { raw: null, unchanged: false });
}
