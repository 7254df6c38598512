// canonicalToPerson builds createContact bodies with only writable data, and update bodies over a
// base that keep everything Concord does not map (shared/docs/google-people-api.md §2.2, §5, §6.3).
import { describe, expect, it } from 'vitest';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { canonicalToPerson, personToCanonical, UnknownGroupsError } from '../../../electron/engine/model/person/index.ts';
import { googleFixture, groupNames, groupResources } from '../../fixtures/google/fixtures.ts';

const contact: ContactFields = {
  ...emptyContactFields(),
  kind: 'organization',
  name: { prefix: '', given: 'Wei', middle: '', family: 'Zhang', suffix: '', phoneticGiven: '', phoneticMiddle: '', phoneticFamily: '' },
  formattedName: '',
  emails: [
    { value: 'wei@example.cn', label: 'work', primary: false },
    { value: '', label: 'home', primary: true },
  ],
  phones: [{ value: '+86 10 5555 0100', label: 'iphone', primary: false }],
  birthday: { year: null, month: 2, day: 29 },
  dates: [{ label: 'anniversary', date: { year: 2001, month: 0, day: 12 } }],
  ims: [{ value: 'wei', service: 'googletalk', label: null }],
  note: 'Met in Beijing',
  groups: ['Starred', 'Work'],
  photo: { hash: 'abc', mediaType: 'image/jpeg', uri: null },
};

describe('canonicalToPerson', () => {
  it('builds a createContact body', () => {
    expect(canonicalToPerson(contact, undefined, groupResources)).toEqual({
      names: [{ givenName: 'Wei', familyName: 'Zhang' }],
      emailAddresses: [{ metadata: { sourcePrimary: true }, value: 'wei@example.cn', type: 'work' }],
      phoneNumbers: [{ metadata: { sourcePrimary: true }, value: '+86 10 5555 0100', type: 'iphone' }],
      birthdays: [{ date: { month: 2, day: 29 } }],
      events: [{ date: { year: 2001, day: 12 }, type: 'anniversary' }],
      biographies: [{ value: 'Met in Beijing' }],
      imClients: [{ username: 'wei', protocol: 'googleTalk' }],
      memberships: [
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } },
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/starred' } },
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/7a2e91c04b6d3f15' } },
      ],
    });
  });

  it('puts a new contact without labels in My Contacts', () => {
    expect(canonicalToPerson(emptyContactFields(), undefined, new Map()).memberships).toEqual([
      { contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } },
    ]);
  });

  it('throws for a group that has no contact group yet', () => {
    expect(() => canonicalToPerson({ ...emptyContactFields(), groups: ['Hiking'] }, undefined, groupResources)).toThrow(UnknownGroupsError);
  });

  it('never writes a legacy system group, even when the caller maps its name', () => {
    expect(() => canonicalToPerson({ ...emptyContactFields(), groups: ['family'] }, undefined, groupResources)).toThrow(UnknownGroupsError);
  });

  it('keeps the base person as Google has it when the fields are unchanged', () => {
    const raw = googleFixture('rich').person;
    const body = canonicalToPerson(personToCanonical(raw, { groupNames }).fields, raw, groupResources);
    for (const key of ['resourceName', 'etag', 'metadata', 'photos', 'clientData', 'genders', 'externalIds', 'sipAddresses', 'calendarUrls', 'fileAses'] as const) {
      expect((body as Record<string, unknown>)[key], key).toEqual((raw as Record<string, unknown>)[key]);
    }
    // Unchanged items are kept whole (formattedValue, birthday text, contentType) minus output-only keys.
    expect(body.addresses?.[0]?.formattedValue).toBe(raw.addresses?.[0]?.formattedValue);
    expect(body.birthdays?.[0]).toEqual({ metadata: { source: { type: 'CONTACT', id: '32899387269e0d37' } }, date: { year: 1815, month: 12, day: 10 }, text: '1815-12-10' });
    expect(body.biographies?.[0]?.contentType).toBe('TEXT_PLAIN');
    expect(body.phoneNumbers?.[0]).not.toHaveProperty('canonicalForm');
    expect(body.names?.[0]).not.toHaveProperty('displayName');
  });

  it('keeps a free-form address as Google has it until it is edited', () => {
    const raw = googleFixture('addresses').person;
    const fields = personToCanonical(raw, { groupNames }).fields;
    const body = canonicalToPerson(fields, raw, groupResources);
    expect(body.addresses?.[0]).toEqual({
      metadata: { source: { type: 'CONTACT', id: '4688b7671738f7d9' } },
      formattedValue: '1600 Amphitheatre Pkwy\nMountain View, CA 94043',
      type: 'other',
    });
    fields.addresses[0]!.locality = 'Mountain View';
    expect(canonicalToPerson(fields, raw, groupResources).addresses?.[0]).toEqual({
      metadata: { source: { type: 'CONTACT', id: '4688b7671738f7d9' } },
      type: 'other',
      streetAddress: '1600 Amphitheatre Pkwy\nMountain View, CA 94043',
      city: 'Mountain View',
    });
  });

  it('does not add My Contacts to an existing contact that is not in it', () => {
    const raw = googleFixture('chinese-phonetic').person;
    const base = { ...raw, memberships: raw.memberships?.slice(1) };
    const fields = personToCanonical(base, { groupNames }).fields;
    expect(canonicalToPerson(fields, base, groupResources).memberships?.map((m) => m.contactGroupMembership?.contactGroupResourceName)).toEqual([
      'contactGroups/1d8f3a6e2c9b7045',
    ]);
  });
});
