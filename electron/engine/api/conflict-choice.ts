// conflicts.choose: decides a conflict with a value other than "keep the hub's" or "take the
// account's": the value a third account holds (`concord conflicts resolve ID --take OTHER`), or a
// value picked by hand (`--value JSON`). Like conflicts.resolve, the hub gets the chosen value
// (journaled) and the pair's base moves to the account's value, so the choice reads as a one-sided
// change and the next sync writes it to the account (and from the hub to every other account).
// Invariant: only the disputed path changes; a value of the wrong shape changes nothing.
import type { ValidParams } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ContactFields, PartialDate } from '../../../shared/model/contact.ts';
import { inTransaction } from '../db/handle.ts';
import { getAccount } from '../db/repos/accounts.ts';
import { openConflicts, resolveConflict } from '../db/repos/conflicts.ts';
import type { ConflictRow } from '../db/repos/conflicts.ts';
import { getContact } from '../db/repos/contacts.ts';
import { getLink, putLink } from '../db/repos/links.ts';
import { recordOfContactIn } from '../db/repos/records.ts';
import { changeContact, hubHash } from '../hub/contacts.ts';
import { takePath } from '../model/merge/index.ts';
import { indexItems } from '../model/merge/lists.ts';
import { sameJson } from '../model/normalize/canonical-json.ts';
import { listSemantics } from '../model/normalize/semantic.ts';
import type { ListField, ListSemantics, NormalizeOptions } from '../model/normalize/semantic.ts';
import type { EngineContext } from './context.ts';
import type { DomainHandlers } from './handlers.ts';

function wrongShape(path: string, expected: string): ConcordError {
  return new ConcordError('INVALID_PARAMS', `The value for ${path} must be ${expected}.`);
}

const isText = (v: unknown): v is string => typeof v === 'string';

function asPartialDate(path: string, v: unknown): PartialDate | null {
  if (v === null) return null;
  const d = v as Partial<Record<'year' | 'month' | 'day', unknown>>;
  const part = (x: unknown, min: number, max: number) => x === null || x === undefined || (Number.isInteger(x) && (x as number) >= min && (x as number) <= max);
  if (typeof v !== 'object' || Array.isArray(v) || !part(d.year, 1, 9999) || !part(d.month, 1, 12) || !part(d.day, 1, 31)) {
    throw wrongShape(path, 'null or a date such as {"year": 1990, "month": 4, "day": 15} (year may be null)');
  }
  return { year: (d.year as number | undefined) ?? null, month: (d.month as number | undefined) ?? null, day: (d.day as number | undefined) ?? null };
}

const namePaths = ['prefix', 'given', 'middle', 'family', 'suffix', 'phoneticGiven', 'phoneticMiddle', 'phoneticFamily'] as const;

/** The contact with a hand-picked value at a scalar path; null when `path` is not a scalar. */
function withScalar(fields: ContactFields, path: string, value: unknown): ContactFields | null {
  const next = structuredClone(fields);
  const name = /^name\.(\w+)$/.exec(path)?.[1];
  if (name !== undefined && (namePaths as readonly string[]).includes(name)) {
    if (!isText(value)) throw wrongShape(path, 'text');
    next.name[name as (typeof namePaths)[number]] = value;
  } else if (path === 'formattedName' || path === 'note') {
    if (!isText(value)) throw wrongShape(path, 'text');
    next[path] = value;
  } else if (path === 'kind') {
    if (value !== 'individual' && value !== 'organization') throw wrongShape(path, '"individual" or "organization"');
    next.kind = value;
  } else if (path === 'birthday') {
    next.birthday = asPartialDate(path, value);
  } else if (path === 'photo') {
    throw new ConcordError('INVALID_PARAMS', 'A photo cannot be typed in: choose the account whose photo to keep (--take).');
  } else return null;
  return next;
}

/** Parses 'emails[key].label' / 'phones[key]' (the item id is escaped as in merge/lists.ts pathKey). */
function parseItemPath(path: string): { field: ListField; id: string; part: string | null } | null {
  const m = /^(\w+)\[((?:\\.|[^\]\\])*)\](?:\.(\w+))?$/.exec(path);
  if (!m || !(m[1]! in listSemantics)) return null;
  return { field: m[1] as ListField, id: m[2]!, part: m[3] ?? null };
}

