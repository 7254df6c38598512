// patchPerson sends the raw person with only the changed fields rewritten: fields outside the
// mask (unknown ones included) stay byte-identical, masked fields keep the per-item data Concord
// does not model and lose output-only keys, and Google's replacement semantics then store exactly
// the new meaning (shared/docs/google-people-api.md §5.2, §10 items 5 and 12).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { missingGroups, patchPerson, personToCanonical, UnknownGroupsError } from '../../../electron/engine/model/person/index.ts';
import type { Person } from '../../../electron/engine/model/person/index.ts';
import { contactFields, groupsFor, inverse } from '../../fixtures/google/arbitraries.ts';
import { googleFixture, googleFixtures, groupNames, groupResources } from '../../fixtures/google/fixtures.ts';
import { applyUpdate, meaningByField } from '../../fixtures/google/support.ts';

const live = googleFixtures().filter((f) => f.name !== 'tombstone');
const read = (person: Person): ContactFields => personToCanonical(person, { groupNames }).fields;

function patched(name: string, change: (f: ContactFields) => void, marker?: string) {
  const raw = googleFixture(name).person;
  const before = read(raw);
  const after = structuredClone(before);
  change(after);
  return { raw, ...patchPerson(raw, before, after, { groups: groupResources, marker }) };
}

