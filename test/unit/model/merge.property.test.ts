// Property tests (fast-check) for the three-way merge and the semantic hash. Values come from
// small pools with case, spacing and format variants so that keys collide often: the interesting
// cases are the same item written differently on two sides.
// Merge: symmetric up to side labels, idempotent, merge(b, b, x) = x = merge(b, x, b), never drops
// an added item, never mutates its inputs. Hash: invariant under list order and label case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address, ContactFields, CustomField, ImHandle, LabeledDate, LabeledValue, Organization, PartialDate, PhotoRef, StructuredName } from '../../../shared/model/contact.ts';
import { semanticHash } from '../../../electron/engine/model/hash.ts';
import { mergeContact } from '../../../electron/engine/model/merge/contact.ts';
import type { FieldConflict } from '../../../electron/engine/model/merge/types.ts';
import { listSemantics } from '../../../electron/engine/model/normalize/semantic.ts';
import type { ListField } from '../../../electron/engine/model/normalize/semantic.ts';

const numRuns = 300;

// ---- arbitraries -----------------------------------------------------------------------------

const text = fc.constantFrom('', 'Ann', 'ann', ' Ann ', 'Zoë', 'Zoe\u0308', 'Lee', '张伟');
const label = fc.constantFrom(null, '', 'home', 'HOME', 'work', 'Work ', 'mobile', "Grandma's");
const region = fc.constantFrom('CN', 'US', null);

const labeled = (values: string[]): fc.Arbitrary<LabeledValue> => fc.record({ value: fc.constantFrom(...values), label, primary: fc.boolean() });
const emailArb = labeled(['ann@example.org', 'Ann@Example.ORG', 'bob@example.org', 'zoe@example.org']);
const phoneArb = labeled(['+86 138 0013 8000', '138 0013 8000', '+8613800138000', '+1 202 555 0143', '(202) 555-0143', '555-0100', '+1 202 555 0143 x5']);
const urlArb = labeled(['example.com', 'https://Example.com/', 'http://other.org/a', 'other.org/A']);
const relationArb = labeled(['Bob Lee', 'bob lee', 'Ann']);
const addressArb: fc.Arbitrary<Address> = fc.record({
  label,
  primary: fc.boolean(),
  poBox: fc.constant(''),
  extended: fc.constantFrom('', 'Apt 4'),
  street: fc.constantFrom('1 Main St', '1 MAIN ST.', '2 Main St'),
  locality: fc.constantFrom('Springfield', 'springfield'),
  region: fc.constant('IL'),
  postalCode: fc.constantFrom('62701', '62702'),
  country: fc.constantFrom('', 'USA', 'United States'),
  countryCode: fc.constantFrom('', 'US'),
});
const orgArb: fc.Arbitrary<Organization> = fc.record({
  name: fc.constantFrom('', 'Acme', 'ACME', 'Initech'),
  department: fc.constantFrom('', 'R&D'),
  title: fc.constantFrom('', 'Engineer', 'Lead'),
  phoneticName: fc.constant(''),
});
const partialDate: fc.Arbitrary<PartialDate> = fc.record({
  year: fc.constantFrom(null, 1990, 1991),
  month: fc.constantFrom(null, 4),
  day: fc.constantFrom(null, 15, 16),
});
const dateArb: fc.Arbitrary<LabeledDate> = fc.record({ label: fc.constantFrom(null, 'anniversary', 'Anniversary', 'wedding'), date: partialDate });
const imArb: fc.Arbitrary<ImHandle> = fc.record({ value: fc.constantFrom('ann', 'Ann', 'xmpp:ann@j.org', 'ann@j.org'), service: fc.constantFrom('', 'skype', 'xmpp', 'jabber'), label });
const customArb: fc.Arbitrary<CustomField> = fc.record({ key: fc.constantFrom('Employee ID', 'employee id', 'Badge'), value: fc.constantFrom('', '1', '2') });
const photoArb: fc.Arbitrary<PhotoRef | null> = fc.option(
  fc.record({ hash: fc.constantFrom(null, 'h1', 'h2'), mediaType: fc.constantFrom(null, 'image/jpeg'), uri: fc.constantFrom(null, 'https://p/1') }),
  { nil: null },
);
const nameArb: fc.Arbitrary<StructuredName> = fc.record({
  prefix: fc.constantFrom('', 'Dr.'),
  given: text,
  middle: fc.constant(''),
  family: text,
  suffix: fc.constant(''),
  phoneticGiven: fc.constantFrom('', 'ann'),
  phoneticMiddle: fc.constant(''),
  phoneticFamily: fc.constant(''),
});
const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 3 });

