// The push queries go through the change-tick index (schema 6), whatever the hub holds: a sync with
// nothing to push must not read the contacts table. Ordered by seq, SQLite chose to walk the whole
// table in seq order instead (no sort needed), and a no-change sync of 100,000 contacts spent ~160
// ms reading it. Checked on SQLite's own plan; and how the pull's one probe per listed item answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushQueryPlans, recordMatch } from '../../../electron/engine/db/repos/sync.ts';
import { upsertRecord } from '../../../electron/engine/db/repos/records.ts';
import { putLink } from '../../../electron/engine/db/repos/links.ts';
import { inTransaction } from '../../../electron/engine/db/handle.ts';
import { createContact, trashContact } from '../../../electron/engine/hub/contacts.ts';
import { person, startTestEngine } from '../../support/engine.ts';
import type { TestEngine } from '../../support/engine.ts';

let t: TestEngine;
beforeEach(() => {
  t = startTestEngine();
});
afterEach(() => t.close());

describe('push queries', () => {
  it('start from the change-tick index, never a scan of contacts', () => {
    const db = t.engine.context.db;
    // Enough contacts that a scan and an index search are different plans to the planner.
    inTransaction(db, () => {
      for (let i = 0; i < 200; i++) createContact({ db, now: 1, runId: null }, person({ given: `P${i}`, family: 'Test' }));
    });
    db.exec('ANALYZE');
    for (const [query, steps] of Object.entries(pushQueryPlans(db))) {
      expect(steps.some((s) => /^SEARCH c USING (COVERING )?INDEX contacts_by_change_tick/.test(s)), `${query}: ${steps.join(' | ')}`).toBe(true);
      expect(steps.filter((s) => /^SCAN c\b/.test(s)), query).toEqual([]);
    }
  });
});

describe('recordMatch', () => {
  it('tells a new item, a verbatim echo of a live contact and a changed item apart', async () => {
    const { id: accountId } = await t.client.call('accounts.add', { kind: 'memory', name: 'A' });
    const db = t.engine.context.db;
    const ctx = { db, now: 1, runId: null };
    const fields = person({ given: 'Ann', family: 'Lee' });
    inTransaction(db, () => {
      const contact = createContact(ctx, fields);
      const recordId = upsertRecord(db, { accountId, remoteId: 'r1', etag: 'e1', contentType: 'text/vcard', raw: 'CARD', fields, contentHash: 'h', remoteUpdatedAt: null, fetchedAt: 1 });
      putLink(db, { recordId, contactId: contact.id, base: fields, baseHash: 'h', how: 'created', linkedAt: 1 });
      expect(recordMatch(db, accountId, 'r1', 'e1', 'CARD')).toBe('verbatim');
      expect(recordMatch(db, accountId, 'r1', 'e2', 'CARD')).toBe('changed');
      expect(recordMatch(db, accountId, 'r1', 'e1', 'CARD2')).toBe('changed');
      expect(recordMatch(db, accountId, 'r2', 'e1', 'CARD')).toBe('absent');
      // A trashed contact's record goes the long way: its decision depends on more than the item.
      trashContact(ctx, contact.id, 'user');
      expect(recordMatch(db, accountId, 'r1', 'e1', 'CARD')).toBe('changed');
    });
  });

  it('counts a record without a version tag as changed, never verbatim', async () => {
    const { id: accountId } = await t.client.call('accounts.add', { kind: 'memory', name: 'A' });
    const db = t.engine.context.db;
    const fields = person({ given: 'Bo', family: 'Li' });
    upsertRecord(db, { accountId, remoteId: 'r1', etag: null, contentType: 'text/vcard', raw: 'CARD', fields, contentHash: 'h', remoteUpdatedAt: null, fetchedAt: 1 });
    expect(recordMatch(db, accountId, 'r1', 'e1', 'CARD')).toBe('changed');
  });
});
