// The `concord` CLI end to end in plain Node, with two folder accounts (real .vcf files edited
// "by other programs" between runs): accounts, sync (dry run, --json shape, exit codes), status,
// contacts list/show, conflicts (--take the account, another account, hub, --value), history,
// undo, trash, removal, and the one-line errors. Steps run in order on one data folder.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContactDetail, ContactOverview, ConflictView, StatusView } from '../../shared/api/contract.ts';
import type { Account } from '../../shared/model/account.ts';
import type { SyncSummary } from '../../shared/model/sync.ts';
import { concord } from './cli-harness.ts';

const temp = mkdtempSync(join(tmpdir(), 'concord-cli-folder-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const dataDir = join(temp, 'data');
const phone = join(temp, 'phone');
const laptop = join(temp, 'laptop');
const cli = concord(dataDir);

function vcard(lines: string[]): string {
  return `${['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\r\n')}\r\n`;
}
const write = (dir: string, file: string, lines: string[]) => writeFileSync(join(dir, file), vcard(lines));
const cards = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.vcf'));
const allText = (dir: string) => cards(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
/** The text of the one card in `dir` that mentions `needle`. */
function cardWith(dir: string, needle: string): string {
  const found = allText(dir).filter((t) => t.includes(needle));
  expect(found, `cards in ${dir} mentioning ${needle}`).toHaveLength(1);
  return found[0]!;
}
/** Rewrites the card mentioning `needle`: replaces (or adds) one property. */
function setProperty(dir: string, needle: string, property: string, value: string): void {
  const file = cards(dir).find((f) => readFileSync(join(dir, f), 'utf8').includes(needle))!;
  const text = readFileSync(join(dir, file), 'utf8');
  const line = `${property}:${value}`;
  const next = new RegExp(`^${property}[:;].*$`, 'm').test(text) ? text.replace(new RegExp(`^${property}[:;].*$`, 'm'), line) : text.replace('END:VCARD', `${line}\r\nEND:VCARD`);
  writeFileSync(join(dir, file), next);
}

const ids: Record<string, string> = {};

describe('concord CLI with folder accounts', () => {
  it('answers wrong usage with one line and exit code 2', async () => {
    const errors = await Promise.all([
      cli.fails(['account', 'add', 'folder', '--path', phone], 2),
      cli.fails(['account', 'add', 'ftp', '--name', 'X'], 2),
      cli.fails(['account', 'add', 'folder', '--name', 'X', '--path', phone, '--url', 'http://x/'], 2),
      cli.fails(['sync', '--bogus'], 2),
      cli.fails(['contacts', 'show'], 2),
      cli.fails(['conflicts', 'resolve', '1'], 2),
      cli.fails(['undo', 'last'], 2),
      cli.fails(['--verbose', 'status'], 2),
    ]);
    expect(errors[0]).toMatch(/^--name is required \(usage: concord account add folder --name NAME --path DIR/);
    expect(errors[1]).toMatch(/^unknown account kind 'ftp': use carddav, icloud, google, folder$/);
    expect(errors[2]).toMatch(/^--url does not apply to folder accounts/);
    expect(errors[3]).toMatch(/^Unknown option '--bogus' \(usage: concord sync/);
    expect(errors[4]).toMatch(/^missing arguments \(usage: concord contacts show ID/);
    expect(errors[5]).toMatch(/^give either --take or --value/);
    expect(errors[6]).toBe("RUN_ID must be a positive whole number, not 'last'");
    expect(errors[7]).toBe("unknown option '--verbose' (see concord help)");
    const [help, syncHelp] = await Promise.all([cli.ok(['help']), cli.ok(['sync', '--help'])]);
    expect(help.split('\n')[0]).toBe('Usage: concord [--data-dir DIR] COMMAND');
    expect(syncHelp).toMatch(/^Usage: concord sync/);
  });

  it('adds folder accounts (creating the folders) and lists them; a taken name is refused', async () => {
    const added = await cli.json<Account>(['account', 'add', 'folder', '--name', 'Phone', '--path', phone, '--json']);
    expect(added).toMatchObject({ name: 'Phone', kind: 'folder', settings: { direction: 'two-way' } });
    expect(existsSync(phone)).toBe(true);
    expect(await cli.ok(['account', 'add', 'folder', '--name', 'Laptop', '--path', laptop])).toBe('Added the folder account “Laptop”. Run concord sync to sync it.\n');
    expect(await cli.fails(['account', 'add', 'folder', '--name', 'laptop', '--path', join(temp, 'other')])).toBe('An account named “laptop” already exists.');
    const list = await cli.json<Account[]>(['account', 'list', '--json']);
    expect(list.map((a) => [a.name, a.kind])).toEqual([
      ['Phone', 'folder'],
      ['Laptop', 'folder'],
    ]);
    expect(await cli.ok(['account', 'list'])).toMatch(/^NAME +KIND +DIRECTION +STATUS +LAST SYNC +WHERE\nPhone +folder +two-way +idle +never +\//);
  });

  it('previews a first sync with --dry-run and writes nothing anywhere', async () => {
    write(phone, 'ann.vcf', ['UID:ann', 'FN:Ann Lee', 'N:Lee;Ann;;;', 'EMAIL;TYPE=home:ann@example.org', 'TEL;TYPE=cell:+1 415 555 0101', 'BDAY:1990-04-15']);
    write(phone, 'bob.vcf', ['UID:bob', 'FN:Bob Stone', 'N:Stone;Bob;;;', 'EMAIL:bob@example.org', 'ORG:Acme']);
    write(phone, 'zhang.vcf', ['UID:zhang', 'FN:张伟', 'N:张;伟;;;', 'TEL;TYPE=cell:+86 138 0013 8000']);
    write(laptop, 'ann-lee.vcf', ['UID:ann-lee', 'FN:Ann Lee', 'N:Lee;Ann;;;', 'EMAIL:ANN@EXAMPLE.ORG', 'TEL:+14155550101', 'BDAY:1990-05-14', 'NOTE:met in Lisbon']);
    write(laptop, 'carol.vcf', ['UID:carol', 'FN:Carol Díaz', 'N:Díaz;Carol;;;', 'EMAIL:carol@example.org']);
    const before = [...cards(phone), ...cards(laptop)].sort();
    const plan = await cli.json<SyncSummary>(['sync', '--dry-run', '--json']);
    expect(plan).toMatchObject({ dryRun: true, paused: false, errors: 0 });
    expect(plan.created).toBeGreaterThan(0);
    expect([...cards(phone), ...cards(laptop)].sort()).toEqual(before);
    expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(0);
    expect(await cli.ok(['sync', '--dry-run'])).toMatch(/^Dry run, nothing was written\. The sync would make \d+ creations/);
  });

  it('syncs: links Ann across both folders, fills each side, reports the conflict; --json has the promised shape', async () => {
    const s = await cli.json<SyncSummary>(['sync', '--json']);
    for (const key of ['created', 'updated', 'deleted', 'conflicts', 'errors', 'run'] as const) expect(typeof s[key]).toBe('number');
    expect(s).toMatchObject({ paused: false, errors: 0, conflicts: 1, dryRun: false });
    expect(s.accounts.map((a) => a.name)).toEqual(['Phone', 'Laptop']);
    expect(cards(phone)).toHaveLength(4); // + Carol
    expect(cards(laptop)).toHaveLength(4); // + Bob, 张伟
    expect(cardWith(phone, 'Carol')).toMatch(/EMAIL[^:]*:carol@example.org/);
    expect(cardWith(laptop, '张伟')).toContain('+86 138 0013 8000');
    // Nothing changed since: a quiet run.
    expect(await cli.json<SyncSummary>(['sync', '--json'])).toMatchObject({ created: 0, updated: 0, deleted: 0, errors: 0 });
  });

  it('status --json: contacts, conflicts, suggestions and each account', async () => {
    const [s, text] = await Promise.all([cli.json<StatusView>(['status', '--json']), cli.ok(['status'])]);
    expect(s).toMatchObject({ contacts: 4, trash: 0, conflicts: 1, suggestions: 0, syncing: false });
    expect(s.lastRun).toMatchObject({ status: 'ok' });
    expect(s.accounts).toEqual([
      expect.objectContaining({ name: 'Phone', kind: 'folder', status: 'idle', records: 4, conflicts: 0, pausedFor: null }),
      expect.objectContaining({ name: 'Laptop', kind: 'folder', status: 'idle', records: 4, conflicts: 1, pausedFor: null }),
    ]);
    expect(text).toMatch(/^Contacts: 4\nConflicts to decide: 1/);
  });

  it('contacts list and show: every email and phone, the accounts holding each value', async () => {
    const all = await cli.json<ContactOverview[]>(['contacts', 'list', '--json']);
    expect(all.map((c) => c.displayName)).toEqual(['Ann Lee', 'Bob Stone', 'Carol Díaz', '张伟']);
    for (const c of all) {
      ids[c.displayName] = c.id;
      expect(c.accounts).toEqual(['Phone', 'Laptop']);
    }
    expect(all[1]).toEqual({ id: ids['Bob Stone'], displayName: 'Bob Stone', emails: ['bob@example.org'], phones: [], organization: 'Acme', accounts: ['Phone', 'Laptop'] });
    const [carol, zhang, ann, text, missing] = await Promise.all([
      cli.json<ContactOverview[]>(['contacts', 'list', '--search', 'carol', '--json']),
      cli.ok(['contacts', 'list', '--search', '张伟']),
      cli.json<ContactDetail>(['contacts', 'show', ids['Ann Lee']!, '--json']),
      cli.ok(['contacts', 'show', ids['Ann Lee']!]),
      cli.fails(['contacts', 'show', 'no-such-contact']),
    ]);
    expect(carol.map((c) => c.displayName)).toEqual(['Carol Díaz']);
    expect(zhang).toMatch(/张伟 .*\+86 138 0013 8000 .*Phone, Laptop/);

    expect(ann.records.map((r) => r.accountName)).toEqual(['Phone', 'Laptop']);
    const birthdays = ann.values.filter((v) => v.field === 'birthday');
    expect(birthdays).toEqual([
      { field: 'birthday', value: { year: 1990, month: 4, day: 15 }, inHub: true, accounts: ['Phone'] },
      { field: 'birthday', value: { year: 1990, month: 5, day: 14 }, inHub: false, accounts: ['Laptop'] },
    ]);
    // The same address and number, written differently, count as held by both.
    expect(ann.values.find((v) => v.field === 'emails')).toMatchObject({ inHub: true, accounts: ['Phone', 'Laptop'] });
    expect(ann.values.find((v) => v.field === 'phones')).toMatchObject({ inHub: true, accounts: ['Phone', 'Laptop'] });
    expect(ann.values.find((v) => v.field === 'note')).toMatchObject({ value: 'met in Lisbon', accounts: ['Phone', 'Laptop'] });
    expect(text).toMatch(/birthday +1990-04-15 +Phone/);
    expect(text).toMatch(/birthday +1990-05-14 +\(not in Concord\) Laptop/);
    expect(missing).toBe('There is no contact no-such-contact.');
  });

  it('conflicts list --json, and resolve --take the account: its value reaches the other folder', async () => {
    const [c, ...rest] = await cli.json<(ConflictView & { values: { hub: unknown; account: unknown } })[]>(['conflicts', 'list', '--json']);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ contactId: ids['Ann Lee'], field: 'birthday', accountName: 'Laptop', values: { hub: { year: 1990, month: 4, day: 15 }, account: { year: 1990, month: 5, day: 14 } } });
    expect(await cli.ok(['conflicts', 'list'])).toMatch(new RegExp(`^#${c!.id} +Ann Lee: birthday\\n +in Concord: +1990-04-15\\n +in Laptop: +1990-05-14`));
    expect(await cli.ok(['conflicts', 'resolve', String(c!.id), '--take', 'Laptop'])).toMatch(/^Resolved #\d+ \(Ann Lee: birthday\) with the value in Laptop/);
    expect(await cli.fails(['conflicts', 'resolve', String(c!.id), '--take', 'Laptop'])).toMatch(/There is no open conflict/);
    await cli.json(['sync', '--json']);
    expect(cardWith(phone, 'Ann Lee')).toMatch(/BDAY[^:]*:1990-05-14/);
    expect((await cli.json<StatusView>(['status', '--json'])).conflicts).toBe(0);
  });

  it('resolves with --value, --take hub and --take another account', async () => {
    setProperty(phone, 'Ann Lee', 'NOTE', 'from the phone');
    setProperty(laptop, 'Ann Lee', 'NOTE', 'from the laptop');
    setProperty(phone, 'Bob Stone', 'TITLE', 'Engineer');
    setProperty(laptop, 'Bob Stone', 'TITLE', 'Architect');
    setProperty(phone, 'Carol', 'NOTE', 'phone says hi');
    setProperty(laptop, 'Carol', 'NOTE', 'laptop says hi');
    const s = await cli.json<SyncSummary>(['sync', '--json']);
    expect(s.conflicts).toBe(3);
    const conflicts = await cli.json<ConflictView[]>(['conflicts', 'list', '--json']);
    const of = (name: string) => conflicts.find((c) => c.contactName === name)!;
    expect(of('Bob Stone').field).toBe('organizations[acme].title');

    const refused = await Promise.all([
      cli.fails(['conflicts', 'resolve', String(of('Ann Lee').id), '--value', '{not json'], 2),
      cli.fails(['conflicts', 'resolve', String(of('Ann Lee').id), '--value', '42']),
      cli.fails(['conflicts', 'resolve', String(of('Ann Lee').id), '--take', 'Tablet']),
    ]);
    expect(refused[0]).toMatch(/--value must be JSON/);
    expect(refused[1]).toBe('The value for note must be text.');
    expect(refused[2]).toMatch(/^There is no account named “Tablet”/);
    await Promise.all([
      cli.ok(['conflicts', 'resolve', String(of('Ann Lee').id), '--value', '"typed by hand"']),
      cli.ok(['conflicts', 'resolve', String(of('Bob Stone').id), '--take', 'hub']),
      cli.ok(['conflicts', 'resolve', `#${of('Carol Díaz').id}`, '--take', 'Phone']),
    ]);
    expect(await cli.json<SyncSummary>(['sync', '--json'])).toMatchObject({ conflicts: 0, errors: 0 });
    for (const dir of [phone, laptop]) {
      expect(cardWith(dir, 'Ann Lee')).toMatch(/NOTE:typed by hand/);
      expect(cardWith(dir, 'Bob Stone')).toMatch(/TITLE:Engineer/);
      expect(cardWith(dir, 'Carol')).toMatch(/NOTE:phone says hi/);
    }
  });

  it('history lists runs newest first, and one contact’s field changes', async () => {
    const [runs, changes, text] = await Promise.all([
      cli.json<{ id: number; startedAt: string; created: number; updated: number; deleted: number }[]>(['history', '--json']),
      cli.json<{ field: string; before: unknown; after: unknown }[]>(['history', '--contact', ids['Ann Lee']!, '--json']),
      cli.ok(['history']),
    ]);
    expect(runs.length).toBeGreaterThanOrEqual(5);
    expect(runs.map((r) => r.id)).toEqual([...runs.map((r) => r.id)].sort((a, b) => b - a));
    for (const r of runs) {
      expect(r).toEqual(expect.objectContaining({ id: expect.any(Number), startedAt: expect.any(String), created: expect.any(Number), updated: expect.any(Number), deleted: expect.any(Number) }));
    }
    expect(changes.some((c) => c.field === 'note' && c.after === 'typed by hand')).toBe(true);
    expect(changes.some((c) => c.field === 'birthday')).toBe(true);
    expect(text).toMatch(/^RUN +STARTED +TRIGGER +STATUS +CREATED +UPDATED +DELETED/);
  });

  it('a card deleted in one folder goes to the trash and from the other folder; undo brings it back everywhere', async () => {
    unlinkSync(join(phone, 'bob.vcf'));
    const s = await cli.json<SyncSummary>(['sync', '--json']);
    expect(s).toMatchObject({ deleted: 2, errors: 0 });
    expect(allText(laptop).some((t) => t.includes('Bob Stone'))).toBe(false);
    const trash = await cli.json<{ id: string; displayName: string }[]>(['trash', 'list', '--json']);
    expect(trash).toEqual([expect.objectContaining({ id: ids['Bob Stone'], displayName: 'Bob Stone', reason: 'remote' })]);

    const undone = await cli.json<SyncSummary & { undoRun: number; reversed: number }>(['undo', String(s.run), '--json']);
    expect(undone).toMatchObject({ reversed: 1, errors: 0 });
    expect(cardWith(phone, 'Bob Stone')).toContain('TITLE:Engineer');
    expect(cardWith(laptop, 'Bob Stone')).toContain('TITLE:Engineer');
    expect(await cli.json(['trash', 'list', '--json'])).toEqual([]);
    expect(await cli.fails(['undo', '999'])).toBe('There is no run 999.');
  });

  it('trash restore: a contact deleted elsewhere comes back at the next sync', async () => {
    unlinkSync(join(laptop, cards(laptop).find((f) => readFileSync(join(laptop, f), 'utf8').includes('Carol'))!));
    await cli.json(['sync', '--json']);
    expect(allText(phone).some((t) => t.includes('Carol'))).toBe(false);
    expect(await cli.ok(['trash', 'list'])).toMatch(/Carol Díaz +\S+ +remote/);
    expect(await cli.ok(['trash', 'restore', ids['Carol Díaz']!])).toMatch(/^Restored\./);
    expect(await cli.fails(['trash', 'restore', ids['Carol Díaz']!])).toBe('Carol Díaz is not in the trash.');
    await cli.json(['sync', '--json']);
    expect(cardWith(phone, 'Carol')).toContain('carol@example.org');
    expect(cardWith(laptop, 'Carol')).toContain('carol@example.org');
  });

  it('syncs one account with --account, and removes an account by name, keeping its contacts', async () => {
    write(phone, 'dan.vcf', ['UID:dan', 'FN:Dan Wu', 'EMAIL:dan@example.org']);
    const one = await cli.json<SyncSummary>(['sync', '--account', 'phone', '--json']);
    expect(one.accounts.map((a) => a.name)).toEqual(['Phone']);
    expect(allText(laptop).some((t) => t.includes('Dan Wu'))).toBe(false);
    expect(await cli.fails(['sync', '--account', 'Tablet'])).toBe('There is no account named “Tablet” (accounts: Phone, Laptop).');
    expect(await cli.ok(['account', 'remove', 'Laptop'])).toMatch(/^Removed the account “Laptop”/);
    expect((await cli.json<Account[]>(['account', 'list', '--json'])).map((a) => a.name)).toEqual(['Phone']);
    expect((await cli.json<StatusView>(['status', '--json'])).contacts).toBe(5);
    expect(cards(laptop).length).toBeGreaterThan(0);
  });
});