const contactArb: fc.Arbitrary<ContactFields> = fc.record({
  kind: fc.constantFrom('individual', 'organization'),
  name: nameArb,
  formattedName: text,
  nicknames: list(fc.constantFrom('Bob', 'bob', 'Bobby', 'Zoë')),
  emails: list(emailArb),
  phones: list(phoneArb),
  addresses: list(addressArb),
  organizations: list(orgArb),
  birthday: fc.option(partialDate, { nil: null }),
  dates: list(dateArb),
  urls: list(urlArb),
  ims: list(imArb),
  relations: list(relationArb),
  note: fc.constantFrom('', 'a', ' a\r\n', 'b'),
  groups: list(fc.constantFrom('Friends', 'friends', 'Work', 'Family')),
  photo: photoArb,
  customFields: list(customArb),
});

const listFields = Object.keys(listSemantics) as ListField[];

/** Edits a list the way people do: keep some items (some relabelled), then add fresh ones. */
function editList<T>(items: readonly T[], fresh: fc.Arbitrary<T[]>, relabel: (item: T) => fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc
    .tuple(fc.subarray([...items]), fresh)
    .chain(([kept, added]) => fc.tuple(fc.tuple(...kept.map((item) => fc.oneof(fc.constant(item), relabel(item)))), fc.constant(added)))
    .map(([kept, added]) => [...kept, ...added]);
}

const withLabel = <T extends { label: string | null }>(item: T) => label.map((l) => ({ ...item, label: l }));

/** A version of base: each field kept, replaced, or (for lists) edited. */
function versionOf(base: ContactFields): fc.Arbitrary<ContactFields> {
  const edits: { [F in ListField]: fc.Arbitrary<ContactFields[F]> } = {
    nicknames: editList(base.nicknames, fc.constant([]), (n) => fc.constant(n)),
    emails: editList(base.emails, list(emailArb), withLabel),
    phones: editList(base.phones, list(phoneArb), withLabel),
    addresses: editList(base.addresses, list(addressArb), withLabel),
    organizations: editList(base.organizations, list(orgArb), (o) => fc.constantFrom('', 'Engineer', 'Lead').map((title) => ({ ...o, title }))),
    dates: editList(base.dates, list(dateArb), withLabel),
    urls: editList(base.urls, list(urlArb), withLabel),
    ims: editList(base.ims, list(imArb), withLabel),
    relations: editList(base.relations, list(relationArb), withLabel),
    groups: editList(base.groups, list(fc.constantFrom('Friends', 'Family')), (g) => fc.constant(g)),
    customFields: editList(base.customFields, list(customArb), (c) => fc.constantFrom('', '1', '2').map((value) => ({ ...c, value }))),
  };
  // Mostly kept: two versions of one contact usually differ in a field or two.
  const choiceArb = fc.oneof({ arbitrary: fc.constant(0), weight: 10 }, { arbitrary: fc.constant(1), weight: 1 }, { arbitrary: fc.constant(2), weight: 3 });
  return fc.tuple(contactArb, fc.array(choiceArb, { minLength: 17, maxLength: 17 }), fc.record(edits)).map(([fresh, choice, edited]) => {
    const keys = Object.keys(base) as (keyof ContactFields)[];
    const out = { ...base } as Record<keyof ContactFields, unknown>;
    keys.forEach((key, i) => {
      const c = choice[i] ?? 0;
      if (c === 1) out[key] = fresh[key];
      if (c === 2) out[key] = (listFields as string[]).includes(key) ? edited[key as ListField] : base[key];
    });
    return structuredClone(out as ContactFields);
  });
}

/** base (or null) with two versions: edits of base, or unrelated contacts. */
const triple = fc
  .tuple(fc.option(contactArb, { nil: null }), contactArb)
  .chain(([base, other]) => fc.tuple(fc.constant(base), base ? fc.oneof(versionOf(base), fc.constant(other)) : fc.constant(other), base ? versionOf(base) : contactArb));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const mirror = (c: FieldConflict): FieldConflict => ({ path: c.path, base: c.base, ours: c.theirs, theirs: c.ours });
const byPath = (a: FieldConflict, b: FieldConflict) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

// ---- merge -----------------------------------------------------------------------------------

