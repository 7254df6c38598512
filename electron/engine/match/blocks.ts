// Candidate pairs for the duplicate finder, from blocking keys held in memory (DESIGN.md §5: never
// all pairs). Every contact goes into the blocks of its keys; two contacts are compared only when
// they share a block. Small blocks compare all their pairs; an oversized block (a company
// switchboard, 300 people called 王伟) is sorted by a second property and each member is compared
// with its next few neighbours only, so the cost stays near-linear in the number of contacts
// whatever the data. Initial-only names ("J. Smith") are compared with the people their initial
// could stand for, not those people with each other.
// Blocks are built without a string per key: each key is hashed from its parts into a number next
// to the contact's index in one Float64Array per key kind, and sorting that array lines blocks up
// (a 32-bit hash collision only adds a candidate; the scorer decides). At 100,000 contacts this
// avoids a million short-lived strings and map entries, which is most of the cost otherwise.
// Invariant: each unordered pair is scored at most once per scan, and only pairs that share a key.
import type { DupFeatures, KeyKind } from './features.ts';
import { visitDuplicateKeys } from './features.ts';
import { scoreDuplicate } from './duplicate-score.ts';
import type { DuplicateScore } from './duplicate-score.ts';

export interface BlockOptions {
  /** Blocks up to this size compare all pairs. */
  cap: number;
  /** Neighbours each member of an oversized block is compared with, per sort order. */
  window: number;
  /** Most contacts one initial-only name is compared with. */
  initialCap: number;
}

/**
 * All pairs only in blocks small enough that sharing the key means something on its own (a name
 * held by at most a few contacts); larger blocks only meet their neighbours in birthday,
 * organisation or e-mail order, which is where a second shared fact would show.
 */
export const defaultBlockOptions: BlockOptions = { cap: 6, window: 3, initialCap: 200 };

export interface ScoredPair extends DuplicateScore {
  /** Indexes into the features array, a < b. */
  a: number;
  b: number;
}

export interface PairSearch {
  /** Pairs at medium or high tier. */
  pairs: ScoredPair[];
  /** Pairs scored (each once). */
  compared: number;
  blocks: number;
  oversized: number;
  /** Pairs scored, by the kind of key that found them first ('e', 'ps', 'n', …). */
  byKind: Record<string, number>;
}

/** Contacts per scan: the index takes the low 21 bits of each entry, the key hash the 32 above. */
export const MAX_SCAN = 2 ** 21;
const SHIFT = 2 ** 21;

/** FNV-1a over the parts with a separator: a 32-bit number for a key without building its string. */
function hashParts(a: string, b: string, c: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 1, 0x01000193);
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 1, 0x01000193);
  for (let i = 0; i < c.length; i++) h = Math.imul(h ^ c.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A growable list of (hash, contact) entries packed as hash * 2^21 + contact. */
class Entries {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(1024, capacity));
  }
  push(hash: number, i: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = hash * SHIFT + i;
  }
  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }
}

/**
 * The pairs seen so far, as an open-addressing hash set of (a, b) in two Int32Arrays: a Set of
 * numbers would box each a·n + b (too big for a small integer) and give the collector 100,000s of
 * objects that live as long as the scan.
 */
class PairSet {
  private as = new Int32Array(1 << 16).fill(-1);
  private bs = new Int32Array(1 << 16);
  private size = 0;
  /** Adds the pair; false when it was there already. */
  add(a: number, b: number): boolean {
    if (this.size * 2 >= this.as.length) this.grow();
    const mask = this.as.length - 1;
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & mask;
    for (;;) {
      const x = this.as[i]!;
      if (x === -1) {
        this.as[i] = a;
        this.bs[i] = b;
        this.size++;
        return true;
      }
      if (x === a && this.bs[i] === b) return false;
      i = (i + 1) & mask;
    }
  }
  private grow(): void {
    const [as, bs] = [this.as, this.bs];
    this.as = new Int32Array(as.length * 2).fill(-1);
    this.bs = new Int32Array(as.length * 2);
    this.size = 0;
    for (let i = 0; i < as.length; i++) if (as[i] !== -1) this.add(as[i]!, bs[i]!);
  }
}

/**
 * Calls `block(hash, members)` for each run of equal hashes (members de-duplicated, ascending)
 * that `want(hash, entries)` accepts; rejected runs (most keys are held by one contact) cost no
 * allocation.
 */
function runs(sorted: Float64Array, block: (hash: number, members: number[]) => void, want: (hash: number, entries: number) => boolean = (_h, e) => e > 1): void {
  let i = 0;
  while (i < sorted.length) {
    const hash = Math.floor(sorted[i]! / SHIFT);
    let end = i + 1;
    while (end < sorted.length && Math.floor(sorted[end]! / SHIFT) === hash) end++;
    if (want(hash, end - i)) {
      const members: number[] = [];
      for (let j = i; j < end; j++) {
        const m = sorted[j]! - hash * SHIFT;
        if (members[members.length - 1] !== m) members.push(m);
      }
      block(hash, members);
    }
    i = end;
  }
}

