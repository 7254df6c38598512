// What to do with one item an account reported (DESIGN.md §4.2), as a pure decision: the runner
// looks up the stored state, this decides, the executor applies. Unit-tested as a decision table.
// Invariants: an item whose meaning did not change is an echo and changes nothing in the hub; a
// conflict under the "ask" policy never overwrites either side; nothing new creates a hub contact
// before identity linking had its say.
import type { ContactFields } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import { mergeContact, takePath } from '../model/merge/index.ts';
import type { FieldConflict } from '../model/merge/index.ts';
import type { NormalizeOptions } from '../model/normalize/index.ts';
import type { Tier } from '../match/score.ts';

export type { ConflictPolicy } from '../../../shared/model/account.ts';
import type { ConflictPolicy } from '../../../shared/model/account.ts';

export interface StoredPair {
  recordHash: string;
  /** null when the record is not linked (a group card, or held back). */
  link: { contactId: string; base: ContactFields } | null;
  contact: { fields: ContactFields; trashed: boolean; updatedAt: number } | null;
}

export interface Candidate {
  contactId: string;
  fields: ContactFields;
  tier: Tier;
  score: number;
  reasons: string[];
  /** Already has a record in this account: linking it would merge two items of one account. */
  linkedHere: boolean;
}

export interface PullInput {
  fields: ContactFields;
  hash: string;
  remoteUpdatedAt: number | null;
  /** The stored record and its link, when the item is known. */
  stored: StoredPair | null;
  /** The hub contact named by the item's own UID/marker, when it exists and is not linked here yet. */
  origin: { contactId: string; fields: ContactFields } | null;
  candidates: Candidate[];
  policy: ConflictPolicy;
  /** For the priority policy: does this account outrank the others linked to the contact? */
  outranks: boolean;
  options: NormalizeOptions;
}

export type PullAction =
  | { kind: 'echo' }
  | { kind: 'merge'; contactId: string; hubNext: ContactFields | null; base: ContactFields; conflicts: FieldConflict[]; restore: boolean }
  | { kind: 'link'; contactId: string; hubNext: ContactFields | null; base: ContactFields; conflicts: FieldConflict[]; how: 'auto' }
  | { kind: 'create'; fields: ContactFields; suggest: Candidate[] };

const same = (a: ContactFields, b: ContactFields) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges hub (ours) with the item (theirs). Under "ask", conflicting fields keep the hub's value and
 * the new base keeps the old base's value there, so the conflict stays open for the user; under
 * "newest"/"priority" the winner's value is taken and nothing stays open.
 */
export function mergeWithPolicy(
  base: ContactFields | null,
  hub: ContactFields,
  remote: ContactFields,
  input: Pick<PullInput, 'policy' | 'outranks' | 'options' | 'remoteUpdatedAt'> & { hubUpdatedAt: number },
): { hubNext: ContactFields | null; base: ContactFields; conflicts: FieldConflict[] } {
  const first = mergeContact(base, hub, remote, input.options);
  if (first.conflicts.length === 0) return { hubNext: same(first.merged, hub) ? null : first.merged, base: remote, conflicts: [] };
  const remoteWins =
    input.policy === 'newest' ? input.remoteUpdatedAt !== null && input.remoteUpdatedAt > input.hubUpdatedAt : input.policy === 'priority' && input.outranks;
  if (input.policy !== 'ask') {
    let merged = first.merged;
    if (remoteWins) for (const c of first.conflicts) merged = takePath(merged, remote, c.path, input.options);
    return { hubNext: same(merged, hub) ? null : merged, base: remote, conflicts: [] };
  }
  // Without a base (first link), "empty" is the base: both sides then still differ from it next time.
  const original = base ?? emptyContactFields();
  let keptBase = remote;
  for (const c of first.conflicts) keptBase = takePath(keptBase, original, c.path, input.options);
  return { hubNext: same(first.merged, hub) ? null : first.merged, base: keptBase, conflicts: first.conflicts };
}

export function planPullItem(input: PullInput): PullAction {
  const { stored } = input;
  if (stored?.link && stored.contact) {
    const { contact, link } = stored;
    // Same meaning as what we stored: a server rewrite or our own write coming back.
    if (stored.recordHash === input.hash && !contact.trashed) return { kind: 'echo' };
    const merged = mergeWithPolicy(link.base, contact.fields, input.fields, { ...input, hubUpdatedAt: contact.updatedAt });
    return { kind: 'merge', contactId: link.contactId, ...merged, restore: contact.trashed && stored.recordHash !== input.hash };
  }
  if (stored && stored.recordHash === input.hash) return { kind: 'echo' };
  if (input.origin) {
    const merged = mergeWithPolicy(null, input.origin.fields, input.fields, { ...input, hubUpdatedAt: 0 });
    return { kind: 'link', contactId: input.origin.contactId, ...merged, how: 'auto' };
  }
  const usable = input.candidates.filter((c) => !c.linkedHere);
  const strong = usable.filter((c) => c.tier === 'high').sort((a, b) => b.score - a.score);
  // Exactly one strong candidate links; two equally strong ones are ambiguous and are suggested instead.
  if (strong.length === 1 || (strong.length > 1 && strong[0]!.score > strong[1]!.score)) {
    const best = strong[0]!;
    const merged = mergeWithPolicy(null, best.fields, input.fields, { ...input, hubUpdatedAt: 0 });
    return { kind: 'link', contactId: best.contactId, ...merged, how: 'auto' };
  }
  return { kind: 'create', fields: input.fields, suggest: usable.filter((c) => c.tier !== 'low') };
}
