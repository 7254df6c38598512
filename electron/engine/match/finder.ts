// The duplicate finder over the hub: a full scan (every live contact read once, blocks built in
// memory, candidate pairs scored, open scan suggestions replaced) and an incremental refresh
// (only the given contacts re-scored, their candidates found through the blocking index in
// SQLite), plus the listing of suggestions as clusters.
// Invariants: a dismissed pair is never stored as a suggestion; both paths score a pair with the
// same features and weights, so a refresh agrees with a full scan about any pair it looks at.
import { createHash } from 'node:crypto';
import { inTransaction } from '../db/handle.ts';
import type { WritableDb, ReadableDb } from '../db/handle.ts';
import { contactsSharingKeys, countSharingKeys } from '../db/repos/contact-keys.ts';
import { getContact } from '../db/repos/contacts.ts';
import { dismissedPairs, dismissedWith, pairKey } from '../db/repos/dismissals.ts';
import { contactsChangedInRun, liveContactFields, openSuggestions, replaceScanSuggestions, replaceSuggestionsOf } from '../db/repos/suggestions.ts';
import type { OpenSuggestion, SuggestionPair } from '../db/repos/suggestions.ts';
import { defaultBlockOptions, findPairs } from './blocks.ts';
import type { BlockOptions } from './blocks.ts';
import { clusterPairs } from './cluster.ts';
import type { Cluster } from './cluster.ts';
import { scoreDuplicate } from './duplicate-score.ts';
import { duplicateFeatures, keyString, visitDuplicateKeys } from './features.ts';
import type { DupFeatures } from './features.ts';

export interface ScanReport {
  contacts: number;
  /** Pairs scored: the work done, compared with n(n-1)/2 for all pairs. */
  compared: number;
  /** Suggested pairs by tier (dismissed pairs excluded). */
  high: number;
  medium: number;
  /** Pairs scored, by the kind of key that found them. */
  byKind: Record<string, number>;
  ms: number;
}

export interface ScanResult extends ScanReport {
  /** Suggested pairs with contact ids. */
  pairs: SuggestionPair[];
}

/** Finds duplicate pairs among live hub contacts without writing anything (the bench and scan use it). */
export function findDuplicates(db: ReadableDb, options: BlockOptions = defaultBlockOptions): ScanResult {
  const start = performance.now();
  const ids: string[] = [];
  const features: DupFeatures[] = [];
  // Fields are parsed row by row and dropped: only the (smaller) features stay in memory.
  for (const { id, fields } of liveContactFields(db)) {
    ids.push(id);
    features.push(duplicateFeatures(fields));
  }
  const dismissed = dismissedPairs(db);
  const search = findPairs(features, options, dismissed.size === 0 ? undefined : (a, b) => dismissed.has(pairKey(ids[a]!, ids[b]!)));
  const pairs = search.pairs.map((p) => ({ a: ids[p.a]!, b: ids[p.b]!, score: p.score, tier: p.tier, reasons: p.reasons, evidence: p.evidence }));
  return {
    contacts: ids.length,
    compared: search.compared,
    high: pairs.filter((p) => p.tier === 'high').length,
    medium: pairs.filter((p) => p.tier === 'medium').length,
    byKind: search.byKind,
    pairs,
    ms: performance.now() - start,
  };
}

/** Full scan: every open scan suggestion is replaced by what the scan finds now. */
export function scanDuplicates(db: WritableDb, now: number, options: BlockOptions = defaultBlockOptions): ScanReport {
  const start = performance.now();
  const { pairs, ...report } = findDuplicates(db, options);
  inTransaction(db, () => replaceScanSuggestions(db, pairs, now));
  return { ...report, ms: performance.now() - start };
}

/** Above this many changed contacts a full scan is cheaper than probing the index for each. */
export const REFRESH_LIMIT = 2000;
/** Most candidates taken from one key of the index (a switchboard number must not pull in a company). */
const PROBE_LIMIT = 50;

export interface RefreshReport {
  /** Contacts re-scored ('full' when the change was large enough for a full scan). */
  rescored: number | 'full';
  compared: number;
}

/**
 * Features of a stored contact with its counts from the index, as the full scan would have them.
 * `count` gives how many contacts hold any of the keys (capped at PROBE_LIMIT per key); a refresh
 * remembers the answers, since the candidates of one contact mostly share its name key, phone and
 * organisation.
 */
