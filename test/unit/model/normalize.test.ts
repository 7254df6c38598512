// Matching keys (DESIGN.md §5): phones in E.164 by account region, e-mails case-folded but never
// de-dotted, names across scripts, orders and accents, and the smaller keys. Display text is never
// an input here that the keys rewrite: these are keys only.
import { describe, expect, it } from 'vitest';
import { emptyName } from '../../../shared/model/contact.ts';
import type { Address, StructuredName } from '../../../shared/model/contact.ts';
import { addressKey, countryKey } from '../../../electron/engine/model/normalize/address.ts';
import { emailKey, gmailCanonical } from '../../../electron/engine/model/normalize/email.ts';
import { imKey } from '../../../electron/engine/model/normalize/im.ts';
import { nameKeys, splitFullName } from '../../../electron/engine/model/normalize/name.ts';
import { phoneKey, phoneMatchKey } from '../../../electron/engine/model/normalize/phone.ts';
import { familyPinyin, splitChineseName } from '../../../electron/engine/model/normalize/pinyin.ts';
import { dateKey, groupKey, labelKey, nicknameKey } from '../../../electron/engine/model/normalize/simple.ts';
import { cleanText, compactKey, foldText } from '../../../electron/engine/model/normalize/text.ts';
import { urlKey } from '../../../electron/engine/model/normalize/url.ts';

const name = (parts: Partial<StructuredName>): StructuredName => ({ ...emptyName(), ...parts });
const shareKey = (a: string[], b: string[]) => a.some((k) => b.includes(k));

