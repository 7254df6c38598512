// Every fixture file read the way an import reads it (transfer/read.ts): the right encoding,
// delimiter and layout, names intact, phone numbers exactly as written, broken records reported
// with their line and the rest read.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMappingFile } from '../../../electron/engine/transfer/mapping.ts';
import { readImport } from '../../../electron/engine/transfer/read.ts';
import type { ParsedImport } from '../../../electron/engine/transfer/read.ts';

const dir = join(import.meta.dirname, '../../fixtures/transfer');
const read = (name: string, extra: Partial<Parameters<typeof readImport>[0]> = {}): ParsedImport =>
  readImport({ bytes: readFileSync(join(dir, name)), text: null, fileName: name, format: 'auto', ...extra });

const phones = (p: ParsedImport) => p.records.flatMap((r) => r.fields.phones.map((x) => x.value));
const names = (p: ParsedImport) => p.records.map((r) => r.fields.formattedName || [r.fields.name.family, r.fields.name.given].filter(Boolean).join(' '));

describe('Google CSV', () => {
  it('reads the current layout: labels, " ::: " values, primary marks, groups, multi-line notes', () => {
    const p = read('google-contacts.csv');
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', dialect: 'google', skipped: [] });
    expect(names(p)).toEqual(['Lovelace Ada', '张 伟', "O'Brien Bob", '', 'Zola Émile']);
    const ada = p.records[0]!.fields;
    expect(ada.emails).toEqual([
      { value: 'ada@example.org', label: 'home', primary: true },
      { value: 'ada@engines.example', label: 'work', primary: false },
    ]);
    expect(ada.phones.map((x) => [x.label, x.value])).toEqual([
      ['mobile', '+44 20 7946 0018'],
      ['mobile', '+44 7700 900123'],
      ['work', '020 7946 0000'],
    ]);
    expect(ada.groups).toEqual(['Friends', 'Starred']);
    expect(ada.note).toBe('Met at the Royal Society.\nLikes "difference engines", poetry, and tea.');
    expect(ada.relations).toEqual([{ value: 'William King', label: 'spouse', primary: false }]);
    expect(ada.customFields).toEqual([{ key: 'Shoe size', value: '38' }]);
    expect(ada.dates).toEqual([{ label: 'anniversary', date: { year: 1835, month: 7, day: 8 } }]);
    expect(p.records[1]!.fields.birthday).toEqual({ year: null, month: 4, day: 15 });
    expect(p.records[2]!.fields.phones.map((x) => x.label)).toEqual(['home', "Grandma's landline"]);
    expect(phones(p)).toContain('0171 1234567');
    // The blank row is neither a record nor an error; the nameless one is kept (it has an email).
    expect(p.records.map((r) => r.line)).toEqual([2, 6, 7, 9, 11]);
  });

  it('reads the legacy layout (Name, Given Name, Group Membership, E-mail 1 - Type)', () => {
    const p = read('google-legacy.csv');
    expect(p).toMatchObject({ encoding: 'utf-8', encodingSource: 'bom', dialect: 'google' });
    expect(names(p)).toEqual(['Grace Hopper', 'Alan Turing']);
    expect(p.records[0]!.fields.groups).toEqual(['Navy']);
    expect(p.records[0]!.fields.organizations).toEqual([{ name: 'US Navy', department: '', title: 'Rear Admiral', phoneticName: '' }]);
    expect(p.records[1]!.fields.emails.map((e) => e.value)).toEqual(['alan@example.org', 'turing@bletchley.example']);
  });
});

