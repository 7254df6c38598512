// The review screens' view models (renderer/src/components/*-model.ts): conflict paths read as
// words, values formatted, which decisions a card offers and what bulk actions call; the merge
// preview follows the engine's rule; run counts, errors, safety-stop reasons read back.
import { describe, expect, it } from 'vitest';
import type { ConflictView, RunView, StatusView } from '../../../shared/api/contract.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { Contact, ContactFields } from '../../../shared/model/contact.ts';
import { mayUndo, parseStopReason, pendingStops, runCounts, runErrors, runKind, runPauses, statusOf, triggerOf } from '../../../renderer/src/components/activity-model.ts';
import {
  bulkDecisions,
  bulkOptions,
  editStart,
  formatValue,
  handEdit,
  holdersOf,
  keepBothSide,
  parseFieldPath,
  parseTypedDate,
  topField,
} from '../../../renderer/src/components/conflicts-model.ts';
import {
  defaultSurvivor,
  differingFields,
  mergeChoices,
  mergePreview,
  orderWithLater,
  reasonsOf,
  scorePercent,
  sourceOf,
} from '../../../renderer/src/components/suggestions-model.ts';
import type { Evidence } from '../../../renderer/src/components/suggestions-model.ts';

const fmt = { empty: '—', date: (d: { year: number | null; month: number | null; day: number | null }) => [d.year, d.month, d.day].filter((x) => x !== null).join('/'), label: (l: string | null) => l ?? '' };

function conflict(parts: Partial<ConflictView> & { field: string }): ConflictView {
  return { id: 1, contactId: 'c1', contactName: 'Ann', accountId: 'g', accountName: 'Google', base: null, hubValue: null, accountValue: null, detectedAt: '2026-01-01T00:00:00.000Z', ...parts };
}