describe('phones', () => {
  it.each([
    ['138 0013 8000', 'CN', '+8613800138000'],
    ['+86 138 0013 8000', 'US', '+8613800138000'],
    ['0086 138-0013-8000', 'CN', '+8613800138000'],
    ['(020) 7946 0958', 'GB', '+442079460958'],
    ['+44 (0)20 7946 0958', null, '+442079460958'],
    ['030 12345678', 'DE', '+493012345678'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['090-1234-5678', 'JP', '+819012345678'],
    ['(202) 555-0143', 'US', '+12025550143'],
    ['tel:+1-202-555-0143', 'CN', '+12025550143'],
    ['１３８００１３８０００', 'CN', '+8613800138000'],
  ])('%s in region %s → %s', (value, region, e164) => {
    expect(phoneKey(value, region)).toEqual({ number: e164, extension: '', e164: true });
  });

  it('reads a national number by the account region: the same digits differ between regions', () => {
    expect(phoneMatchKey('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(phoneMatchKey('020 7946 0958', 'CN')).toBe('+862079460958');
  });

  it('keeps extensions apart from the number', () => {
    expect(phoneKey('+1 202 555 0143 ext. 12', null)).toEqual({ number: '+12025550143', extension: '12', e164: true });
    expect(phoneKey('(202) 555-0143 x5', 'US')).toEqual({ number: '+12025550143', extension: '5', e164: true });
    expect(phoneKey('+12025550143;ext=5', null).extension).toBe('5');
    expect(phoneMatchKey('+1 202 555 0143 x5', null)).toBe('+12025550143;ext=5');
    expect(phoneMatchKey('+1 202 555 0143 x5', null)).not.toBe(phoneMatchKey('+1 202 555 0143', null));
    expect(phoneMatchKey('+1 202 555 0143 x5', null)).not.toBe(phoneMatchKey('+1 202 555 0143 x6', null));
  });

  it('falls back to digits (keeping a leading +) when a number does not parse', () => {
    expect(phoneKey('555-0100', 'US')).toEqual({ number: '5550100', extension: '', e164: false });
    expect(phoneKey('10086', 'CN')).toEqual({ number: '10086', extension: '', e164: false });
    expect(phoneKey('+999 12', null)).toEqual({ number: '+99912', extension: '', e164: false });
    expect(phoneKey('202 555 0143', null).e164).toBe(false);
    expect(phoneKey('202 555 0143', 'XX').number).toBe('2025550143');
  });

  it('reads vanity letters on the keypad', () => {
    expect(phoneMatchKey('1-800-FLOWERS', 'US')).toBe('+18003569377');
    expect(phoneMatchKey('1-800-FLOWERS', 'US')).not.toBe(phoneMatchKey('1-800-CONTACTS', 'US'));
  });
});

describe('e-mails', () => {
  it('folds the case of the whole address and nothing else', () => {
    expect(emailKey('  Ann.Lee@Example.ORG ')).toBe('ann.lee@example.org');
    expect(emailKey('mailto:ann@example.org')).toBe('ann@example.org');
    expect(emailKey('ann.lee@example.org')).not.toBe(emailKey('annlee@example.org'));
    expect(emailKey('ann+news@example.org')).not.toBe(emailKey('ann@example.org'));
  });

  it('compares IDN domains in ASCII form and Unicode in NFC', () => {
    expect(emailKey('ann@Bücher.de')).toBe(emailKey('ann@xn--bcher-kva.de'));
    expect(emailKey('jose\u0301@example.org')).toBe(emailKey('josé@example.org'));
  });

  it('offers the Gmail-canonical form as a separate, weaker key', () => {
    expect(gmailCanonical('J.Smith+news@googlemail.com')).toBe('jsmith@gmail.com');
    expect(gmailCanonical('jsmith@gmail.com')).toBe('jsmith@gmail.com');
    expect(gmailCanonical('j.smith@example.org')).toBeNull();
  });
});

describe('text folding', () => {
  it('folds diacritics, case and special letters', () => {
    expect(foldText('Émile Zoë')).toBe('emile zoe');
    expect(foldText('Straße')).toBe(foldText('STRASSE'));
    expect(foldText('Łódź')).toBe('lodz');
    expect(foldText('Øster Ærø')).toBe('oster aero');
    expect(foldText('İstanbul')).toBe('istanbul');
    expect(foldText('Ｔｏｋｙｏ')).toBe('tokyo');
  });

  it('keeps what is a letter of its own: kana voicing marks, Indic vowel signs', () => {
    expect(foldText('がく')).not.toBe(foldText('かく'));
    expect(foldText('ガク')).toBe('がく');
    expect(foldText('राम')).not.toBe(foldText('रम'));
  });

  it('is idempotent', () => {
    for (const s of ['Émile', 'Straße', 'ｶﾞｸ', '  a\u00a0 b ', 'Ω', 'ǅ']) expect(foldText(foldText(s))).toBe(foldText(s));
  });

  it('cleans display text without folding it', () => {
    expect(cleanText('  Ann \n Lee ')).toBe('Ann Lee');
    expect(compactKey("O'Brien")).toBe(compactKey('OBrien'));
    expect(compactKey('Jean-Luc')).toBe(compactKey('jean luc'));
  });
});

describe('names', () => {
  it('张伟, Zhang Wei and Wei Zhang share a key', () => {
    const chinese = nameKeys(name({ family: '张', given: '伟' }));
    const western = nameKeys(name({ given: 'Wei', family: 'Zhang' }));
    const swapped = nameKeys(name({ given: 'Zhang', family: 'Wei' }));
    const unsplit = nameKeys(emptyName(), '张伟');
    expect(chinese.full).toContain('zhang wei');
    expect(chinese.full).toContain('wei zhang');
    for (const other of [western, swapped, unsplit]) expect(shareKey(chinese.full, other.full)).toBe(true);
    expect(unsplit.full).toEqual(chinese.full);
  });

  it('reads surnames with their surname pronunciation', () => {
    expect(familyPinyin('单')).toBe('shan');
    expect(familyPinyin('曾')).toBe('zeng');
    expect(familyPinyin('解')).toBe('xie');
    expect(nameKeys(emptyName(), '单雄信').full).toContain('shan xiongxin');
    expect(nameKeys(name({ family: '曾', given: '国藩' })).full).toContain('guofan zeng');
  });

  it('keeps compound surnames together', () => {
    expect(splitChineseName('欧阳娜娜')).toEqual({ family: '欧阳', given: '娜娜' });
    expect(splitChineseName('司马光')).toEqual({ family: '司马', given: '光' });
    expect(splitChineseName('诸葛亮')).toEqual({ family: '诸葛', given: '亮' });
    expect(splitChineseName('歐陽修')).toEqual({ family: '歐陽', given: '修' });
    expect(splitChineseName('张伟')).toEqual({ family: '张', given: '伟' });
    expect(nameKeys(emptyName(), '欧阳娜娜').full).toContain('nana ouyang');
    expect(shareKey(nameKeys(emptyName(), '欧阳娜娜').full, nameKeys(name({ given: 'Nana', family: 'Ouyang' })).full)).toBe(true);
    expect(shareKey(nameKeys(emptyName(), '司马光').full, nameKeys(name({ given: 'Guang', family: 'Sima' })).full)).toBe(true);
  });

  it('joins multi-syllable given names the way they are romanised', () => {
    const keys = nameKeys(name({ family: '张', given: '小明' })).full;
    expect(keys).toContain('xiaoming zhang');
    expect(shareKey(keys, nameKeys(name({ given: 'Xiao Ming', family: 'Zhang' })).full)).toBe(true);
  });

  it('folds diacritics, case and punctuation and swaps order', () => {
    const a = nameKeys(name({ given: 'José', family: 'Müller-Lüdenscheidt' }));
    const b = nameKeys(name({ given: 'JOSE', family: 'Muller Ludenscheidt' }));
    const c = nameKeys(emptyName(), 'Müller-Lüdenscheidt, José');
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(a.full).toEqual(['jose mullerludenscheidt', 'mullerludenscheidt jose']);
  });

  it('gives an initials key: "J Smith" meets "John Smith"', () => {
    const john = nameKeys(name({ given: 'John', family: 'Smith' }));
    const j = nameKeys(emptyName(), 'J. Smith');
    expect(john.initials).toContain('j smith');
    expect(j.full).toContain('j smith');
    expect(shareKey(john.initials, j.initials)).toBe(true);
    expect(shareKey(john.full, j.full)).toBe(false);
  });

  it('splits a whole name found in one field, dropping honorifics', () => {
    expect(splitFullName('Dr. John Fitzgerald Smith Jr.')).toEqual({ given: 'John', family: 'Smith' });
    expect(splitFullName('Smith, John')).toEqual({ given: 'John', family: 'Smith' });
    expect(splitFullName('山田 太郎')).toEqual({ given: '太郎', family: '山田' });
    expect(nameKeys(name({ given: 'John Smith' }))).toEqual(nameKeys(name({ given: 'John', family: 'Smith' })));
  });

  it('leaves Japanese names as written, and adds a key from the phonetic reading', () => {
    const kanji = nameKeys(name({ family: '山田', given: '太郎', phoneticFamily: 'やまだ', phoneticGiven: 'たろう' }));
    expect(kanji.full).toContain('山田 太郎');
    expect(kanji.full).toContain('山田太郎');
    expect(kanji.full).toContain('やまだ たろう');
    expect(kanji.full.some((k) => /shan|tian/.test(k))).toBe(false);
    // Katakana and hiragana readings meet; so do a romaji reading and a romaji name.
    expect(shareKey(kanji.full, nameKeys(name({ family: 'ヤマダ', given: 'タロウ' })).full)).toBe(true);
    const romaji = nameKeys(name({ family: '山田', given: '太郎', phoneticFamily: 'Yamada', phoneticGiven: 'Tarō' }));
    expect(shareKey(romaji.full, nameKeys(name({ given: 'Taro', family: 'Yamada' })).full)).toBe(true);
    expect(nameKeys(emptyName(), 'やまだ たろう').full).toContain('やまだ たろう');
  });

  it('keys an unsplit CJK name and a split one alike', () => {
    expect(shareKey(nameKeys(emptyName(), '山田太郎').full, nameKeys(name({ family: '山田', given: '太郎' })).full)).toBe(true);
  });

  it('adds the formatted name when it says something else', () => {
    const keys = nameKeys(name({ given: 'Robert', family: 'Smith' }), 'Bob Smith').full;
    expect(keys).toContain('robert smith');
    expect(keys).toContain('bob smith');
    expect(nameKeys(name({ given: 'Bob', family: 'Smith' }), 'Bob Smith')).toEqual(nameKeys(name({ given: 'Bob', family: 'Smith' })));
  });

  it('gives no keys for no name, one key for a single name', () => {
    expect(nameKeys(emptyName(), '')).toEqual({ full: [], initials: [] });
    expect(nameKeys(emptyName(), 'Madonna')).toEqual({ full: ['madonna'], initials: [] });
  });
});

describe('other keys', () => {
  it('URLs: host case, default scheme and trailing slash do not count; path case does', () => {
    expect(urlKey('HTTPS://Example.COM/')).toBe('example.com');
    expect(urlKey('http://example.com')).toBe('example.com');
    expect(urlKey('example.com')).toBe('example.com');
    expect(urlKey('https://example.com/Blog/')).toBe('example.com/Blog');
    expect(urlKey('https://example.com/blog')).not.toBe(urlKey('https://example.com/Blog'));
    expect(urlKey('ftp://Files.example.com/')).toBe('ftp://files.example.com');
    expect(urlKey('https://example.com:443/a?q=1#x')).toBe('example.com/a?q=1#x');
  });

  it('addresses: folded join of the components; the country by ISO code', () => {
    const base: Address = {
      label: 'home', primary: false, poBox: '', extended: 'Apt 4', street: '1 Main St.', locality: 'Springfield',
      region: 'IL', postalCode: '62701', country: 'USA', countryCode: '',
    };
    const other: Address = { ...base, label: 'work', extended: '', street: '1 MAIN ST\nApt. 4', country: 'United States', countryCode: 'US' };
    expect(addressKey(base)).toBe('1 main st apt 4 springfield il 62701 us');
    expect(addressKey(other)).toBe(addressKey(base));
    expect(addressKey({ ...base, street: '2 Main St' })).not.toBe(addressKey(base));
    expect(countryKey('Deutschland', '')).toBe('de');
    expect(countryKey('中国', '')).toBe('cn');
    expect(countryKey('Atlantis', '')).toBe('atlantis');
    expect(addressKey({ ...base, postalCode: 'SW1A 1AA' })).toBe(addressKey({ ...base, postalCode: 'sw1a1aa' }));
  });

  it('IM handles: service aliases and scheme prefixes', () => {
    expect(imKey({ value: 'Ann@Jabber.org', service: 'XMPP' })).toBe('jabber:ann@jabber.org');
    expect(imKey({ value: 'xmpp:ann@jabber.org', service: '' })).toBe('jabber:ann@jabber.org');
    expect(imKey({ value: 'live:ann', service: 'Skype' })).toBe('skype:live:ann');
    expect(imKey({ value: '12345', service: 'qq' })).not.toBe(imKey({ value: '12345', service: 'wechat' }));
  });

  it('groups fold case only; nicknames, labels and dates', () => {
    expect(groupKey(' Friends ')).toBe(groupKey('FRIENDS'));
    expect(groupKey('Café')).not.toBe(groupKey('Cafe'));
    expect(nicknameKey('Zoë')).toBe(nicknameKey('zoe'));
    expect(labelKey('MOBILE')).toBe('mobile');
    expect(labelKey('')).toBeNull();
    expect(labelKey(null)).toBeNull();
    expect(dateKey({ year: null, month: 4, day: 5 })).toBe('????-04-05');
    expect(dateKey({ year: 1990, month: 4, day: 15 })).toBe('1990-04-15');
  });
});
