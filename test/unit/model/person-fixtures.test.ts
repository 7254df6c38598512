// Each Person fixture (test/fixtures/google/NAME.json, shaped like connections.list output) reads
// as the canonical contact in NAME.expected.json, which was written and checked by hand — never
// regenerated from the code under test.
import { describe, expect, it } from 'vitest';
import { carriedByGoogle, personToCanonical } from '../../../electron/engine/model/person/index.ts';
import { googleFixtures, groupNames } from '../../fixtures/google/fixtures.ts';

const fixtures = googleFixtures();

describe('Person fixtures → canonical', () => {
  it('has the fixtures the mapping is specified by', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    expect(personToCanonical(fixture.person, { groupNames })).toEqual(fixture.expected);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s reads as Google-normal fields', (_name, fixture) => {
    const { fields } = personToCanonical(fixture.person, { groupNames });
    expect(carriedByGoogle(fields)).toEqual(fields);
  });

  it('does not modify the person it reads', () => {
    for (const fixture of fixtures) {
      personToCanonical(fixture.person, { groupNames });
      expect(JSON.stringify(fixture.person, null, 2)).toEqual(JSON.stringify(JSON.parse(fixture.text), null, 2));
    }
  });
});