describe('conflicts model', () => {
  it('reads conflict paths as group, list item and part (escapes undone)', () => {
    expect(parseFieldPath('name.given')).toEqual({ group: 'name', item: null, part: 'given' });
    expect(parseFieldPath('formattedName')).toEqual({ group: 'name', item: null, part: 'formattedName' });
    expect(parseFieldPath('birthday')).toEqual({ group: 'birthday', item: null, part: null });
    expect(parseFieldPath('emails[ann@example.org].label')).toEqual({ group: 'emails', item: 'ann@example.org', part: 'label' });
    expect(parseFieldPath('phones[+1 415\\] x]')).toEqual({ group: 'phones', item: '+1 415] x', part: null });
    expect(parseFieldPath('emails.primary')).toEqual({ group: 'emails', item: null, part: 'primary' });
    expect(parseFieldPath('somethingNew.x')).toEqual({ group: 'other', item: null, part: 'x' });
    expect(topField('emails[a].label')).toBe('emails');
    expect(topField('name.given')).toBe('name');
  });

  it('formats values: text, dates, labelled items, organisations, empties', () => {
    expect(formatValue('met in Porto', fmt)).toBe('met in Porto');
    expect(formatValue(null, fmt)).toBe('—');
    expect(formatValue('', fmt)).toBe('—');
    expect(formatValue({ year: null, month: 4, day: 15 }, fmt)).toBe('4/15');
    expect(formatValue({ value: 'ann@example.org', label: 'work', primary: true }, fmt)).toBe('ann@example.org (work)');
    expect(formatValue({ value: '+1 415', label: null, primary: false }, fmt)).toBe('+1 415');
    expect(formatValue({ name: 'Acme', department: '', title: 'Architect', phoneticName: '' }, fmt)).toBe('Architect · Acme');
    expect(formatValue([{ value: 'a@x', label: null, primary: false }, { value: 'b@x', label: null, primary: false }], fmt)).toBe('a@x, b@x');
    expect(formatValue([], fmt)).toBe('—');
  });

  it('offers "keep both" only for a whole list item one side removed', () => {
    const item = { value: 'ann@example.org', label: 'work', primary: false };
    expect(keepBothSide(conflict({ field: 'emails[ann@example.org]', hubValue: null, accountValue: item }))).toBe('account');
    expect(keepBothSide(conflict({ field: 'emails[ann@example.org]', hubValue: item, accountValue: null }))).toBe('hub');
    expect(keepBothSide(conflict({ field: 'emails[ann@example.org].label', hubValue: 'work', accountValue: 'home' }))).toBeNull();
    expect(keepBothSide(conflict({ field: 'note', hubValue: 'a', accountValue: 'b' }))).toBeNull();
  });

  it('offers typing a value where the engine accepts one', () => {
    expect(handEdit(conflict({ field: 'note', hubValue: 'a', accountValue: 'b' }))).toEqual({ kind: 'text' });
    expect(handEdit(conflict({ field: 'name.given', hubValue: 'Ann', accountValue: 'Anne' }))).toEqual({ kind: 'text' });
    expect(handEdit(conflict({ field: 'birthday', hubValue: { year: 1990, month: 4, day: 15 }, accountValue: null }))).toEqual({ kind: 'date' });
    expect(handEdit(conflict({ field: 'emails[a@x].label', hubValue: 'work', accountValue: null }))).toEqual({ kind: 'text' });
    expect(handEdit(conflict({ field: 'emails.primary', hubValue: [], accountValue: [] }))).toBeNull();
    expect(handEdit(conflict({ field: 'photo', hubValue: { hash: 'x', mediaType: null, uri: null }, accountValue: null }))).toBeNull();
    expect(handEdit(conflict({ field: 'phones[+1 415]', hubValue: null, accountValue: { value: '+1 415', label: null, primary: false } }))).toBeNull();
  });

  it('parses typed birthdays and starts the box with the current value', () => {
    expect(parseTypedDate('1990-04-15')).toEqual({ year: 1990, month: 4, day: 15 });
    expect(parseTypedDate(' 04-15 ')).toEqual({ year: null, month: 4, day: 15 });
    expect(parseTypedDate('--4-15')).toEqual({ year: null, month: 4, day: 15 });
    expect(parseTypedDate('1990')).toEqual({ year: 1990, month: null, day: null });
    expect(parseTypedDate('1990-13-01')).toBeNull();
    expect(parseTypedDate('15.04.1990')).toBeNull();
    expect(editStart({ year: 1990, month: 4, day: 5 })).toBe('1990-04-05');
    expect(editStart({ year: null, month: 4, day: 5 })).toBe('--04-05');
    expect(editStart('text')).toBe('text');
    expect(editStart(null)).toBe('');
  });

  it('finds which accounts hold a value (by JSON, not by identity)', () => {
    const values = [
      { field: 'note', value: 'a', inHub: true, accounts: ['Radicale'] },
      { field: 'note', value: 'b', inHub: false, accounts: ['Google', 'iCloud'] },
    ];
    expect(holdersOf(values, 'note', 'b')).toEqual(['Google', 'iCloud']);
    expect(holdersOf(values, 'name.given', 'b')).toEqual([]);
  });

  it('plans a bulk action: keep the account for its own conflicts, take its copy for the others', () => {
    const list = [
      conflict({ id: 1, field: 'name.given', accountId: 'g', accountName: 'Google' }),
      conflict({ id: 2, field: 'name.family', accountId: 'r', accountName: 'Radicale' }),
      conflict({ id: 3, field: 'note', accountId: 'g', accountName: 'Google' }),
      conflict({ id: 4, field: 'formattedName', accountId: 'g', accountName: 'Google' }),
    ];
    expect(bulkDecisions(list, 'name', 'g')).toEqual([
      { method: 'conflicts.resolve', params: { id: 1, keep: 'account' } },
      { method: 'conflicts.choose', params: { id: 2, accountId: 'g' } },
      { method: 'conflicts.resolve', params: { id: 4, keep: 'account' } },
    ]);
    // Offered for groups with two or more conflicts, once per account involved; a lone note is decided on its card.
    expect(bulkOptions(list)).toEqual([
      { group: 'name', accountId: 'g', accountName: 'Google', count: 3 },
      { group: 'name', accountId: 'r', accountName: 'Radicale', count: 3 },
    ]);
  });
});

