// Merging duplicate hub contacts (DESIGN.md §5): one survivor keeps its id and gets the union of
// every member's fields (per-field choices for the scalar ones), the others go to the trash with
// reason 'merge', all as one journaled run with trigger 'merge' so history.undo reverses it (a bulk
// accept of the high tier merges many groups in one such run: one undo takes them all back).
// How the merge reaches the accounts, through the next sync's push (sync/push.ts):
// - an account that holds only a merged card (not the survivor): that card's link moves to the
//   survivor, so push patches the same remote item with the merged fields (its id, photo and what
//   Concord cannot represent stay);
// - an account that holds the survivor and a merged card: the merged card keeps its link to its
//   trashed contact, and push plans updates before deletes, so the survivor's item is rewritten
//   first and the redundant item is deleted after it (trashed contacts still present are deleted).
// Invariants: nothing is deleted here (trash only, restorable); every contact change goes through
// hub/contacts.ts (journaled, keys re-indexed); every moved link is journaled as 'link' with the
// contact it had before; a contact already merged or trashed cannot be merged again.
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ContactFields, LabeledValue, PartialDate } from '../../../shared/model/contact.ts';
import type { WritableDb } from '../db/handle.ts';
import { inTransaction } from '../db/handle.ts';
import { openConflict, openConflicts, resolveConflict } from '../db/repos/conflicts.ts';
import { getContact } from '../db/repos/contacts.ts';
import type { ContactRow } from '../db/repos/contacts.ts';
import { inheritDismissals } from '../db/repos/dismissals.ts';
import { releaseContact } from '../db/repos/holds.ts';
import { appendJournal } from '../db/repos/journal.ts';
import { linksOfContact, putLink } from '../db/repos/links.ts';
import { getAccountIdOfRecord, recordOfContactIn } from '../db/repos/records.ts';
import { finishRun, startRun } from '../db/repos/runs.ts';
import { decideSuggestions, hasOpenLinkSuggestion } from '../db/repos/suggestions.ts';
import { samePhone } from '../match/duplicate-score.ts';
import { phoneFeatureOf } from '../match/features.ts';
import { canonicalGivens } from '../match/nicknames.ts';
import { cleanNote, compactKey, familyPinyin, givenPinyin, listSemantics } from '../model/normalize/index.ts';
import type { NormalizeOptions } from '../model/normalize/index.ts';
import { changeContact, hubNormalize, trashContact } from './contacts.ts';

/** Scalar parts a user may take from a particular member instead of the survivor. */
export const mergeChoiceFields = ['kind', 'name', 'birthday', 'note', 'photo', 'organizations'] as const;
export type MergeChoiceField = (typeof mergeChoiceFields)[number];
export type MergeChoices = Partial<Record<MergeChoiceField, string>>;

export interface MergeRequest {
  contactIds: readonly string[];
  /** The contact that keeps its id; chosen when omitted (the one in most accounts, then the fullest). */
  survivorId?: string;
  /** Field → the member whose value to take (for 'organizations': that member's list only). */
  choices?: MergeChoices;
}

export interface MergeOutcome {
  run: number;
  survivorId: string;
  /** The members that went to the trash. */
  merged: string[];
  /** Links moved to the survivor (accounts that held a merged card but not the survivor). */
  movedLinks: number;
}

function filled(f: ContactFields): number {
  const lists = [f.nicknames, f.emails, f.phones, f.addresses, f.organizations, f.dates, f.urls, f.ims, f.relations, f.groups, f.customFields];
  return lists.reduce((n, l) => n + l.length, 0) + (f.birthday ? 1 : 0) + (f.note ? 1 : 0) + (f.photo ? 1 : 0) + (f.formattedName || f.name.given || f.name.family ? 1 : 0);
}

/**
 * In most accounts first (fewest remote deletions), then the fullest card, then the longer name
 * (Robert over Bob, a full name over an initial), then the oldest, then by id.
 */
