// Groups scored pairs into suggestions: three cards of one person are one suggestion, not three.
// Union-find over pairs taken strongest first (Kruskal), so each cluster is held together by its
// strongest links and its tier and score are those of its weakest holding link: a cluster is
// "high" only when every member is tied in by a high pair. A cluster stops growing at `maxSize`
// members: a chain of medium links through a shared switchboard number must not glue a whole
// company into one suggestion (the pairs that would exceed it stay out of the cluster).
// Invariant: every contact is in at most one cluster; clusters have at least two members.
import type { Tier } from './score.ts';

export interface PairLike {
  a: string;
  b: string;
  score: number;
  tier: Tier;
  reasons: string[];
}

export interface Cluster<P extends PairLike = PairLike> {
  /** Members, sorted. */
  contactIds: string[];
  /** The weakest link that holds the cluster together. */
  score: number;
  tier: Tier;
  /** The pairs that hold it together (a spanning tree), strongest first. */
  links: P[];
  /** Every given pair between members, the links included. */
  pairs: P[];
}

export const MAX_CLUSTER = 8;

const tierRank: Record<Tier, number> = { high: 2, medium: 1, low: 0 };

export function clusterPairs<P extends PairLike>(input: readonly P[], maxSize = MAX_CLUSTER): Cluster<P>[] {
  const parent = new Map<string, string>();
  const size = new Map<string, number>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps later finds near O(1).
    let cur = x;
    while (cur !== root) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const ensure = (x: string) => {
    if (!parent.has(x)) {
      parent.set(x, x);
      size.set(x, 1);
    }
  };
  const sorted = [...input].sort((x, y) => tierRank[y.tier] - tierRank[x.tier] || y.score - x.score || (x.a + x.b < y.a + y.b ? -1 : 1));
  const links: P[] = [];
  for (const p of sorted) {
    ensure(p.a);
    ensure(p.b);
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra === rb) continue;
    if (size.get(ra)! + size.get(rb)! > maxSize) continue;
    const [big, small] = size.get(ra)! >= size.get(rb)! ? [ra, rb] : [rb, ra];
    parent.set(small, big);
    size.set(big, size.get(big)! + size.get(small)!);
    links.push(p);
  }
  const byRoot = new Map<string, Cluster<P>>();
  const clusterOf = (id: string): Cluster<P> => {
    const root = find(id);
    let c = byRoot.get(root);
    if (!c) byRoot.set(root, (c = { contactIds: [], score: 1, tier: 'high', links: [], pairs: [] }));
    return c;
  };
  for (const l of links) {
    const c = clusterOf(l.a);
    c.links.push(l);
    if (l.score < c.score) c.score = l.score;
    if (tierRank[l.tier] < tierRank[c.tier]) c.tier = l.tier;
  }
  for (const p of sorted) {
    const root = find(p.a);
    if (root === find(p.b) && byRoot.has(root)) byRoot.get(root)!.pairs.push(p);
  }
  for (const id of parent.keys()) {
    const root = find(id);
    byRoot.get(root)?.contactIds.push(id);
  }
  const clusters = [...byRoot.values()];
  for (const c of clusters) c.contactIds.sort();
  return clusters.sort((x, y) => tierRank[y.tier] - tierRank[x.tier] || y.score - x.score || (x.contactIds[0]! < y.contactIds[0]! ? -1 : 1));
}
