// Pull one account into the hub (DESIGN.md §4 steps 1–4): list what changed (falling back to a
// full listing when the cursor is refused), decide every item with planPullItem, check the safety
// guards, then apply the decisions in chunked transactions. The cursor is stored last, so a process
// killed mid-way lists the same changes again next time and re-applying them is harmless (echoes).
// Invariant: a full listing deletes nothing until it has completed, and nothing is deleted or
// overwritten beyond what the guards allow.
import type { ContactFields } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import { atomically, inTransaction } from '../db/handle.ts';
import { holdsContactsOutside, unlinkedContactsSharingKeys } from '../db/repos/contact-keys.ts';
import { closeConflictsExcept, openConflict } from '../db/repos/conflicts.ts';
import { getContact } from '../db/repos/contacts.ts';
import { holdContact } from '../db/repos/holds.ts';
import { getLink, putLink } from '../db/repos/links.ts';
import { deleteRecord, getRecord, upsertRecord } from '../db/repos/records.ts';
import { contactLinkedIn, getSyncState, recordCount, recordIdsByRemoteId, recordMatch, setSyncState } from '../db/repos/sync.ts';
import { changeContact, createContact, hubHash, restoreFromTrash, trashContact } from '../hub/contacts.ts';
import { insertLinkSuggestion } from '../db/repos/suggestions.ts';
import { contactKeys, linkingKeys } from '../match/keys.ts';
import { scorePair } from '../match/score.ts';
import { semanticHash } from '../model/hash.ts';
import type { RemoteItem } from '../providers/types.ts';
import { isProviderError } from '../providers/types.ts';
import type { AccountRun } from './account-run.ts';
import { guardReason } from './guard.ts';
import { planPullItem } from './plan-pull.ts';
import type { Candidate, PullAction, PullInput } from './plan-pull.ts';

/**
 * Decisions per transaction, gathered across listing pages (a provider's page is 1,000 items or
 * fewer). Larger chunks mean fewer commits, and each commit writes every index page its rows
 * dirtied (keys by e-mail, phone and name land all over their B-trees) and flushes a new FTS5
 * segment that later merges rewrite, so pages shared by many rows of a chunk are written once: at
 * 100,000 contacts, transactions of 10,000 instead of 1,000 made a first sync 15% faster (82 → 70
 * s). 5,000 holds the write lock for about 2 s at that size; the UI's writes wait for it (busy
 * timeout 5 s), they do not fail.
 */
const PULL_CHUNK = 5000;

type Planned =
  | { item: RemoteItem; fields: ContactFields; hash: string; action: PullAction }
  | { item: RemoteItem; other: string };

type DeletePlan = { remoteId: string; recordId: number; kind: 'trash' | 'keep-edit' | 'forget'; contactId: string | null };

function candidatesFor(run: AccountRun, fields: ContactFields): Candidate[] {
  // Nothing in the hub but what this pull created (an account's first sync into an empty hub): no
  // block can hold a candidate.
  if (run.createdHere && !(run.othersInHub ??= holdsContactsOutside(run.db, run.createdHere))) return [];
  const keys = contactKeys(fields, run.options);
  // A contact this account already holds cannot take a second record of it (plan-pull.ts), so it is
  // not even read: on a first sync every earlier card of the same account would be scored.
  const sharing = unlinkedContactsSharingKeys(run.db, linkingKeys(keys), run.account.id, undefined, run.createdHere);
  const out: Candidate[] = [];
  for (const contactId of sharing.keys()) {
    const contact = getContact(run.db, contactId);
    if (!contact || contact.trashed) continue;
    const s = scorePair(fields, contact.fields, run.options, keys);
    out.push({ contactId, fields: contact.fields, ...s, linkedHere: false });
  }
  return out;
}