/** The contact with a hand-picked value for one part of one list item ('emails[…].label', 'organizations[…].title'). */
function withItemPart(fields: ContactFields, path: string, value: unknown, options: NormalizeOptions): ContactFields | null {
  const p = parseItemPath(path);
  if (!p || p.part === null) return null;
  const spec = listSemantics[p.field] as unknown as ListSemantics<unknown, Record<string, unknown>>;
  const items = fields[p.field] as unknown[];
  const entries = [...indexItems(spec, items, options).values()];
  const index = entries.findIndex((e) => e.id === p.id);
  const entry = entries[index];
  if (!entry || !(p.part in entry.parts)) throw new ConcordError('INVALID_PARAMS', `The contact has no ${path} to set: choose a side with --take.`);
  const current = entry.parts[p.part];
  if (p.part === 'label' ? value !== null && !isText(value) : !isText(value) || !isText(current)) throw wrongShape(path, p.part === 'label' ? 'text or null' : 'text');
  const next = structuredClone(fields);
  (next[p.field] as unknown[])[index] = spec.join({ ...entry.parts, [p.part]: value }, spec.isPrimary(entry.item));
  return next;
}

function chosenByHand(fields: ContactFields, conflict: ConflictRow, value: unknown, options: NormalizeOptions): ContactFields {
  const picked = withScalar(fields, conflict.field, value) ?? withItemPart(fields, conflict.field, value, options);
  if (picked) return picked;
  // Whole items and primary flags: removing the item is the only value that is neither side's.
  const item = parseItemPath(conflict.field);
  if (item && value === null) {
    const spec = listSemantics[item.field] as unknown as ListSemantics<unknown, object>;
    const kept = [...indexItems(spec, fields[item.field] as unknown[], options).values()].filter((e) => e.id !== item.id).map((e) => e.item);
    return { ...structuredClone(fields), [item.field]: kept };
  }
  throw new ConcordError('INVALID_PARAMS', `${conflict.field} cannot be typed in: choose a side with --take (or null to remove the item).`);
}

function decide(p: ValidParams<'conflicts.choose'>, conflict: ConflictRow, hub: ContactFields, ctx: EngineContext) {
  const account = getAccount(ctx.db, conflict.accountId);
  if (!account) throw new ConcordError('NOT_FOUND', 'The account of this conflict is gone.');
  const options = { defaultRegion: account.settings.defaultRegion };
  const record = recordOfContactIn(ctx.db, conflict.contactId, conflict.accountId);
  if ('accountId' in p) {
    const source = p.accountId === conflict.accountId ? record : recordOfContactIn(ctx.db, conflict.contactId, p.accountId);
    const from = getAccount(ctx.db, p.accountId);
    if (!from) throw new ConcordError('NOT_FOUND', `There is no account ${p.accountId}.`);
    if (!source) throw new ConcordError('NOT_FOUND', `${from.name} holds no copy of this contact.`);
    return { account, options, record, fields: takePath(hub, source.fields, conflict.field, { defaultRegion: from.settings.defaultRegion }) };
  }
  // A value equal to one side's is that side (its display text and all).
  if (record && sameJson(p.value, conflict.remoteValue)) return { account, options, record, fields: takePath(hub, record.fields, conflict.field, options) };
  if (sameJson(p.value, conflict.hubValue)) return { account, options, record, fields: hub };
  return { account, options, record, fields: chosenByHand(hub, conflict, p.value, options) };
}

export const conflictChoiceHandlers: DomainHandlers<'conflicts.choose'> = {
  'conflicts.choose': (p, ctx) => {
    const conflict = openConflicts(ctx.db).find((c) => c.id === p.id);
    if (!conflict) throw new ConcordError('NOT_FOUND', 'That conflict does not exist or was already resolved.');
    const contact = getContact(ctx.db, conflict.contactId);
    if (!contact) throw new ConcordError('NOT_FOUND', 'The contact of this conflict is gone.');
    const { options, record, fields } = decide(p, conflict, contact.fields, ctx);
    const now = ctx.ports.clock.now();
    inTransaction(ctx.db, () => {
      changeContact({ db: ctx.db, now, runId: null }, contact.id, fields);
      const link = record && getLink(ctx.db, record.id);
      if (record && link) {
        // The base takes the account's value: the chosen value now reads as the hub's change and is pushed.
        const base = takePath(link.base, record.fields, conflict.field, options);
        putLink(ctx.db, { ...link, base, baseHash: hubHash(base) });
      }
      resolveConflict(ctx.db, conflict.id, 'custom', now);
    });
    ctx.emit('conflicts.changed', { open: openConflicts(ctx.db).length });
    ctx.emit('contacts.changed', { ids: [conflict.contactId] });
    return { resolved: true };
  },
};
