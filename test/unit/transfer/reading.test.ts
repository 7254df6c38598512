// Reading import files: encoding detection, CSV delimiters and line numbers, column mappings and
// dates — the pieces transfer/read.ts puts together.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImport } from '../../../electron/engine/transfer/encoding.ts';
import { detectDelimiter, readCsv } from '../../../electron/engine/transfer/csv-read.ts';
import { checkMapping, parseFieldPath } from '../../../electron/engine/transfer/mapping.ts';
import { isoDate, parseDate } from '../../../electron/engine/transfer/dates.ts';
import { cleanCell } from '../../../electron/engine/transfer/csv-fields.ts';
import { ConcordError } from '../../../shared/api/errors.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/transfer', name));

describe('encoding detection', () => {
  const text = 'Name,Phone\nJürgen Müller,+49 30 1234567\n';

  it('takes a byte-order mark first and strips it', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeImport(utf8)).toMatchObject({ text, encoding: 'utf-8', source: 'bom' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeImport(le)).toMatchObject({ text, encoding: 'utf-16le', source: 'bom' });
    const be = Buffer.from(Buffer.from(text, 'utf16le')).swap16();
    expect(decodeImport(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text, encoding: 'utf-16be', source: 'bom' });
  });

  it('recognises UTF-16 without a BOM, UTF-8 without one, and windows-1252', () => {
    expect(decodeImport(Buffer.from(text, 'utf16le'))).toMatchObject({ text, encoding: 'utf-16le' });
    expect(decodeImport(Buffer.from(text))).toMatchObject({ text, encoding: 'utf-8', source: 'detected' });
    // latin1 bytes are windows-1252 bytes for these characters: what Western Excel saves as "CSV".
    expect(decodeImport(Buffer.from(text, 'latin1'))).toMatchObject({ text, encoding: 'windows-1252' });
  });

  it('tells GBK (Chinese Outlook/Excel) from Big5 (Taiwanese Excel)', () => {
    const gbk = decodeImport(fixture('outlook-zh-gbk.csv'));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text).toContain('北京星辰科技有限公司');
    const big5 = decodeImport(fixture('excel-zh-tw-big5.csv'));
    expect(big5.encoding).toBe('big5');
    expect(big5.text).toContain('台灣積體電路製造股份有限公司');
  });

  it('uses a given encoding, and refuses one it does not know', () => {
    expect(decodeImport(fixture('outlook-zh-gbk.csv'), 'gbk')).toMatchObject({ source: 'given', encoding: 'gbk' });
    expect(() => decodeImport(Buffer.from(text), 'klingon')).toThrow(ConcordError);
  });
});

describe('CSV reading', () => {
  it('picks ; over , when the commas are decimal commas', () => {
    expect(detectDelimiter('Name;Amount;Phone\nA;1,5;+49 30 1\nB;2,25;030 2\nC;3;0\n')).toBe(';');
    expect(detectDelimiter('Name,Phone\nA,+1\nB,+2\n')).toBe(',');
    expect(detectDelimiter('Name\tPhone\nA\t+1\n')).toBe('\t');
  });

  it('honours Excel\u2019s sep= line and counts lines through multi-line quoted values', () => {
    const t = readCsv('sep=;\r\nName;Note\r\nA;"one\r\ntwo; three"\r\n\r\nB;"say ""hi"""\r\n');
    expect(t.delimiter).toBe(';');
    expect(t.headerLine).toBe(2);
    expect(t.rows).toEqual([
      { line: 3, cells: ['A', 'one\r\ntwo; three'] },
      { line: 6, cells: ['B', 'say "hi"'] },
    ]);
  });

  it('skips a row whose quote is never closed and reads on from the next line', () => {
    const t = readCsv('Name,Email\nA,a@x\nB,"b@x\nC,c@x\nD,"d\nd@x"\n');
    expect(t.broken).toEqual([{ line: 3, message: expect.stringContaining('quote') }]);
    expect(t.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'A'],
      [4, 'C'],
      [5, 'D'],
    ]);
  });

  it('keeps cells as text: no number conversion, leading zeros and + survive', () => {
    const t = readCsv('Phone,Zip\n+8613800138000,01234\n0049 30 1,00501\n');
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['+8613800138000', '01234'],
      ['0049 30 1', '00501'],
    ]);
  });

  it('undoes the apostrophe of CSV-injection neutralisation and Excel\u2019s ="…" text cells', () => {
    expect(cleanCell("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(cleanCell("'+86 138")).toBe('+86 138');
    expect(cleanCell("'plain")).toBe("'plain");
    expect(cleanCell('="0123"')).toBe('0123');
    expect(cleanCell('  a\r\nb  ')).toBe('a\nb');
  });
});

