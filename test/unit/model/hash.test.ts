// contentHash (exact, any JSON) and semanticHash (meaning: DESIGN.md §4.5 echo suppression).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { contentHash, semanticHash } from '../../../electron/engine/model/hash.ts';

const contact = (patch: Partial<ContactFields> = {}): ContactFields => ({ ...emptyContactFields(), ...patch });
const cn = { defaultRegion: 'CN' };

describe('contentHash', () => {
  it('is SHA-256 of canonical JSON in base64url, whatever the key order', () => {
    const expected = createHash('sha256').update('{"a":[1,"x",null],"b":{"c":true,"d":null}}').digest('base64url');
    expect(contentHash({ b: { d: null, c: true }, a: [1, 'x', null] })).toBe(expected);
    expect(contentHash({ a: 1, skip: undefined })).toBe(contentHash({ a: 1 }));
  });

  it('works for any JSON value and tells different values apart', () => {
    for (const v of [null, 0, '', 'x', [], {}, [null], { a: '' }]) expect(contentHash(v)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
    expect(contentHash(emptyContactFields())).not.toBe(contentHash(contact({ note: ' ' })));
  });
});

describe('semanticHash', () => {
  const card = contact({
    name: { ...emptyContactFields().name, given: 'Wei', family: 'Zhang' },
    emails: [
      { value: 'wei@example.org', label: 'work', primary: true },
      { value: 'zw@example.cn', label: 'home', primary: false },
    ],
    phones: [{ value: '+86 138 0013 8000', label: 'mobile', primary: false }],
    urls: [{ value: 'https://example.org/', label: null, primary: false }],
    groups: ['Friends', 'Colleagues'],
    note: 'line 1\nline 2',
  });

  it('ignores what a server rewriting the card may change without changing meaning', () => {
    const rewritten = contact({
      ...card,
      name: { ...card.name, given: ' Wei ' },
      emails: [
        { value: 'ZW@Example.CN', label: 'HOME', primary: false },
        { value: 'wei@example.org', label: 'Work', primary: true },
      ],
      phones: [{ value: '138-0013-8000', label: 'Mobile', primary: false }],
      urls: [{ value: 'http://EXAMPLE.org', label: null, primary: false }],
      groups: ['Colleagues', 'friends'],
      note: 'line 1\r\nline 2\n',
    });
    expect(semanticHash(rewritten, cn)).toBe(semanticHash(card, cn));
  });

  it('treats Unicode normalisation forms alike', () => {
    const nfd = contact({ ...card, name: { ...card.name, given: 'Zoe\u0308' } });
    const nfc = contact({ ...card, name: { ...card.name, given: 'Zoë' } });
    expect(semanticHash(nfd, cn)).toBe(semanticHash(nfc, cn));
  });

  it('ignores which item is primary: Google marks one whatever is sent, vCards often mark none', () => {
    const none = contact({ ...card, emails: card.emails.map((e) => ({ ...e, primary: false })) });
    const second = contact({ ...card, emails: card.emails.map((e, i) => ({ ...e, primary: i === 1 })) });
    expect(semanticHash(none, cn)).toBe(semanticHash(card, cn));
    expect(semanticHash(second, cn)).toBe(semanticHash(card, cn));
  });

  it('changes with meaning: a label, a value, the case of a name, a note', () => {
    const variants: ContactFields[] = [
      contact({ ...card, emails: [{ ...card.emails[0]!, label: 'home' }, card.emails[1]!] }),
      contact({ ...card, phones: [{ value: '+86 138 0013 8001', label: 'mobile', primary: false }] }),
      contact({ ...card, name: { ...card.name, given: 'wei' } }),
      contact({ ...card, note: 'line 1 line 2' }),
      contact({ ...card, emails: [...card.emails, card.emails[1]!] }),
    ];
    const hashes = new Set([card, ...variants].map((c) => semanticHash(c, cn)));
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('reads national numbers with the given region', () => {
    const national = contact({ phones: [{ value: '138 0013 8000', label: null, primary: false }] });
    const international = contact({ phones: [{ value: '+86 13800138000', label: null, primary: false }] });
    expect(semanticHash(national, cn)).toBe(semanticHash(international, cn));
    expect(semanticHash(national, { defaultRegion: 'US' })).not.toBe(semanticHash(international, { defaultRegion: 'US' }));
  });
});
