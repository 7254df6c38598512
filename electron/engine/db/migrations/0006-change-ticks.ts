// Schema 6: a hub change clock, so a sync pushes only what changed since the account's last push.
// Every change that can give an account something to write — a contact's fields, the trash, a
// hold, a link (its base, or its existence) — stamps the contact with the next tick of hub_clock,
// by trigger, so no write path can forget it. The push queries then read contacts with a tick above
// the account's pushed tick through an index (a no-change sync of 100,000 contacts reads none of
// them) instead of comparing every link of the account.
// Invariant: a contact's change_tick is greater than every tick handed out before its last change.
import type { Migration } from './types.ts';

const bump = (contactId: string) => `
    UPDATE hub_clock SET tick = tick + 1;
    UPDATE contacts SET change_tick = (SELECT tick FROM hub_clock) WHERE id = ${contactId};`;

export const migration0006: Migration = {
  version: 6,
  name: 'change ticks',
  up(db) {
    db.exec(`
      CREATE TABLE hub_clock (only INTEGER PRIMARY KEY CHECK (only = 1), tick INTEGER NOT NULL) STRICT;
      INSERT INTO hub_clock (only, tick) VALUES (1, 1);
      -- Existing contacts all start at tick 1, above every account's pushed tick (0): the first push
      -- after this migration still looks at everything once.
      ALTER TABLE contacts ADD COLUMN change_tick INTEGER NOT NULL DEFAULT 1;
      CREATE INDEX contacts_by_change_tick ON contacts (change_tick);

      CREATE TRIGGER tick_contact_insert AFTER INSERT ON contacts BEGIN ${bump('new.id')} END;
      CREATE TRIGGER tick_contact_update AFTER UPDATE OF fields ON contacts BEGIN ${bump('new.id')} END;
      CREATE TRIGGER tick_trash_insert AFTER INSERT ON trash BEGIN ${bump('new.contact_id')} END;
      CREATE TRIGGER tick_trash_delete AFTER DELETE ON trash BEGIN ${bump('old.contact_id')} END;
      CREATE TRIGGER tick_hold_insert AFTER INSERT ON holds BEGIN ${bump('new.contact_id')} END;
      CREATE TRIGGER tick_hold_delete AFTER DELETE ON holds BEGIN ${bump('old.contact_id')} END;
      CREATE TRIGGER tick_link_insert AFTER INSERT ON links BEGIN ${bump('new.contact_id')} END;
      CREATE TRIGGER tick_link_delete AFTER DELETE ON links BEGIN ${bump('old.contact_id')} END;
      CREATE TRIGGER tick_link_update AFTER UPDATE ON links BEGIN ${bump('old.contact_id')} ${bump('new.contact_id')} END;
    `);
  },
};
