// trash.*: the contacts in the trash (deleted in the hub or in an account; restorable for 30 days)
// and restoring one. Restoring goes through the hub's journaled write, so it shows in the contact's
// history and can be undone; the next sync brings the contact back to every account.
import { ConcordError } from '../../../shared/api/errors.ts';
import { getContact } from '../db/repos/contacts.ts';
import { listTrash } from '../db/repos/trash.ts';
import { restoreFromTrash } from '../hub/contacts.ts';
import type { DomainHandlers } from './handlers.ts';
import { iso } from './wire-time.ts';


export const trashHandlers: DomainHandlers<'trash.list' | 'trash.restore'> = {
  'trash.list': (_p, ctx) =>
    listTrash(ctx.db).map((t) => ({
      id: t.contactId,
      displayName: getContact(ctx.db, t.contactId)?.displayName ?? '',
      deletedAt: iso(t.deletedAt),
      purgeAfter: iso(t.purgeAfter),
      reason: t.reason,
      runId: t.runId,
    })),

  'trash.restore': (p, ctx) => {
    const contact = getContact(ctx.db, p.id);
    if (!contact) throw new ConcordError('NOT_FOUND', `There is no contact ${p.id}.`);
    if (!contact.trashed) throw new ConcordError('NOT_FOUND', `${contact.displayName || p.id} is not in the trash.`);
    restoreFromTrash({ db: ctx.db, now: ctx.ports.clock.now(), runId: null }, p.id);
    ctx.emit('contacts.changed', { ids: [p.id] });
    return { restored: true };
  },
};