describe('mergeContact properties', () => {
  it('is symmetric up to side labels: same meaning without conflicts, mirrored conflicts', () => {
    fc.assert(
      fc.property(triple, region, ([base, ours, theirs], defaultRegion) => {
        const options = { defaultRegion };
        const a = mergeContact(base, ours, theirs, options);
        const b = mergeContact(base, theirs, ours, options);
        expect([...b.conflicts].sort(byPath)).toEqual([...a.conflicts].map(mirror).sort(byPath));
        if (a.conflicts.length === 0) expect(semanticHash(b.merged, options)).toBe(semanticHash(a.merged, options));
      }),
      { numRuns },
    );
  });

  it('is idempotent: merge(b, x, x) = x', () => {
    fc.assert(
      fc.property(fc.option(contactArb, { nil: null }), contactArb, region, (base, x, defaultRegion) => {
        expect(mergeContact(base, x, x, { defaultRegion })).toEqual({ merged: x, conflicts: [] });
      }),
      { numRuns },
    );
  });

  it('takes the only change: merge(b, b, x) = x = merge(b, x, b)', () => {
    fc.assert(
      fc.property(triple, region, ([base, x], defaultRegion) => {
        const b = base ?? x;
        expect(mergeContact(b, b, x, { defaultRegion })).toEqual({ merged: x, conflicts: [] });
        expect(mergeContact(b, x, b, { defaultRegion })).toEqual({ merged: x, conflicts: [] });
      }),
      { numRuns },
    );
  });

  it('never drops an item either side added, and never modifies its inputs', () => {
    fc.assert(
      fc.property(triple, region, ([base, ours, theirs], defaultRegion) => {
        const options = { defaultRegion };
        const inputs = deepFreeze(structuredClone({ base, ours, theirs }));
        const { merged } = mergeContact(inputs.base, inputs.ours, inputs.theirs, options);
        for (const field of listFields) {
          const spec = listSemantics[field] as { key(item: unknown, o: typeof options): string };
          const keys = (items: readonly unknown[]) => new Set(items.map((item) => spec.key(item, options)));
          const baseKeys = base ? keys(base[field]) : new Set<string>();
          const mergedKeys = keys(merged[field]);
          for (const side of [ours, theirs]) {
            for (const key of keys(side[field])) if (!baseKeys.has(key)) expect(mergedKeys, `${field}: ${key}`).toContain(key);
          }
        }
        expect(inputs).toEqual({ base, ours, theirs });
      }),
      { numRuns },
    );
  });

  it('keeps ours for every conflicting scalar', () => {
    fc.assert(
      fc.property(triple, region, ([base, ours, theirs], defaultRegion) => {
        const { merged, conflicts } = mergeContact(base, ours, theirs, { defaultRegion });
        for (const c of conflicts) {
          if (c.path === 'note') expect(merged.note).toBe(ours.note);
          if (c.path === 'birthday') expect(merged.birthday).toEqual(ours.birthday);
          if (c.path.startsWith('name.')) expect(merged.name).toMatchObject({ [c.path.slice(5)]: c.ours });
        }
      }),
      { numRuns },
    );
  });
});

// ---- semantic hash ---------------------------------------------------------------------------

/** The same contact with every list shuffled and every label re-cased and re-spaced. */
function rewritten(x: ContactFields): fc.Arbitrary<ContactFields> {
  const shuffle = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
  const recase = (l: string | null) => fc.constantFrom((s: string) => s.toUpperCase(), (s: string) => s.toLowerCase(), (s: string) => ` ${s} `).map((f) => (l === null ? null : f(l)));
  const relabel = <T extends { label: string | null }>(items: T[]) => fc.tuple(...items.map((item) => recase(item.label).map((l) => ({ ...item, label: l })))).chain(shuffle);
  return fc
    .record({
      nicknames: shuffle(x.nicknames),
      emails: relabel(x.emails),
      phones: relabel(x.phones),
      addresses: relabel(x.addresses),
      organizations: shuffle(x.organizations),
      dates: relabel(x.dates),
      urls: relabel(x.urls),
      ims: relabel(x.ims),
      relations: relabel(x.relations),
      groups: shuffle(x.groups),
      customFields: shuffle(x.customFields),
    })
    .map((lists) => ({ ...x, ...lists }));
}

describe('semanticHash properties', () => {
  it('is invariant under list permutation and label case', () => {
    fc.assert(
      fc.property(
        contactArb.chain((x) => fc.tuple(fc.constant(x), rewritten(x))),
        region,
        ([x, y], defaultRegion) => {
          expect(semanticHash(y, { defaultRegion })).toBe(semanticHash(x, { defaultRegion }));
        },
      ),
      { numRuns },
    );
  });

  it('agrees with the merge: merging two versions with the same hash changes nothing', () => {
    fc.assert(
      fc.property(
        contactArb.chain((x) => fc.tuple(fc.constant(x), rewritten(x))),
        region,
        ([x, y], defaultRegion) => {
          const options = { defaultRegion };
          const { merged, conflicts } = mergeContact(x, x, y, options);
          expect(conflicts).toEqual([]);
          expect(semanticHash(merged, options)).toBe(semanticHash(x, options));
        },
      ),
      { numRuns },
    );
  });
});
