// The model's Person type is a structural subset of googleapis' Schema$Person in both directions:
// providers/google can hand what the client library returns straight to the mapping and send the
// bodies it builds without casts, while the model itself never imports the client (DESIGN.md §1).
// This file is checked by `tsc -b` (the test project); the runtime assertions are incidental.
import type { people_v1 } from '@googleapis/people';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { canonicalToPerson, personToCanonical } from '../../../electron/engine/model/person/index.ts';
import type { Person } from '../../../electron/engine/model/person/index.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';

describe('Person type', () => {
  it('accepts googleapis persons and produces bodies googleapis accepts', () => {
    expectTypeOf<people_v1.Schema$Person>().toExtend<Person>();
    expectTypeOf<Person>().toExtend<people_v1.Schema$Person>();
    const fromClient: people_v1.Schema$Person = { names: [{ givenName: 'Ada', familyName: null }], birthdays: [{ date: { year: null, month: 4, day: 15 } }] };
    const read = personToCanonical(fromClient, { groupNames: new Map() });
    expect(read.fields.birthday).toEqual({ year: null, month: 4, day: 15 });
    const requestBody: people_v1.Schema$Person = canonicalToPerson(read.fields, undefined, new Map());
    expect(requestBody.names).toEqual([{ givenName: 'Ada' }]);
    expect(emptyContactFields().kind).toBe('individual');
  });
});