function planItem(run: AccountRun, item: RemoteItem): Planned | null {
  // Byte for byte what we stored, under the same version tag (our own write listed back, or a full
  // listing after a refused cursor): nothing to read or decide. A trashed contact's record still
  // goes the long way, since its decision depends on more than the item.
  const match = recordMatch(run.db, run.account.id, item.id, item.etag, item.payload);
  if (match === 'verbatim') return null;
  const record = match === 'absent' ? undefined : getRecord(run.db, run.account.id, item.id);
  const decoded = run.codec.decode(item);
  if (decoded.kind === 'invalid') {
    run.report.errors.push({ contactId: null, remoteId: item.id, code: 'invalid-data', message: decoded.reason });
    return null;
  }
  if (decoded.kind === 'other') return { item, other: decoded.description };
  const { fields } = decoded;
  const hash = semanticHash(fields, run.options);
  const link = record ? getLink(run.db, record.id) : undefined;
  const contact = link ? getContact(run.db, link.contactId) : undefined;
  let origin: PullInput['origin'] = null;
  if (!link && decoded.hubId) {
    const own = getContact(run.db, decoded.hubId);
    if (own && !own.trashed && !contactLinkedIn(run.db, own.id, run.account.id)) origin = { contactId: own.id, fields: own.fields };
  }
  const action = planPullItem({
    fields,
    hash,
    remoteUpdatedAt: item.updatedAt,
    stored: record
      ? {
          recordHash: record.contentHash,
          link: link ? { contactId: link.contactId, base: link.base } : null,
          contact: contact ? { fields: contact.fields, trashed: contact.trashed, updatedAt: contact.updatedAt } : null,
        }
      : null,
    origin,
    candidates: record || origin ? [] : candidatesFor(run, fields),
    policy: run.policy,
    outranks: link ? run.outranks(link.contactId) : false,
    options: run.options,
  });
  return { item, fields, hash, action };
}

/** What a listing said about the account's items as a whole (its items are applied page by page). */
interface ListingSummary {
  full: boolean;
  listed: ReadonlySet<string>;
  deleted: readonly string[];
}

function planDeletions(run: AccountRun, listing: ListingSummary): DeletePlan[] {
  // A full listing says everything that exists: what we know and it lacks was deleted. An
  // incremental one names its deletions; only those records are looked up (not the whole account).
  let known: Map<string, number>;
  let gone: readonly string[];
  if (listing.full) {
    known = recordIdsByRemoteId(run.db, run.account.id);
    gone = [...known.keys()].filter((id) => !listing.listed.has(id));
  } else {
    gone = listing.deleted;
    known = new Map(gone.flatMap((id) => {
      const record = getRecord(run.db, run.account.id, id);
      return record ? [[id, record.id] as const] : [];
    }));
  }
  return gone.flatMap((remoteId): DeletePlan[] => {
    const recordId = known.get(remoteId);
    if (recordId === undefined) return [];
    const link = getLink(run.db, recordId);
    const contact = link ? getContact(run.db, link.contactId) : undefined;
    if (!link || !contact || contact.trashed) return [{ remoteId, recordId, kind: 'forget', contactId: link?.contactId ?? null }];
    // Delete vs edit: the hub changed since this pair last agreed, so the edit is kept (DESIGN.md §4).
    const edited = contact.contentHash !== link.baseHash;
    return [{ remoteId, recordId, kind: edited ? 'keep-edit' : 'trash', contactId: contact.id }];
  });
}

function storeRecord(run: AccountRun, item: RemoteItem, fields: ContactFields, hash: string): number {
  return upsertRecord(run.db, {
    accountId: run.account.id,
    remoteId: item.id,
    etag: item.etag,
    contentType: item.contentType,
    raw: item.payload,
    fields,
    contentHash: hash,
    remoteUpdatedAt: item.updatedAt,
    fetchedAt: run.now(),
  });
}

