// contacts.*: read the hub's unified address book (paged, searchable, trash excluded). A search's
// total is counted only up to a cap (totalIsLowerBound), so the first keystrokes stay fast.
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ContactSummary } from '../../../shared/model/contact.ts';
import { getContact, listContacts } from '../db/repos/contacts.ts';
import type { ContactRow } from '../db/repos/contacts.ts';
import type { DomainHandlers } from './handlers.ts';
import { iso } from './wire-time.ts';


function summary(row: ContactRow): ContactSummary {
  return {
    id: row.id,
    displayName: row.displayName,
    email: row.fields.emails[0]?.value ?? null,
    phone: row.fields.phones[0]?.value ?? null,
    organization: row.fields.organizations[0]?.name || null,
  };
}

export const contactHandlers: DomainHandlers<'contacts.list' | 'contacts.get'> = {
  'contacts.list': (p, ctx) => {
    const { total, totalIsLowerBound, rows } = listContacts(ctx.db, p);
    return { total, totalIsLowerBound, offset: p.offset, items: rows.map(summary) };
  },
  'contacts.get': (p, ctx) => {
    const row = getContact(ctx.db, p.id);
    if (!row || row.trashed) throw new ConcordError('NOT_FOUND', 'That contact does not exist or is in the trash.');
    return { id: row.id, fields: row.fields, displayName: row.displayName, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
  },
};
