// Property tests for the vCard codec (fast-check): for generated contacts covering every field,
//  1. reading a serialised card gives the contact back exactly, in 3.0 and in 4.0;
//  2. patching one section leaves every line outside that section byte-identical and in order,
//     and the patched card reads as the edited contact;
//  3. serialised lines are at most 75 octets and no fold splits a UTF-8 character;
//  4. parsing never throws, on any text or bytes.
// What the generators leave out is what a vCard cannot carry (each is a documented limit, not a bug):
//  - a date with a year and a day but no month (neither RFC has a form for it);
//  - CR in text (vCard line ends come back as "\n"); NUL and other control characters;
//  - blank list items (an e-mail of spaces, an empty nickname or group name: readers drop them),
//    an organisation or address with no text at all, an empty label ('' reads as null);
//  - a custom label spelled like Apple's built-ins (`_$!<Other>!$_` reads as 'other');
//  - a custom IM service with `"`, a line break or outer spaces (it is a parameter value), or a
//    known service in another case ('Skype' reads as 'skype');
//  - a phone number starting with `tel:` (read as a tel: URI), a photo URI starting with `data:`,
//    an embedded photo without a media type (it is sniffed from the bytes on reading).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address, ContactFields, CustomField, ImHandle, LabeledDate, LabeledValue, Organization, PartialDate, PhotoRef } from '../../../shared/model/contact.ts';
import { parseVCard, parseVCards, patch, photoHash, readCard, serialize } from '../../../electron/engine/model/vcard/index.ts';
import type { PhotoBytes, Section, VCard } from '../../../electron/engine/model/vcard/index.ts';
import { sectionOrder } from '../../../electron/engine/model/vcard/serialize.ts';
import { sameMeaning } from '../../../electron/engine/model/vcard/sections.ts';

// ---- generators -------------------------------------------------------------------------------

const specials = fc.constantFrom(',', ';', '\\', ':', '"', "'", ' ', '^', '=', '.', '张', '😀', 'é', '\\n', '_$!', '\t', 'ü', '👩‍💻', 'ـ');
const words = fc.string({ unit: 'grapheme', maxLength: 10 });
const shortText = fc.array(fc.oneof(words, specials), { maxLength: 6 }).map((p) => p.join(''));
const longText = fc.string({ unit: 'grapheme', minLength: 80, maxLength: 300 });
const text = fc.oneof({ weight: 6, arbitrary: shortText }, { weight: 1, arbitrary: longText });
const withNewlines = fc.array(fc.oneof(text, fc.constant('\n')), { maxLength: 6 }).map((p) => p.join(''));
const nonBlank = (a: fc.Arbitrary<string>) => a.filter((s) => s.trim() !== '');

const wellKnown = fc.constantFrom('home', 'work', 'other', 'mobile', 'main', 'iphone', 'home fax', 'work fax', 'other fax', 'pager', 'work mobile', 'work pager', 'google voice', 'school', 'blog', 'profile', 'homepage', 'anniversary');
const relationWords = fc.constantFrom('spouse', 'child', 'mother', 'father', 'parent', 'brother', 'sister', 'friend', 'assistant', 'manager', 'partner', 'co-worker', 'sibling', 'emergency');
const customLabel = nonBlank(withNewlines).filter((s) => !/^_\$!<.*>!\$_$/s.test(s));
const label = fc.oneof(fc.constant(null), wellKnown, relationWords, customLabel);

const labeledValue: fc.Arbitrary<LabeledValue> = fc.record({ value: nonBlank(withNewlines), label, primary: fc.boolean() });
const phone: fc.Arbitrary<LabeledValue> = labeledValue.filter((p) => !/^tel:/i.test(p.value));

const address: fc.Arbitrary<Address> = fc
  .record({
    label,
    primary: fc.boolean(),
    poBox: text,
    extended: text,
    street: withNewlines,
    locality: text,
    region: text,
    postalCode: text,
    country: text,
    countryCode: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z]{2}$/)),
  })
  .filter((a) => [a.poBox, a.extended, a.street, a.locality, a.region, a.postalCode, a.country, a.countryCode].some((s) => s.trim() !== ''));

