// The engine's clientData marker (key concord.contactId) is set exactly once and never disturbs
// other clients' clientData (shared/docs/google-people-api.md §2.2, §10 item 9).
import { describe, expect, it } from 'vitest';
import { clientMarkerKey, clientMarkerOf, withClientMarker } from '../../../electron/engine/model/person/index.ts';
import type { Person } from '../../../electron/engine/model/person/index.ts';
import { googleFixture } from '../../fixtures/google/fixtures.ts';

describe('client marker', () => {
  it('reads the marker', () => {
    expect(clientMarkerKey).toBe('concord.contactId');
    expect(clientMarkerOf(googleFixture('user-defined').person)).toBe('01J0B6W2T9QK3E7R5Y1U8I4O6P');
    expect(clientMarkerOf(googleFixture('plain').person)).toBeNull();
  });

  it('adds the marker to a person without one', () => {
    const person = withClientMarker({ names: [{ givenName: 'Ada' }] }, 'hub-1');
    expect(person).toEqual({ names: [{ givenName: 'Ada' }], clientData: [{ key: 'concord.contactId', value: 'hub-1' }] });
    expect(clientMarkerOf(person)).toBe('hub-1');
  });

  it('replaces an existing marker in place, keeps other entries and drops duplicate markers', () => {
    const person: Person = {
      clientData: [
        { key: 'other', value: '1' },
        { metadata: { primary: true, source: { type: 'CONTACT', id: 'x' } }, key: 'concord.contactId', value: 'old' },
        { key: 'concord.contactId', value: 'older' },
      ],
    };
    expect(withClientMarker(person, 'new').clientData).toEqual([
      { key: 'other', value: '1' },
      { metadata: { source: { type: 'CONTACT', id: 'x' } }, key: 'concord.contactId', value: 'new' },
    ]);
    expect(person.clientData).toHaveLength(3);
  });

  it('ignores a marker that is not contact data', () => {
    expect(clientMarkerOf({ clientData: [{ metadata: { source: { type: 'PROFILE' } }, key: 'concord.contactId', value: 'x' }] })).toBeNull();
  });
});
