// Merging hub contacts: the union of fields with per-field choices, the survivor, one journaled run
// that history's undo reverses, suggestions decided and dismissals handed to the survivor.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { getContact } from '../../../electron/engine/db/repos/contacts.ts';
import { dismissPair, isDismissed } from '../../../electron/engine/db/repos/dismissals.ts';
import { journalOfRun } from '../../../electron/engine/db/repos/journal.ts';
import { getRun } from '../../../electron/engine/db/repos/runs.ts';
import { openSuggestions } from '../../../electron/engine/db/repos/suggestions.ts';
import { listTrash } from '../../../electron/engine/db/repos/trash.ts';
import { createContact } from '../../../electron/engine/hub/contacts.ts';
import { mergeContacts, mergeFields, mergeMany } from '../../../electron/engine/hub/merge.ts';
import { scanDuplicates } from '../../../electron/engine/match/finder.ts';
import { reverseRun } from '../../../electron/engine/sync/undo.ts';
import { person, startTestEngine } from '../../support/engine.ts';
import type { TestEngine } from '../../support/engine.ts';

const with_ = (f: ContactFields, patch: (f: ContactFields) => void): ContactFields => {
  const copy = structuredClone(f);
  patch(copy);
  return copy;
};

describe('mergeFields', () => {
  const robert = with_(person({ given: 'Robert', family: 'Stone', email: 'rstone@example.org', phone: '+86 138 0013 8000', note: 'met in Lisbon' }), (f) => {
    f.birthday = { year: null, month: 4, day: 15 };
    f.groups = ['Friends'];
  });
  const bob = with_(person({ given: 'Bob', family: 'Stone', email: 'RSTONE@example.org', phone: '138 0013 8000', org: 'Acme', note: 'plays chess' }), (f) => {
    f.emails.push({ value: 'bob@home.example', label: 'home', primary: true });
    f.birthday = { year: 1970, month: 4, day: 15 };
    f.groups = ['friends', 'Chess'];
  });

  it('unions lists by meaning, keeps the survivor’s scalars and primary, and what else the others knew', () => {
    const m = mergeFields([
      { id: 'r', fields: robert },
      { id: 'b', fields: bob },
    ]);
    expect(m.name.given).toBe('Robert');
    expect(m.nicknames).toEqual(['Bob']);
    expect(m.emails.map((e) => [e.value, e.primary])).toEqual([
      ['rstone@example.org', true],
      ['bob@home.example', false],
    ]);
    expect(m.phones.map((p) => p.value)).toEqual(['+86 138 0013 8000']);
    expect(m.organizations.map((o) => o.name)).toEqual(['Acme']);
    expect(m.birthday).toEqual({ year: 1970, month: 4, day: 15 });
    expect(m.groups).toEqual(['Friends', 'Chess']);
    expect(m.note).toBe('met in Lisbon\n\nplays chess');
  });

  it('takes a field from the member the user chose', () => {
    const m = mergeFields(
      [
        { id: 'r', fields: robert },
        { id: 'b', fields: bob },
      ],
      { name: 'b', note: 'b', organizations: 'r' },
    );
    expect([m.name.given, m.note, m.organizations]).toEqual(['Bob', 'plays chess', []]);
  });

  it('keeps a pinyin spelling of a hanzi name as its reading', () => {
    const m = mergeFields([
      { id: 'h', fields: person({ given: '伟', family: '张', fn: '张伟' }) },
      { id: 'l', fields: person({ given: 'Wei', family: 'Zhang' }) },
    ]);
    expect([m.formattedName, m.name.phoneticGiven, m.name.phoneticFamily]).toEqual(['张伟', 'Wei', 'Zhang']);
  });
});

