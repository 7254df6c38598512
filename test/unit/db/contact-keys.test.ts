// Candidate lookup in the blocking index (issue #7): contacts an account already holds are left out,
// whether the account's links say so or they lie in the id range its current pull created, and the
// range is skipped without losing the contacts created before or after it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactsSharingKeys, countSharingKeys, holdsContactsOutside, replaceContactKeys, unlinkedContactsSharingKeys } from '../../../electron/engine/db/repos/contact-keys.ts';
import { putLink } from '../../../electron/engine/db/repos/links.ts';
import { upsertRecord } from '../../../electron/engine/db/repos/records.ts';
import { createContact } from '../../../electron/engine/hub/contacts.ts';
import { person, startTestEngine } from '../../support/engine.ts';
import type { TestEngine } from '../../support/engine.ts';

let t: TestEngine;
let accountId: string;
beforeEach(async () => {
  t = startTestEngine();
  accountId = (await t.client.call('accounts.add', { kind: 'memory', name: 'A' })).id;
});
afterEach(() => t.close());

const ctx = () => ({ db: t.engine.context.db, now: 1000, runId: null });
const KEY = 'e:ann@example.com';
const ann = () => createContact(ctx(), person({ given: 'Ann', family: 'Lee', email: 'ann@example.com' })).id;
const found = (skip?: { first: string; last: string }) =>
  [...unlinkedContactsSharingKeys(t.engine.context.db, [KEY], accountId, 50, skip).keys()].sort();

function holdInAccount(contactId: string, remoteId: string): void {
  const fields = person({ given: 'Ann', family: 'Lee', email: 'ann@example.com' });
  const recordId = upsertRecord(t.engine.context.db, {
    accountId, remoteId, etag: '1', contentType: 'text/vcard', raw: '', fields, contentHash: 'h', remoteUpdatedAt: null, fetchedAt: 1000,
  });
  putLink(t.engine.context.db, { recordId, contactId, base: fields, baseHash: 'h', how: 'created', linkedAt: 1000 });
}

describe('unlinkedContactsSharingKeys', () => {
  it('leaves out contacts linked in the account and keeps the others sharing the key', () => {
    const [held, free] = [ann(), ann()];
    holdInAccount(held, 'r1');
    expect(found()).toEqual([free]);
  });

  it('skips the range the pull created but keeps contacts created before and after it', () => {
    const before = ann();
    const inRange = [ann(), ann(), ann()];
    const after = ann();
    const range = { first: inRange[0]!, last: inRange[2]! };
    expect(found(range)).toEqual([before, after].sort());
    expect(found()).toEqual([before, ...inRange, after].sort());
  });

  it('finds nothing when every contact of the hub lies in the range', () => {
    const ids = [ann(), ann(), ann()];
    expect(found({ first: ids[0]!, last: ids[2]! })).toEqual([]);
    // One contact made after the range (the user adding one mid-pull) is a candidate again.
    const later = ann();
    expect(found({ first: ids[0]!, last: ids[2]! })).toEqual([later]);
  });

  it('caps what it returns per key', () => {
    for (let i = 0; i < 8; i++) ann();
    expect(unlinkedContactsSharingKeys(t.engine.context.db, [KEY], accountId, 3).size).toBe(3);
  });
});

describe('holdsContactsOutside', () => {
  it('is false while every contact lies in the range, true once one lies before or after it', () => {
    const db = t.engine.context.db;
    const ids = [ann(), ann(), ann()];
    expect(holdsContactsOutside(db, { first: ids[0]!, last: ids[2]! })).toBe(false);
    expect(holdsContactsOutside(db, { first: ids[1]!, last: ids[2]! })).toBe(true);
    expect(holdsContactsOutside(db, { first: ids[0]!, last: ids[1]! })).toBe(true);
    const later = ann();
    expect(holdsContactsOutside(db, { first: ids[0]!, last: ids[2]! })).toBe(true);
    expect(holdsContactsOutside(db, { first: ids[0]!, last: later })).toBe(false);
  });
});

describe('countSharingKeys', () => {
  it('count what contactsSharingKeys would list: capped per key, a contact holding both keys once', () => {
    const db = t.engine.context.db;
    // 7 contacts hold only x, 3 only y, 2 both; the duplicate keys are replaced by hand.
    const ids = Array.from({ length: 12 }, () => ann());
    ids.forEach((id, i) => replaceContactKeys(db, id, i < 7 ? ['n:x'] : i < 10 ? ['nn:x'] : ['n:x', 'nn:x']));
    for (const limit of [1, 3, 5, 8, 9, 50]) {
      expect(countSharingKeys(db, ['n:x'], limit)).toBe(contactsSharingKeys(db, ['n:x'], limit).size);
      expect(countSharingKeys(db, ['n:x', 'nn:x'], limit)).toBe(contactsSharingKeys(db, ['n:x', 'nn:x'], limit).size);
    }
    expect(countSharingKeys(db, ['n:x', 'nn:x'], 50)).toBe(12);
    expect(countSharingKeys(db, ['n:x'], 50)).toBe(9);
    expect(countSharingKeys(db, ['nn:x'], 50)).toBe(5);
    expect(countSharingKeys(db, ['n:nobody'], 50)).toBe(0);
    expect(countSharingKeys(db, [], 50)).toBe(0);
  });
});