let clock = 0;
function contact(id: string, fill: (f: ContactFields) => void, name = id): Contact {
  const fields = emptyContactFields();
  fields.formattedName = name;
  fill(fields);
  clock++;
  return { id, fields, displayName: name, createdAt: `2026-01-0${clock}T00:00:00.000Z`, updatedAt: '2026-01-01T00:00:00.000Z' };
}

describe('suggestions model', () => {
  const robert = contact('r', (f) => {
    f.emails.push({ value: 'RSmith@example.org', label: 'home', primary: true });
    f.phones.push({ value: '+1 415 555 0101', label: 'mobile', primary: true });
    f.note = 'met at the conference';
    f.organizations.push({ name: 'Acme', department: '', title: 'CTO', phoneticName: '' });
  }, 'Robert Smith');
  const bob = contact('b', (f) => {
    f.emails.push({ value: 'rsmith@example.org', label: null, primary: false });
    f.phones.push({ value: '(415) 555-0101', label: null, primary: false });
    f.phones.push({ value: '+1 650 555 0199', label: 'work', primary: false });
    f.note = 'plays tennis';
    f.birthday = { year: null, month: 4, day: 15 };
  }, 'Bob Smith');

  it('shows the engine’s reasons, or translated evidence with the English as fallback', () => {
    expect(reasonsOf({ reasons: ['same mobile +1 415', 'different birthdays 04-15 / 05-01'] }, () => null)).toEqual([
      { text: 'same mobile +1 415', against: false },
      { text: 'different birthdays 04-15 / 05-01', against: true },
    ]);
    const withEvidence: { reasons: string[]; evidence: Evidence[] } = {
      reasons: ['same mobile +1 415', 'odd code'],
      evidence: [
        { code: 'samePhone', vars: { phone: '+1 415' }, against: false },
        { code: 'unknown', vars: {}, against: true },
      ],
    };
    const translate = (code: string, vars: Record<string, string | number>) => (code === 'samePhone' ? `相同手机号 ${vars.phone}` : null);
    expect(reasonsOf(withEvidence, translate)).toEqual([
      { text: '相同手机号 +1 415', against: false },
      { text: 'odd code', against: true },
    ]);
  });

  it('asks only about fields the cards disagree on', () => {
    expect(differingFields([robert, bob])).toEqual(['name', 'note']);
    expect(scorePercent(0.704)).toBe(70);
    expect(scorePercent(1.2)).toBe(100);
  });

  it('keeps the card in most accounts, then the fullest', () => {
    expect(defaultSurvivor([robert, bob])).toBe('b');
    expect(defaultSurvivor([{ ...robert, records: [1, 2] }, bob])).toBe('r');
  });

  it('previews the merge: chosen fields from one card, lists united by meaning, notes joined', () => {
    const merged = mergePreview([robert, bob], 'r', {});
    expect(merged.formattedName).toBe('Robert Smith');
    expect(merged.emails.map((e) => e.value)).toEqual(['RSmith@example.org']);
    // "(415) 555-0101" is Robert's mobile without the country code: one number.
    expect(merged.phones.map((p) => p.value)).toEqual(['+1 415 555 0101', '+1 650 555 0199']);
    expect(merged.note).toBe('met at the conference\n\nplays tennis');
    expect(merged.birthday).toEqual({ year: null, month: 4, day: 15 });
    expect(merged.organizations).toHaveLength(1);

    const chosen = mergePreview([robert, bob], 'r', { name: 'b', note: 'b' });
    expect(chosen.formattedName).toBe('Bob Smith');
    expect(chosen.note).toBe('plays tennis');
    expect(sourceOf([robert, bob], 'r', {}, 'note')).toBeNull();
    expect(sourceOf([robert, bob], 'r', {}, 'birthday')?.id).toBe('b');
    expect(sourceOf([robert, bob], 'r', {}, 'name')?.id).toBe('r');
  });

  it('sends only choices that differ from the survivor, and puts "later" ones last', () => {
    expect(mergeChoices('r', { name: 'r', note: 'b' })).toEqual({ note: 'b' });
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
    expect(orderWithLater(items, ['b', 'a']).map((x) => x.id)).toEqual(['c', 'd', 'b', 'a']);
  });
});