/** Applies one decided item in one transaction. */
export function applyPullAction(run: AccountRun, p: Extract<Planned, { action: PullAction }>): void {
  const { item, fields, hash } = p;
  const ctx = { db: run.db, now: run.now(), runId: run.runId };
  const r = run.report;
  atomically(run.db, () => {
    let action = p.action;
    // Two items of this account strongly matching one contact: only the first may link to it.
    if (action.kind === 'link' && contactLinkedIn(run.db, action.contactId, run.account.id)) {
      action = { kind: 'create', fields, suggest: [] };
    }
    const recordId = storeRecord(run, item, fields, hash);
    switch (action.kind) {
      case 'echo':
        return;
      case 'merge':
      case 'link': {
        if (action.kind === 'merge' && action.restore && restoreFromTrash(ctx, action.contactId)) {
          r.restored += 1;
          r.notes.push(`Restored “${fields.formattedName || action.contactId}” from the trash: it was changed in ${run.account.name} after being deleted.`);
        }
        if (action.hubNext && changeContact(ctx, action.contactId, action.hubNext, item.updatedAt ?? ctx.now)) r.hubUpdated += 1;
        putLink(run.db, { recordId, contactId: action.contactId, base: action.base, baseHash: hubHash(action.base), how: action.kind === 'link' ? 'auto' : 'created', linkedAt: ctx.now });
        if (action.kind === 'link') r.linked += 1;
        for (const c of action.conflicts) {
          openConflict(run.db, { contactId: action.contactId, accountId: run.account.id, field: c.path, base: c.base, hubValue: c.ours, remoteValue: c.theirs, runId: run.runId, detectedAt: ctx.now });
        }
        r.conflicts += action.conflicts.length;
        closeConflictsExcept(run.db, action.contactId, run.account.id, action.conflicts.map((c) => c.path), ctx.now);
        return;
      }
      case 'create': {
        const contact = createContact(ctx, action.fields);
        // A contact created from elsewhere while this pull runs (the user adding one) can fall in
        // this range and is then not a link candidate for the rest of the pull: at worst one pair
        // the duplicate finder later suggests, against a first sync that stays linear.
        run.createdHere = { first: run.createdHere?.first ?? contact.id, last: contact.id };
        putLink(run.db, { recordId, contactId: contact.id, base: fields, baseHash: hubHash(fields), how: 'created', linkedAt: ctx.now });
        r.hubCreated += 1;
        if (action.suggest.length > 0) {
          // A possible duplicate: keep it out of the other accounts until the user decides.
          holdContact(run.db, contact.id, ctx.now);
          for (const s of action.suggest) insertLinkSuggestion(run.db, contact.id, s.contactId, s.score, s.tier, s.reasons, ctx.now);
          r.suggested += 1;
        }
        return;
      }
    }
  });
}

function applyDeletion(run: AccountRun, d: DeletePlan): void {
  const ctx = { db: run.db, now: run.now(), runId: run.runId };
  atomically(run.db, () => {
    if (d.kind === 'trash' && d.contactId && trashContact(ctx, d.contactId, 'remote')) run.report.hubTrashed += 1;
    if (d.kind === 'keep-edit') run.report.notes.push(`Kept a contact edited in Concord although it was deleted in ${run.account.name}; it will be created there again.`);
    deleteRecord(run.db, d.recordId);
  });
}

/**
 * Reads one item again and applies it like a pulled change (used after a 412: the item changed on
 * the server since we read it, so its change is merged first and the write is planned again).
 * Returns false when the item is gone.
 */
export async function refreshItem(run: AccountRun, remoteId: string): Promise<boolean> {
  const [item] = await run.source.get([remoteId], { signal: run.signal });
  if (!item) return false;
  const planned = planItem(run, item);
  if (planned && 'action' in planned) applyPullAction(run, planned);
  return true;
}

/** Applies decided items in chunked transactions (each decision atomic within its chunk). */
function applyPlanned(run: AccountRun, planned: readonly Planned[]): void {
  for (let start = 0; start < planned.length; start += PULL_CHUNK) {
    run.signal?.throwIfAborted();
    inTransaction(run.db, () => {
      for (const p of planned.slice(start, start + PULL_CHUNK)) {
        if ('action' in p) applyPullAction(run, p);
        else storeRecord(run, p.item, emptyContactFields(), `other:${p.other}:${p.item.etag}`);
      }
    });
  }
}