export function chooseSurvivor(db: WritableDb, contacts: readonly ContactRow[]): ContactRow {
  const ranked = contacts.map((c) => ({ c, links: linksOfContact(db, c.id).length, filled: filled(c.fields) }));
  ranked.sort(
    (x, y) =>
      y.links - x.links || y.filled - x.filled || y.c.displayName.length - x.c.displayName.length || x.c.createdAt - y.c.createdAt || (x.c.id < y.c.id ? -1 : 1),
  );
  return ranked[0]!.c;
}

function union<T>(lists: readonly (readonly T[])[], same: (a: T, b: T) => boolean): T[] {
  const out: T[] = [];
  for (const list of lists) for (const item of list) if (!out.some((x) => same(x, item))) out.push(item);
  return out;
}

function byKey<T>(spec: { key(item: T, options: NormalizeOptions): string }, lists: readonly (readonly T[])[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of lists) {
    for (const item of list) {
      const key = spec.key(item, hubNormalize);
      if (key && seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/** The survivor's primary stays primary; a member's primary item joins as a plain one. */
function onePrimary<T extends { primary: boolean }>(items: T[]): T[] {
  let seen = false;
  return items.map((item) => {
    if (!item.primary) return item;
    if (seen) return { ...item, primary: false };
    seen = true;
    return item;
  });
}

const hasName = (f: ContactFields) => Boolean(f.formattedName.trim() || f.name.given.trim() || f.name.family.trim());

/** "--04-15" and "1990-04-15" are one birthday: the one that knows more wins. */
function refinedBirthday(dates: (PartialDate | null)[]): PartialDate | null {
  const [first, ...rest] = dates.filter((d): d is PartialDate => d !== null);
  if (!first) return null;
  let best = first;
  for (const d of rest) {
    const agrees = (p: number | null, q: number | null) => p === null || q === null || p === q;
    const known = (x: PartialDate) => [x.year, x.month, x.day].filter((v) => v !== null).length;
    if (agrees(best.year, d.year) && agrees(best.month, d.month) && agrees(best.day, d.day) && known(d) > known(best)) best = d;
  }
  return { ...best };
}

/**
 * The merged fields: `members[0]` is the survivor. Scalars come from the chosen member, else the
 * survivor, else the first member that has one; lists are unions by meaning (phones by line, so
 * "+86 138…" and "138…" are one number). A merged card's different given name that is a nickname
 * of the kept one is kept as a nickname, and a pinyin spelling of a hanzi name as its reading.
 */
export function mergeFields(members: readonly { id: string; fields: ContactFields }[], choices: MergeChoices = {}): ContactFields {
  const survivor = members[0]!.fields;
  const all = members.map((m) => m.fields);
  const chosen = (field: MergeChoiceField): ContactFields | null => {
    const id = choices[field];
    return id === undefined ? null : (members.find((m) => m.id === id)?.fields ?? null);
  };
  const pick = <T>(field: MergeChoiceField | null, get: (f: ContactFields) => T, empty: (v: T) => boolean): T => {
    const c = field ? chosen(field) : null;
    if (c) return get(c);
    const own = get(survivor);
    if (!empty(own)) return own;
    return all.map(get).find((v) => !empty(v)) ?? own;
  };
  const l = listSemantics;
  const nameFrom = chosen('name') ?? (hasName(survivor) ? survivor : (all.find(hasName) ?? survivor));
  const notes = chosen('note') ? [chosen('note')!.note] : all.map((f) => f.note).filter((n, i, xs) => cleanNote(n) !== '' && xs.findIndex((m) => cleanNote(m) === cleanNote(n)) === i);
  const phones = onePrimary(
    union<LabeledValue>(
      all.map((f) => f.phones),
      (a, b) => {
        const x = phoneFeatureOf(a.value, a.label);
        const y = phoneFeatureOf(b.value, b.label);
        return x && y ? samePhone(x, y) === 'same' : a.value.trim() === b.value.trim();
      },
    ),
  );
  const merged: ContactFields = {
    kind: pick('kind', (f) => f.kind, (k) => k === 'individual'),
    name: { ...nameFrom.name },
    formattedName: nameFrom.formattedName,
    nicknames: byKey(l.nicknames, all.map((f) => f.nicknames)),
    emails: onePrimary(byKey(l.emails, all.map((f) => f.emails))),
    phones,
    addresses: onePrimary(byKey(l.addresses, all.map((f) => f.addresses))),
    organizations: chosen('organizations') ? [...chosen('organizations')!.organizations] : byKey(l.organizations, all.map((f) => f.organizations)),
    birthday: chosen('birthday') ? chosen('birthday')!.birthday : refinedBirthday(all.map((f) => f.birthday)),
    dates: byKey(l.dates, all.map((f) => f.dates)),
    urls: onePrimary(byKey(l.urls, all.map((f) => f.urls))),
    ims: byKey(l.ims, all.map((f) => f.ims)),
    relations: byKey(l.relations, all.map((f) => f.relations)),
    note: notes.join('\n\n'),
    groups: byKey(l.groups, all.map((f) => f.groups)),
    photo: pick('photo', (f) => f.photo, (p) => p === null),
    customFields: byKey(l.customFields, all.map((f) => f.customFields)),
  };
  // What the other cards called this person is worth keeping: "Bob" as Robert's nickname, and
  // "Zhang Wei" as the reading of 张伟.
  const given = compactKey(merged.name.given);
  const family = compactKey(merged.name.family);
  for (const f of all) {
    if (f === nameFrom) continue;
    const g = compactKey(f.name.given);
    if (g && given && g !== given && compactKey(f.name.family) === family && canonicalGivens(g).some((c) => canonicalGivens(given).includes(c))) {
      if (!merged.nicknames.some((n) => compactKey(n) === g)) merged.nicknames = [...merged.nicknames, f.name.given.trim()];
    }
    const noReading = !merged.name.phoneticGiven.trim() && !merged.name.phoneticFamily.trim();
    if (noReading && /\p{Script=Han}/u.test(merged.name.given + merged.name.family) && given && family) {
      const [pg, pf] = [givenPinyin(merged.name.given), familyPinyin(merged.name.family)];
      const [og, of] = [compactKey(f.name.given), compactKey(f.name.family)];
      if ((og === pg && of === pf) || (og === pf && of === pg)) {
        merged.name = { ...merged.name, phoneticGiven: og === pg ? f.name.given.trim() : f.name.family.trim(), phoneticFamily: og === pg ? f.name.family.trim() : f.name.given.trim() };
      }
    }
  }
  return merged;
}

/** Merges hub contacts as one journaled run (trigger 'merge'). */
export function mergeContacts(db: WritableDb, now: number, request: MergeRequest): MergeOutcome {
  return inTransaction(db, () => {
    const run = startRun(db, 'merge', now);
    const outcome = mergeInRun(db, run, now, request);
    finishRun(db, run, 'ok', now, { merged: outcome.merged.length, survivorId: outcome.survivorId, movedLinks: outcome.movedLinks });
    return outcome;
  });
}

export interface BulkMergeOutcome {
  /** The one run of every merge; null when there was nothing to merge (no run is recorded). */
  run: number | null;
  outcomes: MergeOutcome[];
}

/**
 * Merges several disjoint groups (a tier's clusters) as ONE run, so one history.undo takes them
 * all back; all or nothing: a group that cannot be merged rolls the whole run back.
 */
export function mergeMany(db: WritableDb, now: number, requests: readonly MergeRequest[]): BulkMergeOutcome {
  if (requests.length === 0) return { run: null, outcomes: [] };
  const seen = new Set<string>();
  for (const r of requests) {
    for (const id of r.contactIds) {
      if (seen.has(id)) throw new ConcordError('INVALID_PARAMS', 'A contact can only be merged into one survivor per run.');
      seen.add(id);
    }
  }
  return inTransaction(db, () => {
    const run = startRun(db, 'merge', now);
    const outcomes = requests.map((r) => mergeInRun(db, run, now, r));
    const merged = outcomes.reduce((n, o) => n + o.merged.length, 0);
    finishRun(db, run, 'ok', now, { groups: outcomes.length, merged, movedLinks: outcomes.reduce((n, o) => n + o.movedLinks, 0) });
    return { run, outcomes };
  });
}

/** One merge inside an open run and transaction: the survivor rewritten, the others trashed, all journaled under `run`. */
function mergeInRun(db: WritableDb, run: number, now: number, request: MergeRequest): MergeOutcome {
  const ids = [...new Set(request.contactIds)];
  if (ids.length < 2) throw new ConcordError('INVALID_PARAMS', 'A merge needs at least two different contacts.');
  const rows = ids.map((id) => {
    const row = getContact(db, id);
    if (!row || row.trashed) throw new ConcordError('NOT_FOUND', 'One of the contacts to merge does not exist any more or is in the trash.');
    return row;
  });
  if (request.survivorId !== undefined && !ids.includes(request.survivorId)) throw new ConcordError('INVALID_PARAMS', 'The survivor must be one of the contacts merged.');
  for (const id of Object.values(request.choices ?? {})) {
    if (id !== undefined && !ids.includes(id)) throw new ConcordError('INVALID_PARAMS', 'Each field choice must name one of the contacts merged.');
  }
  const survivor = request.survivorId !== undefined ? rows.find((r) => r.id === request.survivorId)! : chooseSurvivor(db, rows);
  const losers = rows.filter((r) => r.id !== survivor.id);
  const fields = mergeFields([survivor, ...losers], request.choices);

  const w = { db, now, runId: run };
  changeContact(w, survivor.id, fields);
  // Accounts the survivor is in: a merged card there is redundant and will be deleted by push.
  const covered = new Set(linksOfContact(db, survivor.id).map((l) => getAccountIdOfRecord(db, l.recordId)));
  let movedLinks = 0;
  for (const loser of losers) {
    for (const link of linksOfContact(db, loser.id)) {
      const accountId = getAccountIdOfRecord(db, link.recordId);
      if (accountId === null) continue;
      const conflicts = openConflicts(db, { contactId: loser.id, accountId });
      if (covered.has(accountId)) {
        // The item goes; what was disputed on it is settled by the merge.
        for (const c of conflicts) resolveConflict(db, c.id, 'policy', now);
        continue;
      }
      covered.add(accountId);
      const record = recordOfContactIn(db, loser.id, accountId);
      // Same base: push then sends exactly what the merge changed, field by field.
      putLink(db, { ...link, contactId: survivor.id, how: 'user', linkedAt: now });
      // A disputed field stays disputed, now on the survivor (push keeps the account's value meanwhile).
      for (const c of conflicts) {
        resolveConflict(db, c.id, 'policy', now);
        openConflict(db, { ...c, contactId: survivor.id, runId: run });
      }
      appendJournal(db, {
        runId: run,
        at: now,
        action: 'link',
        contactId: survivor.id,
        accountId,
        remoteId: record?.remoteId ?? null,
        before: { contactId: loser.id, recordId: link.recordId },
        after: { contactId: survivor.id, recordId: link.recordId },
      });
      movedLinks++;
    }
    trashContact(w, loser.id, 'merge');
    inheritDismissals(db, loser.id, survivor.id, now);
    releaseContact(db, loser.id);
  }
  decideSuggestions(db, ids, 'accepted', now);
  // A survivor held back by a linking suggestion is decided now (unless another one is still open).
  if (!hasOpenLinkSuggestion(db, survivor.id)) releaseContact(db, survivor.id);
  const merged = losers.map((l) => l.id);
  appendJournal(db, { runId: run, at: now, action: 'merge', contactId: survivor.id, accountId: null, remoteId: null, before: { contactIds: ids }, after: { survivorId: survivor.id, merged, movedLinks } });
  return { run, survivorId: survivor.id, merged, movedLinks };
}