/** Every key anywhere in a JSON value. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(keysOf) : value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]) : [];

describe('patchPerson', () => {
  it('keeps every field outside the mask byte-identical and stores the new meaning', () => {
    const bases = new Map(live.map((f) => [f.name, f.person]));
    fc.assert(
      fc.property(fc.constantFrom(...bases.keys()), contactFields, (name, after) => {
        const raw = bases.get(name)!;
        const before = read(raw);
        const groups = groupsFor(groupResources, after);
        const { body, updatePersonFields } = patchPerson(raw, before, after, { groups });
        const sent = body as Record<string, unknown>;
        const original = raw as Record<string, unknown>;
        for (const key of Object.keys(original)) {
          if (!updatePersonFields.includes(key as never)) expect(JSON.stringify(sent[key]), key).toBe(JSON.stringify(original[key]));
        }
        for (const key of Object.keys(sent)) expect(key in original || updatePersonFields.includes(key as never), key).toBe(true);
        const stored = applyUpdate(raw, JSON.parse(JSON.stringify(body)) as Person, updatePersonFields);
        expect(meaningByField(personToCanonical(stored, { groupNames: inverse(groups) }).fields)).toEqual(meaningByField(after));
      }),
      { numRuns: 400 },
    );
  });

  it('sends nothing when nothing changed', () => {
    for (const fixture of live) {
      const before = read(fixture.person);
      const { body, updatePersonFields } = patchPerson(fixture.person, before, structuredClone(before), { groups: groupResources });
      expect(updatePersonFields, fixture.name).toEqual([]);
      expect(JSON.stringify(body)).toBe(JSON.stringify(fixture.person));
    }
  });

  it('keeps unknown top-level fields', () => {
    const raw = { ...googleFixture('plain').person, someFutureField: [{ value: 'x', metadata: { source: { type: 'CONTACT' } } }] } as Person;
    const before = read(raw);
    const { body } = patchPerson(raw, before, { ...before, note: 'new' }, { groups: groupResources });
    expect((body as Record<string, unknown>).someFutureField).toEqual([{ value: 'x', metadata: { source: { type: 'CONTACT' } } }]);
  });

  it('keeps the etag and sources (the update precondition)', () => {
    const { raw, body } = patched('rich', (f) => void (f.note = 'Changed'));
    expect(body.etag).toBe(raw.etag);
    expect(body.metadata).toEqual(raw.metadata);
    expect(body.resourceName).toBe(raw.resourceName);
  });

  it('keeps what Concord does not model on an edited organisation, and drops output-only keys', () => {
    const { body, updatePersonFields } = patched('rich', (f) => void (f.organizations[0]!.title = 'Lead Programmer'));
    expect(updatePersonFields).toEqual(['organizations']);
    expect(body.organizations).toEqual([
      {
        metadata: { source: { type: 'CONTACT', id: '32899387269e0d37' } },
        type: 'work',
        startDate: { year: 1842, month: 9 },
        current: true,
        jobDescription: 'Notes on the engine; Bernoulli numbers',
        location: 'London',
        name: 'Analytical Engine Ltd',
        department: 'Research',
        title: 'Lead Programmer',
      },
    ]);
  });

  it('rewrites an edited phone number in place and keeps the others as Google has them', () => {
    const { body, updatePersonFields } = patched('rich', (f) => void (f.phones[0]!.value = '+44 20 7946 0959'));
    expect(updatePersonFields).toEqual(['phoneNumbers']);
    expect(body.phoneNumbers).toEqual([
      { metadata: { source: { type: 'CONTACT', id: '32899387269e0d37' }, sourcePrimary: true }, value: '+44 20 7946 0959', type: 'mobile' },
      { metadata: { source: { type: 'CONTACT', id: '32899387269e0d37' } }, value: '020 7946 0000', type: 'workFax' },
    ]);
  });

  it('moves the primary flag with sourcePrimary (primary is output only)', () => {
    const { body } = patched('rich', (f) => {
      f.emails[0]!.primary = false;
      f.emails[1]!.primary = true;
    });
    expect(body.emailAddresses?.map((e) => e.metadata)).toEqual([
      { source: { type: 'CONTACT', id: '32899387269e0d37' } },
      { source: { type: 'CONTACT', id: '32899387269e0d37' }, sourcePrimary: true },
    ]);
    expect(body.emailAddresses?.[0]?.displayName).toBe('Ada Lovelace (Analytical)');
  });

  it('drops the deprecated birthday text when the date changes, and writes a year-less date without year', () => {
    const { body } = patched('rich', (f) => void (f.birthday = { year: null, month: 12, day: 10 }));
    expect(body.birthdays).toEqual([{ metadata: { source: { type: 'CONTACT', id: '32899387269e0d37' } }, date: { month: 12, day: 10 } }]);
  });

  it('keeps phoneticFullName on an edited name and drops displayName', () => {
    const { body } = patched('chinese-phonetic', (f) => void (f.name.given = '伟伟'));
    expect(body.names).toEqual([
      {
        metadata: { source: { type: 'CONTACT', id: 'c0c7408892f902b' } },
        phoneticFullName: 'Zhāng Wěi',
        givenName: '伟伟',
        familyName: '张',
        phoneticGivenName: 'Wěi',
        phoneticFamilyName: 'Zhāng',
        unstructuredName: '张伟',
      },
    ]);
  });

  it('drops the derived formattedValue of an edited address', () => {
    const { body } = patched('rich', (f) => void (f.addresses[0]!.postalCode = 'SW1Y 4JJ'));
    expect(body.addresses?.[0]).not.toHaveProperty('formattedValue');
    expect(body.addresses?.[0]?.postalCode).toBe('SW1Y 4JJ');
  });

  it('sends only the contact items of a masked field of a profile-linked person', () => {
    const { raw, body, updatePersonFields } = patched('profile-linked', (f) => void f.emails.pop());
    expect(updatePersonFields).toEqual(['emailAddresses']);
    expect(body.emailAddresses).toEqual([
      { metadata: { source: { type: 'CONTACT', id: '62e3fe8a6a3a450' }, sourcePrimary: true }, value: 'ghopper@navy.example', type: 'work' },
    ]);
    expect(body.names).toEqual(raw.names);
    expect(body.photos).toEqual(raw.photos);
  });

  it('collapses two names into one (names is a singleton, §10 item 13)', () => {
    const { body } = patched('irregular', (f) => void (f.name.middle = 'Q.'));
    expect(body.names).toHaveLength(1);
    expect(body.names?.[0]).toMatchObject({ givenName: 'Jonathan', middleName: 'Q.', familyName: 'Doe' });
  });

  it('changes only the modelled memberships and keeps myContacts, legacy and unknown groups', () => {
    const { body, updatePersonFields } = patched('memberships', (f) => void (f.groups = f.groups.filter((g) => g !== 'Book club').concat('同学')));
    expect(updatePersonFields).toEqual(['memberships']);
    expect(body.memberships?.map((m) => m.contactGroupMembership?.contactGroupResourceName)).toEqual([
      'contactGroups/myContacts',
      'contactGroups/family',
      'contactGroups/0badc0ffee42',
      'contactGroups/starred',
      'contactGroups/3f9b2c7d1e0a4b88',
      'contactGroups/7a2e91c04b6d3f15',
      'contactGroups/1d8f3a6e2c9b7045',
    ]);
    expect(keysOf(body.memberships)).not.toContain('contactGroupId');
    expect(keysOf(body.memberships)).not.toContain('domainMembership');
  });

  it('keeps the contact in a group when every label is removed', () => {
    const { body } = patched('organization-only', (f) => void (f.groups = []));
    expect(body.memberships).toEqual([
      { metadata: { source: { type: 'CONTACT', id: '1ece0b9211e20b8f' } }, contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } },
    ]);
  });

  it('falls back to My Contacts when the last membership would go (a contact keeps at least one, §6.3)', () => {
    const fixture = googleFixture('organization-only').person;
    const raw = { ...fixture, memberships: fixture.memberships?.slice(1) };
    const before = read(raw);
    expect(before.groups).toEqual(['Work']);
    const { body } = patchPerson(raw, before, { ...before, groups: [] }, { groups: groupResources });
    expect(body.memberships).toEqual([{ contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } }]);
  });

  it('reports groups that do not exist yet instead of dropping them', () => {
    const raw = googleFixture('plain').person;
    const before = read(raw);
    const after = { ...before, groups: ['Work', 'Hiking', 'Starred'] };
    expect(missingGroups(after.groups, groupResources)).toEqual(['Hiking']);
    expect(() => patchPerson(raw, before, after, { groups: groupResources })).toThrow(UnknownGroupsError);
    try {
      patchPerson(raw, before, after, { groups: groupResources });
    } catch (error) {
      expect((error as UnknownGroupsError).names).toEqual(['Hiking']);
    }
    // Groups need resolving only when memberships are written.
    const hiking = { ...before, groups: ['Hiking'] };
    expect(patchPerson(raw, hiking, { ...hiking, note: 'x' }, { groups: groupResources }).updatePersonFields).toEqual(['biographies']);
  });

  it('adds the engine marker to clientData when asked, keeping other entries', () => {
    const unchanged = patched('rich', () => undefined, '01HZX3Q8V7RJ5K2M9T4N6B8C0D');
    expect(unchanged.updatePersonFields).toEqual([]);
    const { body, updatePersonFields } = patched('rich', (f) => void (f.note = 'x'), 'another-id');
    expect(updatePersonFields).toEqual(['biographies', 'clientData']);
    expect(body.clientData).toEqual([
      { metadata: { source: { type: 'CONTACT', id: '32899387269e0d37' } }, key: 'concord.contactId', value: 'another-id' },
      { metadata: { source: { type: 'CONTACT', id: '32899387269e0d37' } }, key: 'com.example.crm', value: 'lead-4471' },
    ]);
  });

  it('refuses a tombstone as the raw person', () => {
    const raw = googleFixture('tombstone').person;
    const before = read(raw);
    expect(() => patchPerson(raw, before, { ...before, note: 'x' }, { groups: groupResources })).toThrow(/deleted person/);
  });

  it('never sends output-only keys in a masked field', () => {
    const outputOnly = ['formattedType', 'canonicalForm', 'formattedProtocol', 'displayNameLastFirst', 'verified', 'primary', 'contactGroupId'];
    fc.assert(
      fc.property(fc.constantFrom(...live.map((f) => f.name)), contactFields, (name, after) => {
        const raw = googleFixture(name).person;
        const { body, updatePersonFields } = patchPerson(raw, read(raw), after, { groups: groupsFor(groupResources, after) });
        const masked = updatePersonFields.map((path) => (body as Record<string, unknown>)[path]);
        for (const key of outputOnly) expect(keysOf(masked)).not.toContain(key);
      }),
      { numRuns: 200 },
    );
  });
});