function run(parts: Partial<RunView>): RunView {
  return { id: 1, trigger: 'manual', status: 'ok', dryRun: false, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', summary: {}, ...parts };
}

describe('activity model', () => {
  const report = (name: string, extra: object) => ({ accountId: name, name, errors: [], notes: [], paused: null, ...extra });

  it('counts a sync, a merge and an undo from their reports', () => {
    expect(runCounts(run({ summary: { created: 2, updated: 3, deleted: 1, conflicts: 0, errors: 1 } }))).toEqual({ created: 2, updated: 3, deleted: 1, conflicts: 0, errors: 1 });
    expect(runCounts(run({ trigger: 'merge', summary: { merged: 2, survivorId: 'x', movedLinks: 0 } as never }))).toEqual({ created: 0, updated: 1, deleted: 2, conflicts: 0, errors: 0 });
    expect(runCounts(run({ trigger: 'undo', summary: { undid: 4, reversed: 3 } as never }))).toMatchObject({ updated: 3 });
    expect(runCounts(run({ summary: {} }))).toEqual({ created: 0, updated: 0, deleted: 0, conflicts: 0, errors: 0 });
  });

  it('names runs, including the two that history.undo makes', () => {
    expect(runKind(run({ trigger: 'undo', summary: { undid: 4, reversed: 3 } as never }))).toBe('undo');
    expect(runKind(run({ trigger: 'undo', summary: { created: 0, accounts: [] } }))).toBe('undoSync');
    expect(runKind(run({ trigger: 'import' }))).toBe('import');
    expect(triggerOf('something-new')).toBe('manual');
    expect(statusOf('weird')).toBe('partial');
  });

  it('lists a run’s errors and pauses with their account', () => {
    const r = run({
      status: 'partial',
      summary: {
        accounts: [
          report('Google', { errors: [{ contactId: null, remoteId: null, code: 'auth', message: 'sign in again' }] }),
          report('Radicale', { paused: '12 contacts would be deleted (limit 10)' }),
        ] as never,
      },
    });
    expect(runErrors(r)).toEqual([{ contactId: null, remoteId: null, code: 'auth', message: 'sign in again', account: 'Google' }]);
    expect(runPauses(r)).toEqual([{ account: 'Radicale', reason: { kind: 'deletes', count: 12, limit: 10 } }]);
  });

  it('reads the guard’s three reasons back, and keeps anything else verbatim', () => {
    expect(parseStopReason('the account listed no contacts although it had 250')).toEqual({ kind: 'empty', known: 250 });
    expect(parseStopReason('12 contacts would be deleted (limit 10)')).toEqual({ kind: 'deletes', count: 12, limit: 10 });
    expect(parseStopReason('40 contacts would be overwritten (limit 25)')).toEqual({ kind: 'overwrites', count: 40, limit: 25 });
    expect(parseStopReason('something else')).toEqual({ kind: 'other', text: 'something else' });
  });

  it('lists pending safety stops of enabled accounts only', () => {
    const account = (id: string, enabled: boolean, pausedFor: string | null) =>
      ({ id, name: id, kind: 'google', enabled, direction: 'two-way', status: 'paused', lastError: null, lastSyncedAt: null, records: 1, conflicts: 0, pausedFor }) as StatusView['accounts'][number];
    const status = { accounts: [account('A', true, '12 contacts would be deleted (limit 10)'), account('B', false, 'x'), account('C', true, null)] };
    expect(pendingStops(status)).toEqual([{ accountId: 'A', accountName: 'A', reason: { kind: 'deletes', count: 12, limit: 10 } }]);
    expect(pendingStops(null)).toEqual([]);
  });

  it('offers undo for finished real runs only', () => {
    expect(mayUndo(run({}))).toBe(true);
    expect(mayUndo(run({ dryRun: true }))).toBe(false);
    expect(mayUndo(run({ status: 'running' }))).toBe(false);
  });
});
