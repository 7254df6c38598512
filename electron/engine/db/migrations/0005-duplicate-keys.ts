// Schema 5: the blocking index (contact_keys) also holds the duplicate finder's keys — phone
// suffixes ('ps:'), e-mail local parts ('el:'), nickname variants ('nn:'), organisation + family
// name ('of:') — so that re-scoring a changed contact finds its candidates with indexed probes.
// Every contact's keys are rebuilt with the key function of this version (hub writes maintain
// them from now on, hub/contacts.ts). Suggestions and dismissals get an index on their second
// contact: re-scoring one contact looks up its pairs from both sides.
// Invariant: afterwards each contact's keys are exactly blockingKeys(contactKeys(fields)), as a
// hub write would have stored them; linking keys ('e:', 'p:', 'n:') come out as before.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../../shared/model/contact.ts';
import { blockingKeys, contactKeys } from '../../match/keys.ts';
import { replaceContactKeys } from '../repos/contact-keys.ts';
import type { Migration } from './types.ts';

export const migration0005: Migration = {
  version: 5,
  name: 'duplicate keys',
  up(db) {
    db.exec(`
      CREATE INDEX suggestions_by_b ON suggestions (contact_b);
      CREATE INDEX dismissals_by_b ON dismissals (contact_b);
    `);
    const rows = db.prepare('SELECT id, fields FROM contacts').all() as { id: string; fields: string }[];
    for (const row of rows) {
      let keys: string[];
      try {
        // The hub reads numbers without a region (hub/contacts.ts hubNormalize): the same here.
        keys = blockingKeys(contactKeys({ ...emptyContactFields(), ...(JSON.parse(row.fields) as Partial<ContactFields>) }, { defaultRegion: null }));
      } catch {
        // A row this version cannot read keeps the keys it had: a migration must not fail on one contact.
        continue;
      }
      replaceContactKeys(db, row.id, keys);
    }
  },
};
