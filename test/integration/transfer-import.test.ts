// Import through the engine's contract (transfer.previewImport / transfer.applyImport), as the UI
// and the CLI call it: the preview writes nothing, an import is one undoable run, an imported
// person who is already in Concord is merged (strong match) or suggested (medium), broken rows are
// skipped with their line, and a failing import changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContactFields } from '../../shared/model/contact.ts';
import { createContact } from '../../electron/engine/hub/contacts.ts';
import { getContact } from '../../electron/engine/db/repos/contacts.ts';
import { importFile } from '../../electron/engine/transfer/index.ts';
import { person, startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { startWorld } from '../support/sync-world.ts';

const fixtures = join(import.meta.dirname, '../fixtures/transfer');
const fixture = (name: string) => join(fixtures, name);

let t: TestEngine;
beforeEach(() => {
  t = startTestEngine();
});
afterEach(() => t.close());

const seed = (fields: ContactFields) => createContact({ db: t.engine.context.db, now: 1, runId: null }, fields).id;
const total = async () => (await t.client.call('contacts.list', {})).total;

describe('preview', () => {
  it('shows what would happen and writes nothing', async () => {
    const preview = await t.client.call('transfer.previewImport', { path: fixture('google-contacts.csv') });
    expect(preview).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      dialect: 'google',
      counts: { records: 5, new: 5, matched: 0, suggested: 0, skipped: 0 },
      truncated: false,
    });
    expect(preview.new.map((n) => [n.line, n.displayName, n.phone])).toEqual([
      [2, 'Ada Lovelace', '+44 20 7946 0018'],
      [6, '伟 张', '+86 138 0013 8000'],
      [7, "Bob O'Brien", '0171 1234567'],
      [9, 'no.name@example.net', null],
      [11, 'Émile Zola', '+33 1 23 45 67 89'],
    ]);
    expect(preview.columns.find((c) => c.column === 'E-mail 1 - Value')).toEqual({ column: 'E-mail 1 - Value', field: 'emails[1]', filled: 3 });
    expect(await total()).toBe(0);
    expect(await t.client.call('history.runs', {})).toEqual([]);
  });

  it('counts a person listed twice in the file once, as the import would', async () => {
    const csv = 'Name,Email,Phone\nAnn Lee,ann@example.org,+1 415 555 0100\nAnn Lee,ANN@example.org,+1 415 555 0199\n';
    const preview = await t.client.call('transfer.previewImport', { text: csv, fileName: 'people.csv' });
    expect(preview.counts).toMatchObject({ new: 1, matched: 1 });
    expect(preview.matches[0]).toMatchObject({ line: 3, contactName: 'Ann Lee', reasons: expect.arrayContaining(['same email ann@example.org', 'line 2 of this file']) });
    const applied = await t.client.call('transfer.applyImport', { text: csv, fileName: 'people.csv' });
    expect(applied).toMatchObject({ imported: 1, linked: 1 });
    const [ann] = (await t.client.call('contacts.list', {})).items;
    const full = await t.client.call('contacts.get', { id: ann!.id });
    expect(full.fields.phones.map((p) => p.value)).toEqual(['+1 415 555 0100', '+1 415 555 0199']);
  });

  it('caps the lists, not the counts', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Person ${i},p${i}@example.org`).join('\n');
    const preview = await t.client.call('transfer.previewImport', { text: `Name,Email\n${rows}\n`, limit: 10 });
    expect(preview.counts.new).toBe(30);
    expect(preview.new).toHaveLength(10);
    expect(preview.truncated).toBe(true);
  });
});

describe('apply', () => {
  it('imports as one run that history lists and history.undo takes back', async () => {
    const result = await t.client.call('transfer.applyImport', { path: fixture('outlook-zh-gbk.csv') });
    expect(result).toMatchObject({ imported: 3, linked: 0, suggested: 0, skipped: 0, errors: [] });
    expect(await total()).toBe(3);
    const [run] = await t.client.call('history.runs', {});
    expect(run).toMatchObject({ id: result.run, trigger: 'import', status: 'ok', summary: { created: 3, updated: 0 } });
    expect(t.events.some((e) => e.event === 'contacts.changed')).toBe(true);

    const undone = await t.client.call('history.undo', { run: result.run! });
    expect(undone.reversed).toBe(3);
    expect(await total()).toBe(0);
    expect((await t.client.call('trash.list')).map((x) => x.displayName).sort()).toEqual(['张伟', '李娜', '王秀英']);
  });

  it('merges a person who is already in Concord instead of duplicating them, and undo restores them', async () => {
    const id = seed(person({ given: 'Ada', family: 'Lovelace', email: 'ada@example.org', note: 'Seeded before the import.' }));
    const result = await t.client.call('transfer.applyImport', { path: fixture('google-contacts.csv') });
    expect(result).toMatchObject({ imported: 4, linked: 1, suggested: 0 });
    expect(await total()).toBe(5);
    const ada = getContact(t.engine.context.db, id)!;
    expect(ada.fields.phones.map((p) => p.value)).toEqual(['+44 20 7946 0018', '+44 7700 900123', '020 7946 0000']);
    expect(ada.fields.emails.map((e) => e.value)).toEqual(['ada@example.org', 'ada@engines.example']);
    // Both sides had a note: Concord's stays, and the import says so.
    expect(ada.fields.note).toBe('Seeded before the import.');
    expect(result.warnings).toEqual([{ line: 2, message: 'kept the existing note of “Ada Lovelace”: the file has a different one' }]);

    await t.client.call('history.undo', { run: result.run! });
    // The hub filled the missing FN when the contact was seeded (RFC 6350 §6.2.1; display.ts).
    expect(getContact(t.engine.context.db, id)!.fields).toEqual({
      ...person({ given: 'Ada', family: 'Lovelace', email: 'ada@example.org', note: 'Seeded before the import.' }),
      formattedName: 'Ada Lovelace',
    });
    expect(await total()).toBe(1);
  });

  it('imports a possible duplicate (same name only) as a held-back suggestion', async () => {
    seed(person({ given: 'John', family: 'Smith', email: 'john@old-employer.example' }));
    const preview = await t.client.call('transfer.previewImport', { path: fixture('old-phone-2.1.vcf') });
    expect(preview.suggestions).toEqual([
      expect.objectContaining({ line: 8, displayName: 'John Smith', candidates: [expect.objectContaining({ contactName: 'John Smith', reasons: ['same name'] })] }),
    ]);
    const result = await t.client.call('transfer.applyImport', { path: fixture('old-phone-2.1.vcf') });
    expect(result).toMatchObject({ imported: 3, suggested: 1, skipped: 1, errors: [{ line: 29, message: expect.stringContaining('unreadable card') }] });
    expect((await t.client.call('status.get')).suggestions).toBe(1);
  });

  it('skips broken rows with their line numbers and imports the rest', async () => {
    const result = await t.client.call('transfer.applyImport', { path: fixture('broken.csv') });
    expect(result).toMatchObject({ imported: 4, skipped: 2 });
    expect(result.errors.map((e) => e.line)).toEqual([3, 6]);
    const [run] = await t.client.call('history.runs', {});
    expect(run!.status).toBe('partial');
  });

  it('writes no run when nothing in the file can be read', async () => {
    const result = await t.client.call('transfer.applyImport', { text: 'Name,Email\n"Ann,ann@example.org\n', fileName: 'x.csv' });
    expect(result).toMatchObject({ imported: 0, skipped: 1, run: null, errors: [{ line: 2, message: expect.stringContaining('quote') }] });
    expect(await t.client.call('history.runs', {})).toEqual([]);
  });

  it('changes nothing when the import fails part-way', async () => {
    const id = seed(person({ given: 'Ada', family: 'Lovelace', email: 'ada@example.org' }));
    const before = getContact(t.engine.context.db, id);
    // Fault injection: the third contact the import creates fails (as a full disk would).
    t.engine.context.db.exec(`CREATE TEMP TRIGGER fail_import BEFORE INSERT ON contacts WHEN NEW.display_name = 'Bob O''Brien' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(t.client.call('transfer.applyImport', { path: fixture('google-contacts.csv') })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await total()).toBe(1);
    expect(getContact(t.engine.context.db, id)).toEqual(before);
    expect(await t.client.call('history.runs', {})).toEqual([]);
    t.engine.context.db.exec('DROP TRIGGER fail_import');
    expect((await t.client.call('transfer.applyImport', { path: fixture('google-contacts.csv') })).linked).toBe(1);
  });

  it('imports the same file twice without duplicates', async () => {
    await t.client.call('transfer.applyImport', { path: fixture('outlook-unicode.csv') });
    const again = await t.client.call('transfer.applyImport', { path: fixture('outlook-unicode.csv') });
    expect(again).toMatchObject({ imported: 0, linked: 3 });
    expect(await total()).toBe(3);
  });

  it('takes a mapping, inline text and base64, and rejects a bad mapping', async () => {
    const mapping = JSON.parse(readFileSync(fixture('crm-mapping.json'), 'utf8')) as { columns: Record<string, string | null> };
    const base64 = readFileSync(fixture('crm-export.csv')).toString('base64');
    const result = await t.client.call('transfer.applyImport', { base64, fileName: 'crm-export.csv', mapping });
    expect(result).toMatchObject({ imported: 2, skipped: 0 });
    await expect(t.client.call('transfer.previewImport', { base64, mapping: { columns: { Mobilnummer: 'phone[mobile]' } } })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining('columns.Mobilnummer'),
    });
    await expect(t.client.call('transfer.previewImport', { text: 'x', base64 })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(t.client.call('transfer.previewImport', { path: fixture('no-such-file.csv') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('imports a 5,000-card vCard file', async () => {
    const cards = Array.from({ length: 5000 }, (_, i) =>
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `N:Family${i};Given${i};;;`,
        `FN:Given${i} Family${i}`,
        `EMAIL;TYPE=INTERNET,HOME:person${i}@example.org`,
        `TEL;TYPE=CELL:+86 138 ${String(i).padStart(4, '0')} ${String(i * 7).padStart(4, '0').slice(-4)}`,
        `NOTE:Card ${i}\\, imported in bulk`,
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
    const file = join(t.dataDir, 'many.vcf');
    writeFileSync(file, cards.join(''));
    const result = await t.client.call('transfer.applyImport', { path: file });
    expect(result).toMatchObject({ imported: 5000, linked: 0, suggested: 0, skipped: 0 });
    expect(await total()).toBe(5000);
    const page = await t.client.call('contacts.list', { query: 'Given4999' });
    expect(page.items[0]).toMatchObject({ displayName: 'Given4999 Family4999', phone: '+86 138 4999 4993' });
  });
});

describe('into an account, and the CLI entry point', () => {
  it('checks the account; the next sync creates the contacts there', async () => {
    t.close();
    const w = startWorld();
    t = w;
    const { source } = await w.addAccount('iCloud');
    await expect(w.client.call('transfer.applyImport', { path: fixture('google-legacy.csv'), into: 'Nowhere' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const result = await w.client.call('transfer.applyImport', { path: fixture('google-legacy.csv'), into: 'iCloud' });
    expect(result.notes).toEqual([expect.stringContaining('the next sync adds them to iCloud')]);
    await w.client.call('sync.run', {});
    expect(w.names(source)).toEqual(['Alan Turing', 'Grace Hopper']);
  });

  it('importFile previews with dryRun and applies without it', () => {
    const ctx = t.engine.context;
    const dry = importFile(ctx, fixture('crm-export.csv'), { mapping: fixture('crm-mapping.json'), dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, preview: { counts: { new: 2 } } });
    const real = importFile(ctx, fixture('crm-export.csv'), { mapping: fixture('crm-mapping.json') });
    expect(real).toMatchObject({ dryRun: false, result: { imported: 2, run: expect.any(Number) } });
  });
});
