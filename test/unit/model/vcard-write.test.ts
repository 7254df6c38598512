// Writing vCards: fresh cards in the iCloud 3.0 dialect and in RFC 6350 4.0, patches that keep
// every untouched line byte for byte, and group cards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { parseVCard, patch, patchGroup, photoHash, serialize, serializeGroup, toCanonical } from '../../../electron/engine/model/vcard/index.ts';
import type { CanonicalContact } from '../../../electron/engine/model/vcard/index.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/vcards');

function read(text: string): CanonicalContact {
  const parsed = parseVCard(text);
  if (!parsed.ok) throw new Error(`${parsed.error.kind}: ${parsed.error.message}`);
  const c = toCanonical(parsed.card);
  if (c.kind !== 'contact') throw new Error('group');
  return c;
}

function sample(): ContactFields {
  const f = emptyContactFields();
  f.name = { ...f.name, given: 'Zoë', family: 'Ng', phoneticGiven: 'ゾーイ' };
  f.formattedName = 'Zoë Ng';
  f.nicknames = ['Z', 'a,b'];
  f.emails = [
    { value: 'zoe@example.com', label: 'home', primary: true },
    { value: 'z@work.example', label: 'Grandma', primary: false },
  ];
  f.phones = [{ value: '+1 555 0100', label: 'mobile', primary: false }];
  f.addresses = [{ label: 'work', primary: false, poBox: '', extended: 'Suite 5', street: '1 Main St; rear', locality: 'Springfield', region: '', postalCode: '12345', country: 'USA', countryCode: 'us' }];
  f.organizations = [{ name: 'Acme', department: 'R&D', title: 'Lead', phoneticName: '' }];
  f.birthday = { year: null, month: 4, day: 15 };
  f.dates = [{ label: 'anniversary', date: { year: 2010, month: 6, day: 1 } }];
  f.relations = [{ value: 'Sam', label: 'spouse', primary: false }];
  f.ims = [{ value: 'zoe.ng', service: 'skype', label: null }];
  f.urls = [{ value: 'https://zoe.example', label: 'homepage', primary: false }];
  f.note = 'Line one\nLine two, with \\ and ;';
  f.groups = ['Friends'];
  f.customFields = [{ key: 'Employee ID', value: '42' }];
  return f;
}

