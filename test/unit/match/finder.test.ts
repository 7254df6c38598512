// The duplicate finder over a real hub database: a full scan stores suggestions, the incremental
// refresh re-scores only changed contacts, and "not the same person" survives every edit.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ContactFields } from '../../../shared/model/contact.ts';
import type { WritableDb } from '../../../electron/engine/db/handle.ts';
import { openDatabase } from '../../../electron/engine/db/open.ts';
import { dismissPair } from '../../../electron/engine/db/repos/dismissals.ts';
import { startRun } from '../../../electron/engine/db/repos/runs.ts';
import { insertLinkSuggestion, openSuggestions } from '../../../electron/engine/db/repos/suggestions.ts';
import { changeContact, createContact, trashContact } from '../../../electron/engine/hub/contacts.ts';
import { clusterId, duplicateClusters, refreshAfterRun, refreshDuplicates, scanDuplicates } from '../../../electron/engine/match/finder.ts';
import { createHash } from 'node:crypto';
import { person } from '../../support/engine.ts';

let db: WritableDb;
const w = (runId: number | null = null) => ({ db, now: 1, runId });
const add = (id: string, f: ContactFields) => createContact(w(), f, id);
const pairs = () => openSuggestions(db).map((p) => `${p.a}-${p.b}:${p.tier}`);

beforeEach(() => {
  db = openDatabase(':memory:');
  add('a', person({ given: 'Robert', family: 'Stone', email: 'rstone@example.org', phone: '+1 415 555 0100' }));
  add('b', person({ given: 'Bob', family: 'Stone', phone: '(415) 555-0100' }));
  add('c', person({ fn: '张伟', phone: '+86 138 0013 8000' }));
  add('d', person({ given: 'Wei', family: 'Zhang', phone: '138 0013 8000', email: 'wei@example.cn' }));
  add('e', person({ given: 'Mary', family: 'Major', email: 'mary@example.org' }));
});

describe('full scan', () => {
  it('stores the pairs it finds, with reasons, and lists them as clusters', () => {
    const r = scanDuplicates(db, 2);
    expect(r).toMatchObject({ contacts: 5, high: 1, medium: 1 });
    expect(pairs()).toEqual(['a-b:medium', 'c-d:high']);
    const clusters = duplicateClusters(db);
    expect(clusters.map((c) => c.contactIds)).toEqual([['c', 'd'], ['a', 'b']]);
    expect(clusters[0]!.links[0]!.reasons).toEqual(['same mobile +86 138 0013 8000 = 138 0013 8000 (written differently)', '张伟 ≈ Wei Zhang (pinyin)', 'an uncommon name']);
    expect(clusters[0]!.id).toMatch(/^[\w-]{22}$/);
  });

  it('replaces its earlier findings but keeps suggestions raised while linking', () => {
    insertLinkSuggestion(db, 'e', 'a', 0.5, 'medium', ['same name'], 1);
    scanDuplicates(db, 2);
    changeContact(w(), 'b', person({ given: 'Barbara', family: 'Stone' }));
    scanDuplicates(db, 3);
    expect(pairs()).toEqual(['a-e:medium', 'c-d:high']);
  });
});

describe('incremental refresh', () => {
  it('re-scores only the changed contacts: a new match appears, a broken one goes', () => {
    scanDuplicates(db, 2);
    changeContact(w(), 'e', person({ given: 'Robert', family: 'Stone', email: 'RStone@example.org' }));
    changeContact(w(), 'd', person({ given: 'Li', family: 'Na', phone: '+86 139 0000 0000' }));
    const r = refreshDuplicates(db, ['e', 'd'], 3);
    expect(r.rescored).toBe(2);
    expect(pairs()).toEqual(['a-b:medium', 'a-e:high']);
  });

  it('drops the suggestions of a trashed contact, and finds the contacts a run changed from the journal', () => {
    scanDuplicates(db, 2);
    trashContact(w(), 'd', 'user');
    refreshDuplicates(db, ['d'], 3);
    expect(pairs()).toEqual(['a-b:medium']);
    const run = startRun(db, 'manual', 4);
    createContact(w(run), person({ given: 'Mary', family: 'Major', email: 'mary@example.org', phone: '+44 20 7946 0958' }), 'f');
    expect(refreshAfterRun(db, run, 5)).toEqual({ rescored: 1, compared: 1 });
    expect(pairs()).toEqual(['a-b:medium', 'e-f:high']);
  });
});

describe('"not the same person"', () => {
  it('is remembered by contact id and never suggested again, even after both contacts change', () => {
    scanDuplicates(db, 2);
    dismissPair(db, 'c', 'd', 3);
    expect(duplicateClusters(db).map((c) => c.contactIds)).toEqual([['a', 'b']]);
    // Edits that make them even more alike.
    changeContact(w(), 'c', person({ fn: '张伟', phone: '+86 138 0013 8000', email: 'wei@example.cn' }));
    changeContact(w(), 'd', person({ given: '伟', family: '张', phone: '+86 138 0013 8000', email: 'wei@example.cn' }));
    refreshDuplicates(db, ['c', 'd'], 4);
    expect(pairs()).toEqual(['a-b:medium']);
    scanDuplicates(db, 5);
    expect(pairs()).toEqual(['a-b:medium']);
    // A link suggestion for the pair is refused too.
    insertLinkSuggestion(db, 'c', 'd', 0.9, 'high', [], 6);
    expect(pairs()).toEqual(['a-b:medium']);
  });
});

describe('clusterId', () => {
  it('never starts with "-" (a CLI argument would read as an option), and keeps every other id as it was', () => {
    const members = (i: number) => [`c${i}`, `d${i}`];
    const digest = (ids: string[]) => createHash('sha256').update([...ids].sort().join('\n')).digest('base64url');
    // Member sets whose digest starts with '-' exist within a few hundred tries (1 in 64).
    const dashed = Array.from({ length: 2000 }, (_, i) => members(i)).filter((m) => digest(m).startsWith('-'));
    expect(dashed.length).toBeGreaterThan(5);
    for (const m of dashed) {
      expect(clusterId(m)).toMatch(/^[\w][\w-]{21}$/);
      expect(clusterId([...m].reverse())).toBe(clusterId(m));
    }
    const plain = Array.from({ length: 20 }, (_, i) => members(i)).filter((m) => !digest(m).startsWith('-'));
    for (const m of plain) expect(clusterId(m)).toBe(digest(m).slice(0, 22));
    expect(new Set(dashed.map(clusterId)).size).toBe(dashed.length);
  });
});
