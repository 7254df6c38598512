// contacts.restoreField: the "Restore" button of a contact's field history. Sets one top-level
// field back to a value it had before; the change is journaled like any edit (history.undo can take
// it back) and the next sync carries it to every account.
// Invariant: only a value the journal holds for this contact and field can be restored, so the
// call cannot be used to write a value of the wrong shape (the journal's values were valid fields).
import { ConcordError } from '../../../shared/api/errors.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import { getContact } from '../db/repos/contacts.ts';
import { journalOfContact } from '../db/repos/journal.ts';
import { changeContact } from '../hub/contacts.ts';
import { sameJson } from '../model/normalize/canonical-json.ts';
import type { DomainHandlers } from './handlers.ts';

const fieldNames = Object.keys(emptyContactFields()) as (keyof ContactFields)[];
const isField = (name: string): name is keyof ContactFields => (fieldNames as string[]).includes(name);

/** Every value this field had before or after a journaled change of the contact. */
function journaledValues(entries: readonly { before: unknown; after: unknown }[], field: keyof ContactFields): unknown[] {
  const values: unknown[] = [];
  for (const e of entries) {
    for (const side of [e.before, e.after]) {
      if (side !== null && typeof side === 'object' && Object.hasOwn(side, field)) values.push((side as Record<string, unknown>)[field]);
    }
  }
  return values;
}

export const restoreFieldHandlers: DomainHandlers<'contacts.restoreField'> = {
  'contacts.restoreField': (p, ctx) => {
    if (!isField(p.field)) throw new ConcordError('INVALID_PARAMS', `${p.field} is not a contact field.`);
    const contact = getContact(ctx.db, p.id);
    if (!contact || contact.trashed) throw new ConcordError('NOT_FOUND', 'That contact does not exist or is in the trash.');
    const known = journaledValues(journalOfContact(ctx.db, p.id), p.field).find((v) => sameJson(v, p.value));
    if (known === undefined) throw new ConcordError('INVALID_PARAMS', `That value is not in the history of ${p.field}.`);
    const fields = { ...structuredClone(contact.fields), [p.field]: structuredClone(known) } as ContactFields;
    changeContact({ db: ctx.db, now: ctx.ports.clock.now(), runId: null }, p.id, fields);
    ctx.emit('contacts.changed', { ids: [p.id] });
    return { restored: true };
  },
};