/** A decision the safety guards count: it changes a contact the hub already had. */
const overwrites = (p: Planned): boolean => 'action' in p && p.action.kind === 'merge' && p.action.hubNext !== null;

/**
 * Pulls one account: changes since the stored cursor, or everything when there is none or the
 * server refused it. Returns false when a safety guard paused it.
 */
export async function pullAccount(run: AccountRun): Promise<boolean> {
  const { cursor } = getSyncState(run.db, run.account.id);
  try {
    return await pullListing(run, cursor);
  } catch (error) {
    if (cursor !== null && isProviderError(error, 'cursor-invalid')) {
      run.report.notes.push('The server no longer accepted the sync position; Concord compared the whole address book instead.');
      return pullListing(run, null);
    }
    throw error;
  }
}

/**
 * Page by page, so memory stays flat however large the account: each page is decided as it
 * arrives and its additions, links and echoes committed in chunks of PULL_CHUNK decisions, while
 * what the safety guards count (overwrites of
 * hub contacts, deletions, an account that suddenly lists nothing) waits until the listing is
 * complete and the guards have passed. A paused account has then gained at most new contacts,
 * never lost or changed one. The cursor is stored last, so a process killed mid-way lists the same
 * changes again next time and re-applying them is harmless (echoes).
 */
async function pullListing(run: AccountRun, cursor: string | null): Promise<boolean> {
  const knownRecords = recordCount(run.db, run.account.id);
  const listed = new Set<string>();
  const deleted: string[] = [];
  // Decisions not yet applied, by remote id in listing order: overwrites held for the guards, and
  // the rest until the chunk is full. An item listed twice (a server reporting a change on two
  // pages) keeps only its later decision: both were decided against the same hub state, and the
  // later version is the item as it now is (even when it is back to what is stored: then nothing).
  const held = new Map<string, Planned>();
  const pending = new Map<string, Planned>();
  const flush = () => {
    applyPlanned(run, [...pending.values()]);
    pending.clear();
    run.othersInHub = undefined;
  };
  let next: string | null = null;
  for await (const page of run.source.listChanges(cursor, { signal: run.signal })) {
    run.othersInHub = undefined;
    for (const item of page.changed) {
      listed.add(item.id);
      held.delete(item.id);
      pending.delete(item.id);
      const p = planItem(run, item);
      if (p) (overwrites(p) ? held : pending).set(item.id, p);
    }
    if (pending.size >= PULL_CHUNK) flush();
    deleted.push(...page.deleted);
    next = page.nextCursor ?? next;
    run.progress('snapshot', listed.size, listed.size);
  }
  flush();
  const deletions = planDeletions(run, { full: cursor === null, listed, deleted });

  const reason = guardReason(
    {
      knownRecords,
      listedItems: cursor === null ? listed.size : null,
      deletes: deletions.filter((d) => d.kind === 'trash').length,
      overwrites: held.size,
    },
    run.limits,
  );
  if (reason && !run.approve) {
    run.report.paused = reason;
    return false;
  }

  const total = held.size + deletions.length;
  run.progress('execute', 0, total);
  applyPlanned(run, [...held.values()]);
  let done = held.size;
  for (let start = 0; start < deletions.length; start += PULL_CHUNK) {
    run.signal?.throwIfAborted();
    const chunk = deletions.slice(start, start + PULL_CHUNK);
    inTransaction(run.db, () => chunk.forEach((d) => applyDeletion(run, d)));
    done += chunk.length;
    run.progress('execute', done, total);
  }
  inTransaction(run.db, () => setSyncState(run.db, run.account.id, { ...getSyncState(run.db, run.account.id), cursor: next, pausedFor: null }));
  return true;
}