describe('Outlook CSV', () => {
  it('reads a Chinese Outlook export in GBK with translated headers', () => {
    const p = read('outlook-zh-gbk.csv');
    expect(p).toMatchObject({ encoding: 'gb18030', dialect: 'outlook', skipped: [], warnings: [] });
    expect(names(p)).toEqual(['张 伟', '李 娜', '王 秀英']);
    const zhang = p.records[0]!.fields;
    // "Primary Phone" repeats the mobile number: one number, labelled mobile.
    expect(zhang.phones).toEqual([
      { value: '010-62345678', label: 'work', primary: false },
      { value: '13800138000', label: 'mobile', primary: false },
    ]);
    expect(zhang.birthday).toEqual({ year: 1985, month: 3, day: 7 });
    expect(zhang.note).toBe('客户，2019 年认识。\n喜欢喝茶，不喝咖啡。');
    expect(zhang.groups).toEqual(['同事', '朋友']);
    expect(zhang.addresses[0]).toMatchObject({ label: 'work', street: '海淀区中关村大街 1 号', locality: '北京', postalCode: '100080', country: '中国' });
    expect(phones(p)).toContain('0086 135 0000 1111');
    // Bookkeeping columns (电子邮件类型, 敏感度 …) are not "unmapped data".
    expect(p.notes).toEqual([]);
  });

  it('reads an English Outlook export in UTF-16', () => {
    const p = read('outlook-unicode.csv');
    expect(p).toMatchObject({ encoding: 'utf-16le', encodingSource: 'bom', dialect: 'outlook', notes: [] });
    const john = p.records[0]!.fields;
    expect(john.name).toMatchObject({ prefix: 'Mr.', given: 'John', family: 'Smith' });
    expect(john.birthday).toEqual({ year: 1980, month: 4, day: 15 });
    expect(john.dates).toEqual([{ label: 'anniversary', date: { year: 2005, month: 6, day: 1 } }]);
    expect(john.addresses[0]!.street).toBe('1 Microsoft Way\nBuilding 4');
    expect(john.phones.map((x) => x.value)).toEqual(['+1 (425) 555-0100', '+1 (425) 555-0134']);
    expect(john.groups).toEqual(['Business', 'VIP']);
    expect(john.relations).toEqual([{ value: 'Jane Smith', label: 'spouse', primary: false }]);
    expect(p.records[1]!.fields.emails).toHaveLength(2);
    // "0/0/00" is Outlook's "no birthday".
    expect(p.records[1]!.fields.birthday).toBeNull();
  });
});

describe('Excel and other spreadsheets', () => {
  it('reads a German semicolon CSV with decimal commas, day-first dates and windows-1252', () => {
    const p = read('excel-de-semicolon.csv');
    expect(p).toMatchObject({ encoding: 'windows-1252', delimiter: ';', dialect: 'generic' });
    expect(names(p)).toEqual(['Müller Jürgen', 'Groß Renée', 'Schmidt Hans', '']);
    expect(p.records[0]!.fields.birthday).toEqual({ year: 1980, month: 4, day: 15 });
    expect(p.records[1]!.fields.organizations[0]!.name).toBe('Café; Bäckerei');
    expect(p.records[1]!.fields.note).toBe('Zeile 1\nZeile 2; mit Semikolon');
    expect(phones(p)).toEqual(['030 1234567', '+49 171 2345678', '0049 89 7654321', '4,91712E+11']);
    expect(p.warnings).toEqual([{ line: 5, message: expect.stringContaining('turned into a number') }]);
    expect(p.notes).toEqual(['Not imported (no field mapped): “Umsatz 2023”.']);
  });

  it('reads Big5 CSV and UTF-16 tab-separated "Unicode Text" from Taiwanese Excel alike', () => {
    const big5 = read('excel-zh-tw-big5.csv');
    const unicode = read('excel-unicode-text.txt');
    expect(big5).toMatchObject({ encoding: 'big5', delimiter: ',' });
    expect(unicode).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(names(big5)).toEqual(['陳美玲', '林志明', '黃淑芬']);
    expect(unicode.records.map((r) => r.fields)).toEqual(big5.records.map((r) => r.fields));
    expect(phones(big5)).toEqual(['0912 345 678', '+886 2 2345 6789', '0933-111-222']);
  });

  it('needs a mapping for unknown columns, and imports with one', () => {
    expect(read('crm-export.csv')).toMatchObject({ records: [], notes: [expect.stringContaining('No column was recognised')] });
    const p = read('crm-export.csv', { mapping: loadMappingFile(join(dir, 'crm-mapping.json')) });
    expect(p.records).toHaveLength(2);
    expect(p.records[0]!.fields).toMatchObject({
      formattedName: 'Dr. Eva Schneider',
      emails: [{ value: 'eva.schneider@example.de', label: 'work', primary: false }],
      phones: [
        { value: '+49 160 1112223', label: 'mobile', primary: false },
        { value: '089 123456', label: 'home', primary: false },
      ],
      organizations: [{ name: 'Bayerische Werke AG', department: '', title: 'Einkauf', phoneticName: '' }],
      customFields: [{ key: 'Kundennummer', value: 'K-0042' }],
    });
    expect(p.columns.find((c) => c.column === 'Letzter Kontakt')).toEqual({ column: 'Letzter Kontakt', field: null, filled: 1 });
  });

  it('reports broken rows with their line and reads the rest', () => {
    const p = read('broken.csv');
    expect(p.skipped).toEqual([
      { line: 3, message: expect.stringContaining('5 values but the header has 3') },
      { line: 6, message: expect.stringContaining('quote') },
    ]);
    expect(p.records.map((r) => [r.line, r.fields.formattedName])).toEqual([
      [2, 'Good One'],
      [5, 'Good Two'],
      [7, 'Good Three'],
      [10, 'Good Four'],
    ]);
  });
});