function storedFeatures(db: ReadableDb, id: string, count: (...keys: string[]) => number): DupFeatures | null {
  const contact = getContact(db, id);
  if (!contact || contact.trashed) return null;
  const f = duplicateFeatures(contact.fields);
  const key = f.nameKeys[0];
  f.nameCount = key ? count(`n:${key}`, `nn:${key}`) : 0;
  for (const p of f.phones) if (p.suffix) p.count = count(`ps:${p.suffix}`);
  f.orgs.forEach((org, i) => (f.orgCounts[i] = count(`o:${org}`)));
  return f;
}

/** The index keys to probe for a contact's candidates: the same kinds the full scan blocks on. */
function probeKeys(f: DupFeatures): string[] {
  const keys = new Set<string>();
  visitDuplicateKeys(f, (kind, a, b, c) => {
    if (kind === 'n' || kind === 'nn') keys.add(`n:${a}`).add(`nn:${a}`);
    else if (kind !== 'i' && kind !== 'ip' && kind !== 'o') keys.add(keyString(kind, a, b, c));
  });
  return [...keys];
}

/**
 * Re-scores the given contacts (after a sync: the contacts it created, changed, restored or
 * trashed) against their candidates in the index, replacing their open scan suggestions. A large
 * change falls back to a full scan.
 */
export function refreshDuplicates(db: WritableDb, contactIds: readonly string[], now: number): RefreshReport {
  const unique = [...new Set(contactIds)];
  if (unique.length === 0) return { rescored: 0, compared: 0 };
  if (unique.length > REFRESH_LIMIT) {
    const r = scanDuplicates(db, now);
    return { rescored: 'full', compared: r.compared };
  }
  const cache = new Map<string, DupFeatures | null>();
  const counts = new Map<string, number>();
  const count = (...keys: string[]) => {
    const memo = keys.join('\u0000');
    let n = counts.get(memo);
    if (n === undefined) counts.set(memo, (n = countSharingKeys(db, keys, PROBE_LIMIT)));
    return n;
  };
  const features = (id: string) => {
    if (!cache.has(id)) cache.set(id, storedFeatures(db, id, count));
    return cache.get(id)!;
  };
  let compared = 0;
  inTransaction(db, () => {
    for (const id of unique) {
      const fx = features(id);
      const found: SuggestionPair[] = [];
      if (fx) {
        const dismissed = new Set(dismissedWith(db, id));
        for (const other of contactsSharingKeys(db, probeKeys(fx), PROBE_LIMIT).keys()) {
          if (other === id || dismissed.has(other)) continue;
          const fy = features(other);
          if (!fy) continue;
          compared++;
          const [a, b, fa, fb] = id < other ? [id, other, fx, fy] : [other, id, fy, fx];
          if (scoreDuplicate(fa, fb, false).tier === 'low') continue;
          const s = scoreDuplicate(fa, fb, true);
          found.push({ a, b, score: s.score, tier: s.tier, reasons: s.reasons, evidence: s.evidence });
        }
      }
      replaceSuggestionsOf(db, id, found, now);
    }
  });
  return { rescored: unique.length, compared };
}

/**
 * The sync runner's hook: after a run that wrote to the hub (a sync, an undo, an import), re-score
 * exactly the contacts that run created, changed, restored or trashed.
 */
export function refreshAfterRun(db: WritableDb, runId: number, now: number): RefreshReport {
  return refreshDuplicates(db, contactsChangedInRun(db, runId), now);
}

export interface DuplicateCluster extends Cluster<OpenSuggestion> {
  /** Stable for the same members: sha256 of the sorted ids (a changed cluster gets a new id); never starts with '-'. */
  id: string;
  /** 'link' when any pair was raised while linking (a contact is held back until decided). */
  origin: 'scan' | 'link';
}

export function clusterId(contactIds: readonly string[]): string {
  // Never with a leading '-': `concord duplicates merge -_LLeu…` would read the id as an option.
  // Ids that never had one are unchanged.
  return createHash('sha256').update([...contactIds].sort().join('\n')).digest('base64url').replace(/^-+/, '').slice(0, 22);
}

/** Open suggestions grouped into clusters, strongest first. Low-tier pairs are never shown. */
export function duplicateClusters(db: ReadableDb): DuplicateCluster[] {
  const open = openSuggestions(db).filter((p) => p.tier !== 'low');
  return clusterPairs(open).map((c) => ({ ...c, id: clusterId(c.contactIds), origin: c.pairs.some((p) => p.origin === 'link') ? 'link' : 'scan' }));
}