/**
 * Sort orders for an oversized block: an identifier shared by many (a switchboard, a family
 * e-mail) → by name; a name shared by many → by birthday and by organisation. Members without the
 * property (null) take no part in that order: their neighbours there would be arbitrary.
 */
function secondaryOrders(kind: string, features: DupFeatures[]): ((i: number) => string | null)[] {
  const name = (i: number) => features[i]!.nameKeys[0] ?? null;
  const birthday = (i: number) => {
    const b = features[i]!.birthday;
    return b && b.month !== null ? `${b.month}-${b.day ?? 0}` : null;
  };
  const org = (i: number) => features[i]!.orgs[0] ?? null;
  // A local part many share ("jsmith"): the same mailbox differs only in dots or +tags, on one domain.
  const domain = (i: number) => features[i]!.emails[0]?.domain ?? null;
  if (kind === 'n' || kind === 'of') return [birthday, org];
  if (kind === 'el') return [domain];
  return [name];
}

/** Scores candidate pairs of `features`. `skip(a, b)` excludes pairs decided before (dismissed). */
export function findPairs(
  features: DupFeatures[],
  options: BlockOptions = defaultBlockOptions,
  skip: (a: number, b: number) => boolean = () => false,
): PairSearch {
  const n = features.length;
  if (n > MAX_SCAN) throw new Error(`a duplicate scan handles at most ${MAX_SCAN} contacts`);
  // 'nn' (nickname variants) share the 'n' blocks: "Bob Smith"'s variant meets Robert Smith's name.
  const kinds = ['e', 'el', 'ps', 'n', 'o', 'of', 'bd', 'i', 'ip'] as const;
  const entries = Object.fromEntries(kinds.map((k) => [k, new Entries(k === 'n' || k === 'i' ? 3 * n : n)])) as Record<(typeof kinds)[number], Entries>;
  const primaryName = new Float64Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const f = features[i]!;
    visitDuplicateKeys(f, (kind: KeyKind, a: string, b = '', c = '') => {
      entries[kind === 'nn' ? 'n' : kind].push(hashParts(a, b, c), i);
    });
    if (f.nameKeys.length > 0) primaryName[i] = hashParts(f.nameKeys[0]!, '', '');
  }

  const seen = new PairSet();
  const pairs: ScoredPair[] = [];
  let compared = 0;
  const byKind: Record<string, number> = {};
  let kind = '';
  const visit = (x: number, y: number) => {
    if (x === y) return;
    const a = x < y ? x : y;
    const b = x < y ? y : x;
    if (!seen.add(a, b)) return;
    if (skip(a, b)) return;
    compared++;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    // Scored without words first: only the few pairs kept are explained.
    if (scoreDuplicate(features[a]!, features[b]!, false).tier !== 'low') pairs.push({ a, b, ...scoreDuplicate(features[a]!, features[b]!, true) });
  };

  // Counts first (how common a name, how shared a number): evidence weights depend on them.
  const sorted = Object.fromEntries(kinds.map((k) => [k, entries[k].sorted()])) as Record<(typeof kinds)[number], Float64Array>;
  runs(
    sorted.n,
    (hash, members) => {
      for (const m of members) if (primaryName[m] === hash) features[m]!.nameCount = members.length;
    },
    () => true,
  );
  runs(sorted.ps, (hash, members) => {
    for (const m of members) for (const p of features[m]!.phones) if (p.suffix && hashParts(p.suffix, '', '') === hash) p.count = members.length;
  });
  runs(sorted.o, (hash, members) => {
    for (const m of members) {
      const f = features[m]!;
      for (let i = 0; i < f.orgs.length; i++) if (hashParts(f.orgs[i]!, '', '') === hash) f.orgCounts[i] = members.length;
    }
  });

  let blocks = 0;
  let oversized = 0;
  const block = (members: number[]) => {
    if (members.length < 2) return;
    blocks++;
    if (members.length <= options.cap) {
      for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) visit(members[i]!, members[j]!);
      return;
    }
    oversized++;
    for (const order of secondaryOrders(kind, features)) {
      const keyed = members
        .map((i) => ({ i, k: order(i) }))
        .filter((x): x is { i: number; k: string } => x.k !== null)
        .sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.i - y.i));
      for (let i = 0; i < keyed.length; i++) {
        for (let j = i + 1; j <= i + options.window && j < keyed.length; j++) visit(keyed[i]!.i, keyed[j]!.i);
      }
    }
  };
  for (const k of ['e', 'ps', 'el', 'n', 'of', 'bd'] as const) {
    kind = k;
    runs(sorted[k], (_hash, members) => block(members));
  }
  kind = 'i';
  const probes = new Map<number, number[]>();
  runs(sorted.ip, (hash, members) => probes.set(hash, members), () => true);
  runs(
    sorted.i,
    (hash, members) => {
      for (const p of probes.get(hash)!) for (let j = 0; j < members.length && j < options.initialCap; j++) visit(p, members[j]!);
    },
    (hash) => probes.has(hash),
  );
  return { pairs, compared, blocks, oversized, byKind };
}
