// canonical → Person → canonical keeps the meaning of any contact, where "meaning" is what Google
// can carry (carriedByGoogle, electron/engine/model/person/normalize.ts documents what it cannot:
// the contact's kind, the photo through a Person body, empty items, unknown date parts, "no primary"
// or several primaries, empty labels, custom labels spelling a Google type, duplicate groups).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { canonicalToPerson, carriedByGoogle, personToCanonical } from '../../../electron/engine/model/person/index.ts';
import type { Person } from '../../../electron/engine/model/person/index.ts';
import { contactFields, groupsFor, inverse } from '../../fixtures/google/arbitraries.ts';
import { googleFixtures, groupNames, groupResources } from '../../fixtures/google/fixtures.ts';

/** Through JSON, as the body travels to Google and back. */
function roundTrip(fields: ContactFields, base?: Person): { fields: ContactFields; warnings: string[] } {
  const groups = groupsFor(groupResources, fields);
  const person = JSON.parse(JSON.stringify(canonicalToPerson(fields, base, groups))) as Person;
  return personToCanonical(person, { groupNames: inverse(groups) });
}

const withoutPhoto = (fields: ContactFields): ContactFields => ({ ...fields, photo: null });

describe('canonical → Person → canonical', () => {
  it('keeps the meaning of generated contacts', () => {
    fc.assert(
      fc.property(contactFields, (fields) => {
        const back = roundTrip(fields);
        expect(back.warnings).toEqual([]);
        expect(back.fields).toEqual(withoutPhoto(carriedByGoogle(fields)));
      }),
      { numRuns: 500 },
    );
  });

  it('is the identity on contacts Google can carry', () => {
    fc.assert(
      fc.property(contactFields, (generated) => {
        const fields = withoutPhoto(carriedByGoogle(generated));
        expect(roundTrip(fields).fields).toEqual(fields);
      }),
      { numRuns: 300 },
    );
  });

  it('carriedByGoogle is idempotent', () => {
    fc.assert(
      fc.property(contactFields, (fields) => {
        const once = carriedByGoogle(fields);
        expect(carriedByGoogle(once)).toEqual(once);
      }),
    );
  });

  it('keeps the meaning when written over each fixture as base', () => {
    const bases = new Map(googleFixtures().flatMap((f) => (f.name === 'tombstone' ? [] : [[f.name, f.person] as const])));
    fc.assert(
      fc.property(fc.constantFrom(...bases.keys()), contactFields, (name, fields) => {
        // The base's photo is output only and stays on the person (§5.5): compare without it.
        expect(withoutPhoto(roundTrip(fields, bases.get(name)).fields)).toEqual(withoutPhoto(carriedByGoogle(fields)));
      }),
      { numRuns: 300 },
    );
  });

  it('rewrites every fixture to itself', () => {
    for (const fixture of googleFixtures().filter((f) => f.name !== 'tombstone')) {
      const read = personToCanonical(fixture.person, { groupNames });
      const again = personToCanonical(canonicalToPerson(read.fields, fixture.person, groupResources), { groupNames });
      expect(again.fields, fixture.name).toEqual(read.fields);
    }
  });

  it('round-trips a year-less birthday as a date without year', () => {
    const fields = { ...emptyContactFields(), birthday: { year: null, month: 4, day: 15 } };
    const person = canonicalToPerson(fields, undefined, new Map());
    expect(person.birthdays).toEqual([{ date: { month: 4, day: 15 } }]);
    expect(roundTrip(fields).fields.birthday).toEqual({ year: null, month: 4, day: 15 });
  });

  it('round-trips phonetic names, custom labels, custom fields and groups', () => {
    const fields: ContactFields = {
      ...emptyContactFields(),
      name: { prefix: '', given: '伟', middle: '', family: '张', suffix: '', phoneticGiven: 'Wěi', phoneticMiddle: '', phoneticFamily: 'Zhāng' },
      formattedName: '张伟',
      phones: [
        { value: '+86 138 0013 8000', label: "Grandma's landline", primary: true },
        { value: '+86 10 5555 0000', label: 'home fax', primary: false },
      ],
      relations: [{ value: 'Li Na', label: 'domestic partner', primary: true }],
      customFields: [{ key: 'Shoe size', value: '42' }],
      groups: ['Starred', '同学', 'Hiking'],
    };
    expect(roundTrip(fields).fields).toEqual(fields);
  });

  it('cannot carry the kind: a company card reads back as an individual with its organisation', () => {
    const fields: ContactFields = { ...emptyContactFields(), kind: 'organization', organizations: [{ name: 'Acme', department: '', title: '', phoneticName: '' }] };
    expect(roundTrip(fields).fields).toEqual({ ...fields, kind: 'individual' });
  });
});
