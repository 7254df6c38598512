// contacts.overview and contacts.show: read-only views of hub contacts for the CLI (and scripts):
// every email and phone and the accounts holding a contact; one contact with each account's copy
// and, value by value, which accounts hold it. Values are compared by meaning (the same keys the
// merge uses: "+86 138 0013 8000" and "13800138000" in a CN account are one phone), so a server's
// reformatting does not make a value look missing.
import type { ContactOverview, HeldValue } from '../../../shared/api/contract.ts';
import { ConcordError } from '../../../shared/api/errors.ts';
import type { Account } from '../../../shared/model/account.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { listAccounts } from '../db/repos/accounts.ts';
import { getContact, listContacts } from '../db/repos/contacts.ts';
import type { ContactRow } from '../db/repos/contacts.ts';
import { accountsHolding, recordsOfContact } from '../db/repos/overview.ts';
import type { LinkedRecord } from '../db/repos/overview.ts';
import { hubNormalize } from '../hub/contacts.ts';
import { sameJson } from '../model/normalize/canonical-json.ts';
import { listSemantics, scalarSemantics } from '../model/normalize/semantic.ts';
import type { ListField, ListSemantics, NormalizeOptions } from '../model/normalize/semantic.ts';
import type { DomainHandlers } from './handlers.ts';
import { iso } from './wire-time.ts';


function overview(row: ContactRow, holders: string[], names: Map<string, string>): ContactOverview {
  return {
    id: row.id,
    displayName: row.displayName,
    emails: row.fields.emails.map((e) => e.value),
    phones: row.fields.phones.map((p) => p.value),
    organization: row.fields.organizations[0]?.name || null,
    accounts: holders.map((id) => names.get(id) ?? id),
  };
}

interface Copy {
  accountName: string;
  fields: ContactFields;
  options: NormalizeOptions;
}

function scalarValues(hub: ContactFields, copies: Copy[]): HeldValue[] {
  const out: HeldValue[] = [];
  for (const s of scalarSemantics) {
    const values: HeldValue[] = [];
    const meanings: unknown[] = [];
    const add = (fields: ContactFields, inHub: boolean, accountName: string | null) => {
      if (s.isEmpty(fields)) return;
      const meaning = s.compare(fields);
      let i = meanings.findIndex((m) => sameJson(m, meaning));
      if (i < 0) {
        i = meanings.push(meaning) - 1;
        values.push({ field: s.path, value: s.value(fields), inHub, accounts: [] });
      }
      if (accountName !== null) values[i]!.accounts.push(accountName);
    };
    add(hub, true, null);
    for (const c of copies) add(c.fields, false, c.accountName);
    out.push(...values);
  }
  return out;
}

function listValues<T, P extends object>(field: ListField, spec: ListSemantics<T, P>, hub: ContactFields, copies: Copy[]): HeldValue[] {
  const hubItems = hub[field] as unknown as T[];
  const values: HeldValue[] = hubItems.map((item) => ({ field, value: item, inHub: true, accounts: [] }));
  for (const c of copies) {
    const keys = new Map<string, T>();
    for (const item of c.fields[field] as unknown as T[]) if (!keys.has(spec.key(item, c.options))) keys.set(spec.key(item, c.options), item);
    // The hub's items under this account's reading (its phone region), so both sides use one key function.
    hubItems.forEach((item, i) => {
      const key = spec.key(item, c.options);
      if (keys.delete(key)) values[i]!.accounts.push(c.accountName);
    });
    for (const item of keys.values()) {
      const key = spec.key(item, hubNormalize);
      const seen = values.find((v) => !v.inHub && spec.key(v.value as T, hubNormalize) === key);
      if (seen) seen.accounts.push(c.accountName);
      else values.push({ field, value: item, inHub: false, accounts: [c.accountName] });
    }
  }
  return values;
}

/** Every value of the contact and of its copies, each with the accounts holding it. */
export function heldValues(hub: ContactFields, copies: Copy[]): HeldValue[] {
  const lists = (Object.keys(listSemantics) as ListField[]).flatMap((field) =>
    listValues(field, listSemantics[field] as unknown as ListSemantics<unknown, object>, hub, copies),
  );
  return [...scalarValues(hub, copies), ...lists];
}

function copiesOf(records: LinkedRecord[], accounts: Map<string, Account>): Copy[] {
  return records.map((r) => {
    const account = accounts.get(r.accountId);
    return { accountName: account?.name ?? r.accountId, fields: r.fields, options: { defaultRegion: account?.settings.defaultRegion ?? null } };
  });
}

export const contactViewHandlers: DomainHandlers<'contacts.overview' | 'contacts.show'> = {
  'contacts.overview': (p, ctx) => {
    const { total, totalIsLowerBound, rows } = listContacts(ctx.db, p);
    const accounts = listAccounts(ctx.db);
    const names = new Map(accounts.map((a) => [a.id, a.name]));
    const order = new Map(accounts.map((a, i) => [a.id, i]));
    const holders = accountsHolding(
      ctx.db,
      rows.map((r) => r.id),
    );
    const held = (id: string) => (holders.get(id) ?? []).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return { total, totalIsLowerBound, offset: p.offset, items: rows.map((r) => overview(r, held(r.id), names)) };
  },

  'contacts.show': (p, ctx) => {
    const row = getContact(ctx.db, p.id);
    if (!row) throw new ConcordError('NOT_FOUND', `There is no contact ${p.id}.`);
    const accounts = new Map(listAccounts(ctx.db).map((a) => [a.id, a]));
    const records = recordsOfContact(ctx.db, row.id);
    return {
      id: row.id,
      displayName: row.displayName,
      fields: row.fields,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
      trashed: row.trashed,
      records: records.map((r) => {
        const account = accounts.get(r.accountId);
        return {
          accountId: r.accountId,
          accountName: account?.name ?? r.accountId,
          kind: account?.kind ?? 'memory',
          remoteId: r.remoteId,
          etag: r.etag,
          fetchedAt: iso(r.fetchedAt),
          how: r.how,
          fields: r.fields,
        };
      }),
      values: heldValues(row.fields, copiesOf(records, accounts)),
    };
  },
};