const organization: fc.Arbitrary<Organization> = fc
  .record({ name: text, department: text, title: text, phoneticName: text })
  .filter((o) => o.name !== '' || o.department !== '' || o.title !== '' || o.phoneticName !== '');

const partialDate: fc.Arbitrary<PartialDate> = fc
  .record({ year: fc.option(fc.integer({ min: 1, max: 9999 })), month: fc.option(fc.integer({ min: 1, max: 12 })), day: fc.option(fc.integer({ min: 1, max: 31 })) })
  .filter((d) => (d.year !== null || d.month !== null || d.day !== null) && !(d.year !== null && d.month === null && d.day !== null));

const labeledDate: fc.Arbitrary<LabeledDate> = fc.record({ label, date: partialDate });

const knownServices = fc.constantFrom('', 'aim', 'icq', 'jabber', 'googletalk', 'facebook', 'msn', 'yahoo', 'skype', 'qq', 'gadugadu', 'netmeeting');
const known = ['aim', 'icq', 'jabber', 'googletalk', 'facebook', 'msn', 'yahoo', 'skype', 'qq', 'gadugadu', 'netmeeting'];
const customService = nonBlank(shortText).filter((s) => s === s.trim() && !/["\n\t]/.test(s) && !known.includes(s.toLowerCase()));
const imHandle: fc.Arbitrary<ImHandle> = fc.record({ value: nonBlank(withNewlines), service: fc.oneof(knownServices, customService), label });

const customField: fc.Arbitrary<CustomField> = fc.record({ key: withNewlines, value: withNewlines });

interface Generated {
  fields: ContactFields;
  photo: PhotoBytes | null;
}

const photo: fc.Arbitrary<{ ref: PhotoRef; bytes: PhotoBytes | null } | null> = fc.oneof(
  fc.constant(null),
  fc.record({ bytes: fc.uint8Array({ minLength: 1, maxLength: 400 }), mediaType: fc.constantFrom('image/jpeg', 'image/png', 'image/gif') }).map((p) => ({
    ref: { hash: photoHash(p.bytes), mediaType: p.mediaType, uri: null },
    bytes: p,
  })),
  fc.record({ path: fc.stringMatching(/^[a-z0-9/,;%=-]{1,120}$/), mediaType: fc.constantFrom(null, 'image/jpeg', 'image/png') }).map((p) => ({
    ref: { hash: null, mediaType: p.mediaType, uri: `https://p42-contacts.icloud.example/${p.path}` },
    bytes: null,
  })),
);

const list = <T>(a: fc.Arbitrary<T>, max = 3) => fc.array(a, { maxLength: max });

const contact: fc.Arbitrary<Generated> = fc
  .record({
    kind: fc.constantFrom('individual' as const, 'organization' as const),
    name: fc.record({ prefix: text, given: text, middle: text, family: text, suffix: text, phoneticGiven: text, phoneticMiddle: text, phoneticFamily: text }),
    formattedName: withNewlines,
    nicknames: list(nonBlank(text)),
    emails: list(labeledValue),
    phones: list(phone),
    addresses: list(address, 2),
    organizations: list(organization, 2),
    birthday: fc.option(partialDate),
    dates: list(labeledDate),
    urls: list(labeledValue),
    ims: list(imHandle),
    relations: list(labeledValue),
    note: withNewlines,
    groups: list(nonBlank(text)),
    photo,
    customFields: list(customField),
  })
  .map(({ photo: p, ...rest }) => ({ fields: { ...rest, photo: p?.ref ?? null }, photo: p?.bytes ?? null }));

// ---- helpers ----------------------------------------------------------------------------------

function parse(textValue: string | Uint8Array): VCard {
  const parsed = parseVCard(textValue);
  if (!parsed.ok) throw new Error(`${parsed.error.kind} at line ${parsed.error.line}: ${parsed.error.message}\n${String(textValue)}`);
  return parsed.card;
}

function fieldsOf(card: VCard): ContactFields {
  const read = readCard(card).card;
  if (read.kind !== 'contact') throw new Error('read a group');
  return read.fields;
}

/** Raw lines of the properties outside a section (its items' itemN groups count as inside). */
function linesOutside(card: VCard, section: Section): string[] {
  const { origins } = readCard(card);
  if (!origins) throw new Error('group');
  const inside = new Set<number>();
  const groups = new Set<string>();
  if (section in origins.scalars) for (const i of origins.scalars[section as keyof typeof origins.scalars]) inside.add(i);
  else {
    const s = section as keyof typeof origins.items;
    for (const i of origins.claimed[s]) inside.add(i);
    for (const o of origins.items[s]) {
      for (const i of o.props) inside.add(i);
      if (o.group) groups.add(o.group.toLowerCase());
    }
  }
  return card.properties.filter((p, i) => !inside.has(i) && !(p.group && groups.has(p.group.toLowerCase()))).map((p) => p.raw);
}

function withSection(base: ContactFields, from: ContactFields, section: Section): ContactFields {
  const out = structuredClone(base);
  if (section === 'name') out.name = { ...out.name, prefix: from.name.prefix, given: from.name.given, middle: from.name.middle, family: from.name.family, suffix: from.name.suffix };
  else if (section === 'phoneticGiven' || section === 'phoneticMiddle' || section === 'phoneticFamily') out.name[section] = from.name[section];
  else (out as unknown as Record<string, unknown>)[section] = structuredClone(from[section]);
  return out;
}

const versions = ['3.0', '4.0'] as const;

// ---- properties -------------------------------------------------------------------------------

describe('vCard round trip (fast-check)', () => {
  for (const version of versions) {
    it(`parse(serialize(x)) equals x in ${version}`, () => {
      fc.assert(
        fc.property(contact, ({ fields, photo: bytes }) => {
          const written = serialize(fields, { version, uid: 'uid-1', photo: bytes });
          const read = readCard(parse(written)).card;
          expect(read.kind === 'contact' && read.fields).toEqual(fields);
          expect(read.kind === 'contact' && read.warnings).toEqual([]);
          if (bytes && read.kind === 'contact') expect(read.photo?.bytes).toEqual(bytes.bytes);
        }),
        { numRuns: 300 },
      );
    });

    it(`patching one section leaves every other line byte-identical in ${version}`, () => {
      fc.assert(
        fc.property(contact, contact, fc.constantFrom(...sectionOrder), (x, y, section) => {
          const original = serialize(x.fields, { version, uid: 'uid-1', photo: x.photo });
          const after = withSection(x.fields, y.fields, section);
          const result = patch(original, x.fields, after, { photo: section === 'photo' ? y.photo : x.photo });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.warnings).toEqual([]);
          const before = parse(original);
          const patched = parse(result.text);
          expect(linesOutside(patched, section)).toEqual(linesOutside(before, section));
          const read = fieldsOf(patched);
          for (const s of sectionOrder) expect(sameMeaning(read, after, s), s).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it(`lines are at most 75 octets and folds never split a UTF-8 character in ${version}`, () => {
      const decoder = new TextDecoder('utf-8', { fatal: true });
      fc.assert(
        fc.property(contact, ({ fields, photo: bytes }) => {
          const encoded = Buffer.from(serialize(fields, { version, uid: 'u', photo: bytes }), 'utf8');
          let start = 0;
          for (let i = 0; i < encoded.length; i++) {
            if (encoded[i] !== 13) continue;
            expect(encoded[i + 1]).toBe(10);
            const line = encoded.subarray(start, i);
            expect(line.length).toBeLessThanOrEqual(75);
            expect(() => decoder.decode(line)).not.toThrow();
            start = i + 2;
          }
          expect(start).toBe(encoded.length);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('patching a real-world card (fixtures) changes only the patched section', () => {
    const dir = join(import.meta.dirname, '../../fixtures/vcards');
    const cards = readdirSync(dir)
      .filter((f) => f.endsWith('.vcf'))
      .flatMap((f) => parseVCards(new Uint8Array(readFileSync(join(dir, f)))))
      .flatMap((r) => (r.ok && r.card.version !== '2.1' && readCard(r.card).card.kind === 'contact' ? [r.card] : []));
    expect(cards.length).toBeGreaterThan(30);
    fc.assert(
      fc.property(fc.constantFrom(...cards), contact, fc.constantFrom(...sectionOrder), (card, y, section) => {
        const read = readCard(card).card;
        if (read.kind !== 'contact') return;
        const photo = read.photo ? { bytes: read.photo.bytes, mediaType: read.photo.mediaType } : null;
        const after = withSection(read.fields, y.fields, section);
        const result = patch(card.raw, read.fields, after, { photo: section === 'photo' ? y.photo : photo });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.warnings).toEqual([]);
        const patched = parse(result.text);
        const outside = (c: VCard) => linesOutside(c, section).filter((l) => section !== 'photo' || !/^X-IMAGE(HASH|TYPE)[;:]/i.test(l));
        expect(outside(patched)).toEqual(outside(card));
        const back = fieldsOf(patched);
        for (const s of sectionOrder) expect(sameMeaning(back, after, s), s).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('replacing every field of a real-world card keeps its unknown properties', () => {
    const dir = join(import.meta.dirname, '../../fixtures/vcards');
    const cards = readdirSync(dir)
      .filter((f) => f.endsWith('.vcf'))
      .flatMap((f) => parseVCards(new Uint8Array(readFileSync(join(dir, f)))))
      .flatMap((r) => (r.ok && r.card.version !== '2.1' && readCard(r.card).card.kind === 'contact' ? [r.card] : []));
    fc.assert(
      fc.property(fc.constantFrom(...cards), contact, (card, y) => {
        const read = readCard(card).card;
        if (read.kind !== 'contact') return;
        const result = patch(card.raw, read.fields, y.fields, { photo: y.photo });
        expect(result.ok && result.warnings).toEqual([]);
        if (!result.ok) return;
        const patched = parse(result.text);
        const back = fieldsOf(patched);
        for (const s of sectionOrder) expect(sameMeaning(back, y.fields, s), s).toBe(true);
        // Every property nobody models (and not in a modelled item's group) is still there, byte for byte.
        const unknown = (c: VCard) => {
          const all = sectionOrder.reduce<Set<string>>((keep, s) => {
            const outside = new Set(linesOutside(c, s));
            return new Set([...keep].filter((l) => outside.has(l)));
          }, new Set(c.properties.map((p) => p.raw)));
          return [...all].filter((l) => !/^X-IMAGE(HASH|TYPE)[;:]/i.test(l));
        };
        expect(unknown(patched)).toEqual(expect.arrayContaining(unknown(card)));
      }),
      { numRuns: 500 },
    );
  });

  it('reads bytes and text alike', () => {
    fc.assert(
      fc.property(contact, fc.constantFrom(...versions), ({ fields, photo: bytes }, version) => {
        const written = serialize(fields, { version, uid: 'u', photo: bytes });
        expect(fieldsOf(parse(new TextEncoder().encode(written)))).toEqual(fieldsOf(parse(written)));
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on arbitrary text or bytes', () => {
    const vcardish = fc.array(fc.oneof(fc.constantFrom('BEGIN:VCARD', 'END:VCARD', 'VERSION:2.1', 'VERSION:4.0', '\r\n', '\n', ' ', ';', ':', '=', '"', 'ENCODING=QUOTED-PRINTABLE', 'BASE64', 'item1.', 'X-ABLabel', 'TEL', 'N', 'PHOTO'), fc.string()), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(vcardish, fc.string({ unit: 'binary' })), fc.uint8Array({ maxLength: 300 }), (s, b) => {
        for (const r of parseVCards(s)) if (r.ok) readCard(r.card);
        for (const r of parseVCards(b)) if (r.ok) readCard(r.card);
      }),
      { numRuns: 500 },
    );
  });
});