describe('mergeContacts', () => {
  let t: TestEngine;
  beforeEach(() => {
    t = startTestEngine();
    const w = { db: t.engine.context.db, now: 1, runId: null };
    createContact(w, person({ given: 'Robert', family: 'Stone', email: 'rstone@example.org', phone: '+1 415 555 0100' }), 'a');
    createContact(w, person({ given: 'Bob', family: 'Stone', phone: '(415) 555-0100', note: 'chess' }), 'b');
    createContact(w, person({ given: 'R.', family: 'Stone', email: 'rstone@example.org' }), 'c');
    createContact(w, person({ given: 'Mary', family: 'Major' }), 'm');
  });
  afterEach(() => t.close());

  it('is one run: the survivor changed, the others trashed with reason merge, all journaled; undo restores both', () => {
    const db = t.engine.context.db;
    scanDuplicates(db, 2);
    dismissPair(db, 'b', 'm', 2);
    const out = mergeContacts(db, 3, { contactIds: ['a', 'b', 'c'], survivorId: 'a' });
    expect(out).toMatchObject({ survivorId: 'a', merged: ['b', 'c'], movedLinks: 0 });
    expect(getRun(db, out.run)).toMatchObject({ trigger: 'merge', status: 'ok' });
    expect(journalOfRun(db, out.run).map((e) => e.action)).toEqual(['contact.update', 'contact.trash', 'contact.trash', 'merge']);
    expect(listTrash(db).map((e) => [e.contactId, e.reason]).sort()).toEqual([
      ['b', 'merge'],
      ['c', 'merge'],
    ]);
    expect(getContact(db, 'a')!.fields.note).toBe('chess');
    expect(openSuggestions(db)).toEqual([]);
    // B is not M, A is B: A is not M either.
    expect(isDismissed(db, 'a', 'm')).toBe(true);
    expect(() => mergeContacts(db, 4, { contactIds: ['a', 'b'] })).toThrow(/does not exist any more or is in the trash/);

    const undo = reverseRun(t.engine.context, out.run);
    expect(undo.reversed).toBe(3);
    expect(getContact(db, 'b')!.trashed).toBe(false);
    expect(getContact(db, 'c')!.trashed).toBe(false);
    expect(getContact(db, 'a')!.fields.note).toBe('');
    // The pairs are suggested again by the next scan.
    scanDuplicates(db, 5);
    expect(openSuggestions(db).length).toBeGreaterThan(0);
  });

  it('chooses the fullest card as survivor when none is given, and refuses foreign choices', () => {
    const db = t.engine.context.db;
    expect(() => mergeContacts(db, 3, { contactIds: ['a', 'b'], choices: { name: 'm' } })).toThrow(/one of the contacts merged/);
    expect(() => mergeContacts(db, 3, { contactIds: ['a'] })).toThrow(/at least two/);
    expect(mergeContacts(db, 3, { contactIds: ['c', 'a'] }).survivorId).toBe('a');
  });

  it('merges several groups as one run (one undo), all or nothing', () => {
    const db = t.engine.context.db;
    createContact({ db, now: 1, runId: null }, person({ given: 'Mary', family: 'Major', email: 'mary@example.org' }), 'n');
    expect(mergeMany(db, 2, [])).toEqual({ run: null, outcomes: [] });
    expect(() => mergeMany(db, 2, [{ contactIds: ['a', 'b'] }, { contactIds: ['b', 'c'] }])).toThrow(/one survivor per run/);
    // The second group is broken: the first is not merged either, and no run is left behind.
    expect(() => mergeMany(db, 2, [{ contactIds: ['a', 'b'] }, { contactIds: ['m', 'gone'] }])).toThrow(/does not exist/);
    expect(getContact(db, 'b')!.trashed).toBe(false);
    const out = mergeMany(db, 3, [{ contactIds: ['a', 'b', 'c'], survivorId: 'a' }, { contactIds: ['m', 'n'] }]);
    expect(out.outcomes.map((o) => o.survivorId)).toEqual(['a', 'n']);
    expect(getRun(db, out.run!)).toMatchObject({ trigger: 'merge', status: 'ok' });
    expect(journalOfRun(db, out.run!).filter((e) => e.action === 'merge')).toHaveLength(2);
    // The refused attempts left no run behind: this is the first.
    expect(out.run).toBe(1);
    // a rewritten, b, c and m trashed (n already held everything m had: not rewritten).
    expect(reverseRun(t.engine.context, out.run!).reversed).toBe(4);
    expect(['b', 'c', 'm'].map((id) => getContact(db, id)!.trashed)).toEqual([false, false, false]);
  });
});
