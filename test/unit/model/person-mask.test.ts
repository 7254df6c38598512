// updateMask lists exactly the Person fields whose meaning changed: nothing for a change Google
// cannot carry or does not order (kind, photo, item order, '' vs null labels), one field per
// canonical change (changing only phones gives ['phoneNumbers']).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { personToCanonical, updateMask } from '../../../electron/engine/model/person/index.ts';
import { contactFields } from '../../fixtures/google/arbitraries.ts';
import { googleFixture, groupNames } from '../../fixtures/google/fixtures.ts';
import { changedFields } from '../../fixtures/google/support.ts';

const rich = personToCanonical(googleFixture('rich').person, { groupNames }).fields;
const edit = (change: (f: ContactFields) => void): ContactFields => {
  const copy = structuredClone(rich);
  change(copy);
  return copy;
};

describe('updateMask', () => {
  it('is empty when nothing changed', () => {
    expect(updateMask(rich, structuredClone(rich))).toEqual([]);
  });

  it('changing only phones yields phoneNumbers', () => {
    expect(updateMask(rich, edit((f) => f.phones.push({ value: '+44 20 7946 0999', label: 'work', primary: false })))).toEqual(['phoneNumbers']);
  });

  it.each<[string, (f: ContactFields) => void, string[]]>([
    ['given name', (f) => void (f.name.given = 'Augusta Ada'), ['names']],
    ['phonetic family name', (f) => void (f.name.phoneticFamily = ''), ['names']],
    ['formatted name', (f) => void (f.formattedName = 'Ada Lovelace'), ['names']],
    ['nickname', (f) => void (f.nicknames = ['Countess']), ['nicknames']],
    ['email label', (f) => void (f.emails[1]!.label = 'other'), ['emailAddresses']],
    ['primary phone', (f) => void ((f.phones[0]!.primary = false), (f.phones[1]!.primary = true)), ['phoneNumbers']],
    ['address country code', (f) => void (f.addresses[0]!.countryCode = 'IE'), ['addresses']],
    ['organisation title', (f) => void (f.organizations[0]!.title = 'Programmer'), ['organizations']],
    ['birthday year', (f) => void (f.birthday = { year: null, month: 12, day: 10 }), ['birthdays']],
    ['an event', (f) => void f.dates.push({ label: 'Graduation', date: { year: 1830, month: null, day: null } }), ['events']],
    ['url', (f) => void (f.urls[1]!.value = 'https://ada.example/notes'), ['urls']],
    ['note', (f) => void (f.note = ''), ['biographies']],
    ['relation', (f) => void f.relations.pop(), ['relations']],
    ['IM service', (f) => void (f.ims[1]!.service = 'jabber'), ['imClients']],
    ['custom field', (f) => void (f.customFields[0]!.value = 'AE-0002'), ['userDefined']],
    ['groups', (f) => void f.groups.push('Book club'), ['memberships']],
    ['unstar', (f) => void (f.groups = f.groups.filter((g) => g !== 'Starred')), ['memberships']],
    ['phones and note', (f) => void ((f.phones = []), (f.note = 'x')), ['phoneNumbers', 'biographies']],
  ])('%s', (_what, change, expected) => {
    expect(updateMask(rich, edit(change))).toEqual(expected);
  });

  it.each<[string, (f: ContactFields) => void]>([
    ['kind (Google has no field for it)', (f) => void (f.kind = 'organization')],
    ['photo (written with updateContactPhoto, not in a mask)', (f) => void (f.photo = { hash: 'abc', mediaType: 'image/png', uri: null })],
    ['item order (Google does not keep one)', (f) => void f.phones.reverse()],
    ['group order and duplicates', (f) => void (f.groups = ['Work', 'Starred', 'Work'])],
    ["an empty label is no label", (f) => void (f.ims[1]!.label = '')],
    ['a second primary (Google keeps one)', (f) => void (f.emails[1]!.primary = true)],
    ['an empty item', (f) => void f.emails.push({ value: '', label: 'home', primary: false })],
    ['a date with no known part', (f) => void f.dates.push({ label: 'other', date: { year: null, month: null, day: null } })],
    ['a custom label spelling the Google type', (f) => void (f.phones[1]!.label = 'workFax')],
  ])('ignores %s', (_what, change) => {
    expect(updateMask(rich, edit(change))).toEqual([]);
  });

  it('lists exactly the fields whose meaning changed', () => {
    fc.assert(
      fc.property(contactFields, contactFields, (before, after) => {
        expect(updateMask(before, after)).toEqual(changedFields(before, after));
        expect(updateMask(after, after)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