describe('serialize', () => {
  it('writes the iCloud 3.0 dialect', () => {
    expect(serialize(sample(), { version: '3.0', uid: 'uid-1' })).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'PRODID:-//Concord//Concord//EN',
        'N:Ng;Zoë;;;',
        'FN:Zoë Ng',
        'X-PHONETIC-FIRST-NAME:ゾーイ',
        'NICKNAME:Z,a\\,b',
        'ORG:Acme;R&D',
        'TITLE:Lead',
        'EMAIL;type=INTERNET;type=HOME;type=pref:zoe@example.com',
        'item1.EMAIL;type=INTERNET:z@work.example',
        'item1.X-ABLabel:Grandma',
        'TEL;type=CELL;type=VOICE:+1 555 0100',
        'item2.ADR;type=WORK:;Suite 5;1 Main St\\; rear;Springfield;;12345;USA',
        'item2.X-ABADR:us',
        'item3.URL:https://zoe.example',
        'item3.X-ABLabel:_$!<HomePage>!$_',
        'IMPP;X-SERVICE-TYPE=Skype:skype:zoe.ng',
        'BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15',
        'item4.X-ABDATE:2010-06-01',
        'item4.X-ABLabel:_$!<Anniversary>!$_',
        'item5.X-ABRELATEDNAMES:Sam',
        'item5.X-ABLabel:_$!<Spouse>!$_',
        'item6.X-CUSTOM:42',
        'item6.X-ABLabel:Employee ID',
        'NOTE:Line one\\nLine two\\, with \\\\ and \\;',
        'CATEGORIES:Friends',
        'UID:uid-1',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('writes RFC 6350 4.0', () => {
    expect(serialize(sample(), { version: '4.0', uid: 'uid-1' })).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'PRODID:-//Concord//Concord//EN',
        'N:Ng;Zoë;;;',
        'FN:Zoë Ng',
        'X-PHONETIC-FIRST-NAME:ゾーイ',
        'NICKNAME:Z,a\\,b',
        'ORG:Acme;R&D',
        'TITLE:Lead',
        'EMAIL;TYPE=home;PREF=1:zoe@example.com',
        'item1.EMAIL:z@work.example',
        'item1.X-ABLabel:Grandma',
        'TEL;TYPE=cell,voice:+1 555 0100',
        'ADR;CC=us;TYPE=work:;Suite 5;1 Main St\\; rear;Springfield;;12345;USA',
        'item2.URL:https://zoe.example',
        'item2.X-ABLabel:_$!<HomePage>!$_',
        'IMPP;X-SERVICE-TYPE=Skype:skype:zoe.ng',
        'BDAY:--0415',
        'ANNIVERSARY:20100601',
        'RELATED;VALUE=text;TYPE=spouse:Sam',
        'item3.X-CUSTOM:42',
        'item3.X-ABLabel:Employee ID',
        'NOTE:Line one\\nLine two\\, with \\\\ and ;',
        'CATEGORIES:Friends',
        'UID:uid-1',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('reads back what it wrote, in both versions', () => {
    for (const version of ['3.0', '4.0'] as const) {
      const back = read(serialize(sample(), { version, uid: 'u' }));
      expect(back.fields).toEqual(sample());
      expect(back.uid).toBe('u');
      expect(back.warnings).toEqual([]);
    }
  });

  it('writes company cards, empty names and photos the way iCloud does', () => {
    const f = emptyContactFields();
    f.kind = 'organization';
    f.organizations = [{ name: 'Bäckerei', department: '', title: '', phoneticName: '' }];
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 90 }, (_, i) => i)]);
    f.photo = { hash: photoHash(bytes), mediaType: 'image/jpeg', uri: null };
    const text = serialize(f, { version: '3.0', uid: 'c', photo: { bytes, mediaType: 'image/jpeg' } });
    expect(text).toContain('\r\nX-ABShowAs:COMPANY\r\nN:;;;;\r\nFN:\r\n');
    expect(text).toContain('\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f\r\n ICEiIyQlJicoKSo');
    const back = read(text);
    expect(back.fields).toEqual(f);
    expect(back.photo?.bytes).toEqual(bytes);
    const v4 = serialize(f, { version: '4.0', uid: 'c', photo: { bytes, mediaType: 'image/jpeg' } });
    expect(v4).toContain('\r\nKIND:org\r\n');
    expect(v4).toContain('\r\nPHOTO:data:image/jpeg;base64,/9j/4AAB');
    expect(read(v4).fields).toEqual(f);
  });

  it('folds at 75 octets on character boundaries', () => {
    const f = emptyContactFields();
    f.note = '汉字🌍é'.repeat(200);
    const text = serialize(f, { version: '3.0', uid: 'x' });
    for (const line of text.split('\r\n')) {
      const bytes = Buffer.from(line, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(line);
    }
    expect(read(text).fields.note).toBe(f.note);
  });
});

describe('patch', () => {
  const apple = readFileSync(join(fixtures, 'icloud-basic.vcf'), 'utf8');
  const lines = (text: string) => text.split('\r\n');

  function edit(text: string, change: (f: ContactFields) => void, options = {}) {
    const before = read(text).fields;
    const after = structuredClone(before);
    change(after);
    const result = patch(text, before, after, options);
    if (!result.ok) throw new Error(result.error.message);
    expect(read(result.text).fields).toEqual(expect.objectContaining({ ...after, emails: expect.anything(), phones: expect.anything() }));
    return { ...result, before, after };
  }

  it('returns the text unchanged when nothing changed', () => {
    const f = read(apple).fields;
    expect(patch(apple, f, structuredClone(f))).toEqual({ ok: true, text: apple, changed: [], warnings: [] });
  });

  it('changes only the changed line and keeps vendor lines byte for byte', () => {
    const { text, changed } = edit(apple, (f) => {
      (f.phones[2] as { value: string }).value = '+1 (408) 996-1111';
    });
    expect(changed).toEqual(['phones']);
    expect(lines(text)).toEqual(lines(apple).map((l) => (l === 'TEL;type=MAIN:+1 (408) 996-1010' ? 'TEL;type=MAIN:+1 (408) 996-1111' : l)));
  });

  it('moves an itemN group with its property when the property goes', () => {
    const { text } = edit(apple, (f) => {
      f.emails.shift();
    });
    expect(text).not.toContain('item1.');
    expect(lines(text)).toEqual(lines(apple).filter((l) => !l.startsWith('item1.')));
  });

  it('adds new items after their section with fresh item numbers', () => {
    const { text } = edit(apple, (f) => {
      f.emails.push({ value: 'new@example.com', label: 'Verein', primary: false });
    });
    const at = lines(text).indexOf('item4.EMAIL;type=INTERNET:new@example.com');
    expect(at).toBeGreaterThan(0);
    expect(lines(text)[at - 1]).toBe('EMAIL;type=INTERNET;type=WORK:jappleseed@apple.com');
    expect(lines(text)[at + 1]).toBe('item4.X-ABLabel:Verein');
    expect(lines(text).filter((l) => !l.startsWith('item4.'))).toEqual(lines(apple));
  });

  it('rewrites a changed grouped item in place, keeping its group', () => {
    const { text } = edit(apple, (f) => {
      f.urls[0] = { value: 'https://apple.example', label: 'blog', primary: true };
    });
    expect(lines(text)).toEqual(
      lines(apple).map((l) => (l.startsWith('item3.URL') ? 'item3.URL;type=pref:https://apple.example' : l.startsWith('item3.X-ABLabel') ? 'item3.X-ABLabel:blog' : l)),
    );
  });

  it('touches only the property that carries the changed part', () => {
    const { text } = edit(apple, (f) => {
      f.name.phoneticGiven = 'ジョン';
      (f.organizations[0] as { title: string }).title = 'Chief Evangelist';
    });
    const out = lines(text);
    expect(out).toContain('N:Appleseed;John;Quincy;Mr.;Jr.');
    expect(out).toContain('ORG:Apple Inc.;Worldwide Developer Relations');
    expect(out).toContain('TITLE:Chief Evangelist');
    expect(out).toContain('X-PHONETIC-FIRST-NAME:ジョン');
    expect(out.filter((l) => l !== 'X-PHONETIC-FIRST-NAME:ジョン')).toEqual(lines(apple).map((l) => (l === 'TITLE:Evangelist' ? 'TITLE:Chief Evangelist' : l)));
  });

  it('writes new lines in the card own line ends and version', () => {
    const text = readFileSync(join(fixtures, 'radicale-rewritten.vcf'), 'utf8');
    const { text: out } = edit(text, (f) => {
      f.note = 'hello';
      f.birthday = { year: null, month: 2, day: 29 };
    });
    expect(out).not.toContain('\r');
    expect(out).toContain('\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\n');
    expect(out).toContain('\nNOTE:hello\nEND:VCARD\n');
    const v4 = readFileSync(join(fixtures, 'thunderbird-4.0.vcf'), 'utf8');
    const { text: out4 } = edit(v4, (f) => {
      f.birthday = { year: 1990, month: 4, day: 15 };
    });
    expect(out4).toContain('\r\nBDAY:19900415\r\n');
  });

  it('needs the bytes of a changed photo, and drops the stale X-IMAGEHASH', () => {
    const text = readFileSync(join(fixtures, 'icloud-photo.vcf'), 'utf8');
    const before = read(text).fields;
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const after = { ...structuredClone(before), photo: { hash: photoHash(bytes), mediaType: 'image/png', uri: null } };
    expect(patch(text, before, after)).toMatchObject({ ok: false, error: { kind: 'photo-bytes-missing' } });
    const result = patch(text, before, after, { photo: { bytes, mediaType: 'image/png' } });
    expect(result.ok && result.text).toContain('PHOTO;ENCODING=b;TYPE=PNG:iVBORwECAw==\r\nX-IMAGETYPE:PHOTO\r\nUID:');
    expect(result.ok && read(result.text).photo?.bytes).toEqual(bytes);
    // An unrelated edit keeps the photo lines (and the crop parameter) untouched.
    const other = patch(text, before, { ...structuredClone(before), note: 'x' });
    expect(other.ok && other.text.replace('NOTE:x\r\n', '')).toBe(text);
  });

  it('regenerates a section that would not read back right (4.0 PREF ranks)', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEMAIL;PREF=1:a@x\r\nEMAIL;PREF=2:b@x\r\nEMAIL:c@x\r\nEND:VCARD\r\n';
    const before = read(text).fields;
    expect(before.emails.map((e) => e.primary)).toEqual([true, false, false]);
    const after = structuredClone(before);
    after.emails.shift();
    const result = patch(text, before, after);
    expect(result.ok && read(result.text).fields.emails).toEqual(after.emails);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('rewrites a vCard 2.1 card as 3.0, keeping its unknown properties', () => {
    const text = readFileSync(join(fixtures, 'outlook-2.1-photo.vcf'), 'utf8');
    const before = read(text).fields;
    const after = { ...structuredClone(before), note: 'upgraded' };
    const result = patch(text, before, after, { uid: 'new-uid' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toMatch(/^BEGIN:VCARD\r\nVERSION:3.0\r\n/);
    expect(result.warnings[0]).toContain('2.1');
    const back = read(result.text);
    expect(back.fields).toEqual(after);
    expect(back.uid).toBe('new-uid');
    expect(back.photo?.hash).toBe(before.photo?.hash);
  });

  it('reports unreadable originals instead of throwing', () => {
    const f = emptyContactFields();
    expect(patch('BEGIN:VCARD\nFN:x\n', f, f)).toMatchObject({ ok: false, error: { kind: 'missing-end' } });
    const group = readFileSync(join(fixtures, 'icloud-group.vcf'), 'utf8');
    expect(patch(group, f, f)).toMatchObject({ ok: false, error: { kind: 'not-a-contact' } });
  });
});

describe('group cards', () => {
  it('serializes Apple and RFC 6350 groups', () => {
    const g = { name: 'Book, Club', members: ['a-1', 'b-2'] };
    const v3 = serializeGroup(g, { version: '3.0', uid: 'g' });
    expect(v3).toBe(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Concord//Concord//EN\r\nN:Book\\, Club\r\nFN:Book\\, Club\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n' +
        'X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:a-1\r\nX-ADDRESSBOOKSERVER-MEMBER:urn:uuid:b-2\r\nUID:g\r\nEND:VCARD\r\n',
    );
    for (const text of [v3, serializeGroup(g, { version: '4.0', uid: 'g' })]) {
      const parsed = parseVCard(text);
      expect(parsed.ok && toCanonical(parsed.card)).toMatchObject({ kind: 'group', name: 'Book, Club', members: ['a-1', 'b-2'], uid: 'g' });
    }
  });

  it('patches membership without touching other lines', () => {
    const text = readFileSync(join(fixtures, 'icloud-group.vcf'), 'utf8');
    const result = patchGroup(text, { name: 'b team', members: ['8372cb90-f2a5-499e-9aac-9d28a258dfbc', 'new-member'] });
    expect(result.ok && result.text).toBe(
      text
        .replace('X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:18d0ad57-707e-45ec-8ead-39b13d21c082\r\n', '')
        .replace('8dfbc\r\n', '8dfbc\r\nX-ADDRESSBOOKSERVER-MEMBER:urn:uuid:new-member\r\n'),
    );
  });
});