describe('vCard files', () => {
  it('reads vCard 2.1 from old phones: quoted-printable in UTF-8 and GBK, and skips the broken card', () => {
    const p = read('old-phone-2.1.vcf');
    expect(p).toMatchObject({ format: 'vcf', dialect: 'vcard' });
    expect(names(p)).toEqual(['张三', 'John Smith', '李 娜', 'Last After']);
    expect(p.records.map((r) => r.line)).toEqual([1, 8, 20, 31]);
    expect(p.records[0]!.fields.phones).toEqual([
      { value: '+8613800138000', label: 'mobile', primary: true },
      { value: '010-12345678', label: 'home', primary: false },
    ]);
    expect(p.records[1]!.fields.addresses[0]).toMatchObject({ label: 'work', street: '1 Main St\nSuite 5', locality: 'Springfield' });
    expect(p.records[1]!.fields.note).toBe('Line one\nLine two');
    expect(p.skipped).toEqual([{ line: 29, message: expect.stringContaining('unreadable card') }]);
  });

  it('decodes a GBK vCard without CHARSET', () => {
    const p = read('gbk-3.0.vcf');
    expect(p.encoding).toBe('gb18030');
    expect(p.records[0]!.fields).toMatchObject({ formattedName: '王秀英', note: '老客户，喜欢喝茶。', phones: [{ value: '135 0000 1111' }] });
  });

  it('turns Apple group cards into group names of their members in the same file', () => {
    const text = [
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nN:;Ann;;;\r\nUID:AAA-1\r\nEND:VCARD\r\n',
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nN:;Bob;;;\r\nUID:BBB-2\r\nEND:VCARD\r\n',
      'BEGIN:VCARD\r\nVERSION:3.0\r\nX-ADDRESSBOOKSERVER-KIND:group\r\nFN:Climbing\r\nN:Climbing;;;;\r\nX-ADDRESSBOOKSERVER-MEMBER:urn:uuid:aaa-1\r\nUID:G-1\r\nEND:VCARD\r\n',
    ].join('');
    const p = readImport({ bytes: Buffer.from(text), text: null, fileName: 'apple.vcf', format: 'auto' });
    expect(p.records.map((r) => [r.fields.formattedName, r.fields.groups])).toEqual([
      ['Ann', ['Climbing']],
      ['Bob', []],
    ]);
    expect(p.skipped).toEqual([]);
  });

  it('takes inline text and detects the format from the content', () => {
    const p = readImport({ bytes: null, text: '\ufeffBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL:ann@example.org\r\nEND:VCARD\r\n', fileName: null, format: 'auto' });
    expect(p).toMatchObject({ format: 'vcf', records: [{ line: 1, fields: { formattedName: 'Ann' } }] });
  });
});
