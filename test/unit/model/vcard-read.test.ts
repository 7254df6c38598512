// Card → canonical contact: the mapping rules that the fixtures do not pin down one by one
// (label precedence, PREF ranks, group-name case, photo spellings, warnings, robustness).
import { describe, expect, it } from 'vitest';
import { parseVCard, photoHash, readVCard, toCanonical } from '../../../electron/engine/model/vcard/index.ts';
import type { CanonicalContact } from '../../../electron/engine/model/vcard/index.ts';

function contact(lines: string[], version = '3.0'): CanonicalContact {
  const read = readVCard(['BEGIN:VCARD', `VERSION:${version}`, ...lines, 'END:VCARD', ''].join('\r\n'));
  if (!read.ok || read.result.kind !== 'contact') throw new Error(JSON.stringify(read));
  return read.result;
}

describe('labels', () => {
  it('X-ABLabel wins over TYPE, and group names match whatever their case', () => {
    const c = contact(['ITEM1.TEL;TYPE=CELL:1', 'item1.x-ablabel:Boat', 'item2.EMAIL;type=HOME:a@b', 'Item2.X-ABLabel:_$!<Work>!$_']);
    expect(c.fields.phones[0]?.label).toBe('Boat');
    expect(c.fields.emails[0]?.label).toBe('work');
  });

  it('Apple built-in labels become the canonical words; unknown built-ins are lower-cased', () => {
    const labels = ['_$!<HomeFAX>!$_', '_$!<OtherFAX>!$_', '_$!<Pager>!$_', '_$!<Main>!$_', '_$!<Sister>!$_', '_$!<Son>!$_'];
    const c = contact(labels.flatMap((l, i) => [`item${i}.TEL:${i}`, `item${i}.X-ABLabel:${l}`]));
    expect(c.fields.phones.map((p) => p.label)).toEqual(['home fax', 'other fax', 'pager', 'main', 'sister', 'son']);
  });

  it('reads TYPE combinations and ignores capability tokens', () => {
    const types = ['VOICE', 'HOME;type=FAX', 'FAX', 'WORK,CELL', 'X-Boat', 'INTERNET', 'TEXT,CELL'];
    const c = contact(types.map((t, i) => `TEL;type=${t}:${i}`));
    expect(c.fields.phones.map((p) => p.label)).toEqual([null, 'home fax', 'other fax', 'work mobile', 'Boat', null, 'mobile']);
  });
});

describe('primary', () => {
  it('3.0: every TYPE=pref item is primary', () => {
    const c = contact(['EMAIL;type=pref:a@x', 'EMAIL:b@x', 'EMAIL;TYPE=INTERNET,PREF:c@x']);
    expect(c.fields.emails.map((e) => e.primary)).toEqual([true, false, true]);
  });

  it('4.0: only the lowest PREF rank is primary', () => {
    const c = contact(['EMAIL;PREF=2:a@x', 'EMAIL;PREF=1:b@x', 'EMAIL:c@x', 'TEL;PREF=5:1', 'TEL;PREF=5:2'], '4.0');
    expect(c.fields.emails.map((e) => e.primary)).toEqual([false, true, false]);
    expect(c.fields.phones.map((e) => e.primary)).toEqual([true, true]);
  });
});

describe('photos', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const b64 = png.toString('base64');

  it('hashes the bytes whatever carried them, and sniffs a missing media type', () => {
    const hash = photoHash(png);
    for (const line of [`PHOTO;ENCODING=b:${b64}`, `PHOTO;ENCODING=BASE64;TYPE=PNG:${b64}`, `PHOTO;VALUE=uri:data:image/png;base64,${b64}`, `PHOTO:${b64}`]) {
      const c = contact([line]);
      expect(c.fields.photo).toEqual({ hash, mediaType: 'image/png', uri: null });
      expect(Buffer.from(c.photo?.bytes ?? []).equals(png)).toBe(true);
    }
    expect(contact([`PHOTO:${b64}`]).warnings).toEqual(['PHOTO without ENCODING read as base64']);
  });

  it('keeps a photo known only by URI as a URI, and warns about a second photo', () => {
    const c = contact(['PHOTO;MEDIATYPE=image/jpeg:https://example.com/a.jpg', 'PHOTO:https://example.com/b.jpg'], '4.0');
    expect(c.fields.photo).toEqual({ hash: null, mediaType: 'image/jpeg', uri: 'https://example.com/a.jpg' });
    expect(c.photo).toBeNull();
    expect(c.warnings).toEqual(['second PHOTO (line 4) ignored']);
  });
});

describe('robustness', () => {
  it('warns instead of failing on values it cannot read', () => {
    const c = contact(['KIND:location', 'BDAY:yesterday', 'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=x-unknown:caf=E9', 'X-ABDATE:someday']);
    expect(c.fields.kind).toBe('individual');
    expect(c.fields.note).toBe('café');
    expect(c.warnings).toEqual([
      'KIND "location" read as an individual',
      'BDAY "yesterday" (line 4) is not a date',
      'unknown CHARSET "x-unknown"; read as windows-1252',
      'X-ABDATE "someday" (line 6) is not a date',
    ]);
  });

  it('ignores empty values rather than inventing empty items', () => {
    const c = contact(['EMAIL:', 'TEL: ', 'ADR:;;;;;;', 'ORG:;', 'NICKNAME:,', 'CATEGORIES:']);
    expect(c.fields).toMatchObject({ emails: [], phones: [], addresses: [], organizations: [], nicknames: [], groups: [] });
  });

  it('pairs ungrouped TITLEs with ORGs by order and grouped ones by group', () => {
    const c = contact(['ORG:A', 'ORG:B', 'TITLE:ta', 'item9.TITLE:tc', 'item9.ORG:C', 'TITLE:tb']);
    expect(c.fields.organizations.map((o) => [o.name, o.title])).toEqual([
      ['A', 'ta'],
      ['B', 'tb'],
      ['C', 'tc'],
    ]);
  });

  it('toCanonical never throws, whatever the property values', () => {
    const parsed = parseVCard('BEGIN:VCARD\nVERSION:4.0\nN:;;;;;;;;;\nADR:\\\nPHOTO;ENCODING=b:%%%\nIMPP:%E0%A4%A\nBDAY:--13-45\nEND:VCARD\n');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(() => toCanonical(parsed.card)).not.toThrow();
  });
});