describe('column mappings', () => {
  it('parses the path grammar', () => {
    expect(parseFieldPath('name.given')).toEqual({ ok: true, target: { kind: 'scalar', path: 'name.given' } });
    expect(parseFieldPath('emails[work]')).toEqual({ ok: true, target: { kind: 'item', field: 'emails', key: 'work', part: 'value' } });
    expect(parseFieldPath('phones[1].label')).toEqual({ ok: true, target: { kind: 'item', field: 'phones', key: '1', part: 'label' } });
    expect(parseFieldPath('addresses[home].postalCode')).toEqual({ ok: true, target: { kind: 'address', key: 'home', part: 'postalCode' } });
    expect(parseFieldPath('organizations')).toEqual({ ok: true, target: { kind: 'organization', key: '0', part: 'name' } });
    expect(parseFieldPath('customFields[Shoe size]')).toEqual({ ok: true, target: { kind: 'item', field: 'customFields', key: 'Shoe size', part: 'value' } });
    for (const bad of ['nme.given', 'addresses.street', 'emails.label', 'name.given[x]', 'addresses[home].planet', '']) {
      expect(parseFieldPath(bad).ok, bad).toBe(false);
    }
  });

  it('validates a mapping with zod and names the bad column', () => {
    expect(checkMapping({ columns: { Handy: 'phones[mobile]', ID: null }, dateOrder: 'DMY' })).toEqual({ columns: { Handy: 'phones[mobile]', ID: null }, dateOrder: 'DMY' });
    // A bare { column: path } object is the columns.
    expect(checkMapping({ Handy: 'phones[mobile]' })).toEqual({ columns: { Handy: 'phones[mobile]' } });
    expect(() => checkMapping({ columns: { Handy: 'phone[mobile]' } })).toThrow(/columns\.Handy: "phone\[mobile\]": unknown field/);
    expect(() => checkMapping({ columns: {}, dateOrder: 'YDM' })).toThrow(ConcordError);
  });
});

describe('dates', () => {
  it('reads the formats spreadsheets write', () => {
    const d = (t: string, order: 'DMY' | 'MDY' | 'YMD' = 'MDY') => {
      const r = parseDate(t, order);
      return r.ok ? (r.date ? isoDate(r.date) : null) : 'error';
    };
    expect(d('1980-04-15')).toBe('1980-04-15');
    expect(d('19800415')).toBe('1980-04-15');
    expect(d('--04-15')).toBe('--04-15');
    expect(d('4/15/1980')).toBe('1980-04-15');
    expect(d('15/4/1980')).toBe('1980-04-15');
    expect(d('03/04/1980', 'DMY')).toBe('1980-04-03');
    expect(d('03/04/1980', 'MDY')).toBe('1980-03-04');
    expect(d('15.04.1980')).toBe('1980-04-15');
    expect(d('1985/3/7')).toBe('1985-03-07');
    expect(d('1985年3月7日')).toBe('1985-03-07');
    expect(d('4/15/80')).toBe('1980-04-15');
    expect(d('0/0/00')).toBe(null);
    expect(d('--02-29')).toBe('--02-29');
    expect(d('2023-02-29')).toBe('error');
    expect(d('next tuesday')).toBe('error');
  });
});
