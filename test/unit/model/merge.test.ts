// Decision tables of the field-level three-way merge (DESIGN.md §4.2): one-sided change, same
// change, different changes, add/add, remove/keep, remove/change, label conflicts, primary, and
// the first link (no base). "Changed" means changed in meaning, so reformatting never conflicts.
import { describe, expect, it } from 'vitest';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { Address, ContactFields, LabeledValue } from '../../../shared/model/contact.ts';
import { mergeContact } from '../../../electron/engine/model/merge/contact.ts';
import { pathKey } from '../../../electron/engine/model/merge/lists.ts';

const opts = { defaultRegion: 'CN' };
const contact = (patch: Partial<ContactFields> = {}): ContactFields => ({ ...emptyContactFields(), ...patch });
const email = (value: string, label: string | null = null, primary = false): LabeledValue => ({ value, label, primary });
const merge = (base: ContactFields | null, ours: ContactFields, theirs: ContactFields) => mergeContact(base, ours, theirs, opts);

describe('scalars', () => {
  const note = (n: string) => contact({ note: n });
  it.each([
    ['nobody changed', 'a', 'a', 'a', 'a'],
    ['ours changed', 'a', 'b', 'a', 'b'],
    ['theirs changed', 'a', 'a', 'b', 'b'],
    ['both made the same change', 'a', 'b', 'b', 'b'],
    ['ours only re-spaced, theirs changed', 'a', '  a\r\n', 'c', 'c'],
    ['theirs emptied it', 'a', 'a', '', ''],
  ])('%s: base %j, ours %j, theirs %j → %j without conflict', (_case, b, o, t, expected) => {
    const { merged, conflicts } = merge(note(b), note(o), note(t));
    expect(merged.note).toBe(expected);
    expect(conflicts).toEqual([]);
  });

  it('different changes conflict; merged keeps ours and the conflict has all three', () => {
    const { merged, conflicts } = merge(note('a'), note('b'), note('c'));
    expect(merged.note).toBe('b');
    expect(conflicts).toEqual([{ path: 'note', base: 'a', ours: 'b', theirs: 'c' }]);
  });

  it('merges the name per component: independent edits both survive', () => {
    const base = contact({ name: { ...emptyContactFields().name, given: '太郎', family: '山田' } });
    const ours = contact({ name: { ...base.name, family: '山本' } });
    const theirs = contact({ name: { ...base.name, phoneticFamily: 'やまだ', phoneticGiven: 'たろう' } });
    const { merged, conflicts } = merge(base, ours, theirs);
    expect(merged.name).toEqual({ ...base.name, family: '山本', phoneticFamily: 'やまだ', phoneticGiven: 'たろう' });
    expect(conflicts).toEqual([]);
  });

  it('reports a name component changed differently on both sides by its path', () => {
    const base = contact({ name: { ...emptyContactFields().name, given: 'Bob', family: 'Smith' } });
    const { merged, conflicts } = merge(base, contact({ name: { ...base.name, given: 'Robert' } }), contact({ name: { ...base.name, given: 'Bobby' } }));
    expect(merged.name.given).toBe('Robert');
    expect(conflicts).toEqual([{ path: 'name.given', base: 'Bob', ours: 'Robert', theirs: 'Bobby' }]);
  });

  it('birthday, kind and photo follow the same rule', () => {
    const base = contact({ birthday: { year: 1990, month: 4, day: 15 } });
    expect(merge(base, base, contact({ birthday: null })).merged.birthday).toBeNull();
    const both = merge(base, contact({ birthday: { year: 1990, month: 4, day: 16 } }), contact({ birthday: { year: null, month: 4, day: 15 } }));
    expect(both.conflicts.map((c) => c.path)).toEqual(['birthday']);
    expect(both.merged.birthday).toEqual({ year: 1990, month: 4, day: 16 });
    expect(merge(contact(), contact(), contact({ kind: 'organization' })).merged.kind).toBe('organization');
    // A photo is its bytes: a new URL or media type for the same bytes is not a change.
    const photo = contact({ photo: { hash: 'h1', mediaType: 'image/jpeg', uri: null } });
    const moved = contact({ photo: { hash: 'h1', mediaType: 'image/JPEG', uri: 'https://p/1' } });
    expect(merge(photo, contact({ photo: { hash: 'h2', mediaType: 'image/png', uri: null } }), moved)).toMatchObject({ merged: { photo: { hash: 'h2' } }, conflicts: [] });
  });
});

describe('lists', () => {
  const base = contact({ emails: [email('ann@example.org', 'home', true), email('bob@example.org', 'work')] });

  it('additions on both sides survive: ours in order, then theirs', () => {
    const ours = contact({ emails: [...base.emails, email('cat@example.org')] });
    const theirs = contact({ emails: [email('dan@example.org'), ...base.emails] });
    const { merged, conflicts } = merge(base, ours, theirs);
    expect(merged.emails.map((e) => e.value)).toEqual(['ann@example.org', 'bob@example.org', 'cat@example.org', 'dan@example.org']);
    expect(conflicts).toEqual([]);
  });

  it('the same item added on both sides is one item; different labels for it conflict', () => {
    const same = merge(base, contact({ emails: [...base.emails, email('cat@example.org', 'work')] }), contact({ emails: [...base.emails, email('Cat@Example.org', 'WORK')] }));
    expect(same.merged.emails.map((e) => e.value)).toEqual(['ann@example.org', 'bob@example.org', 'cat@example.org']);
    expect(same.conflicts).toEqual([]);
    const differ = merge(base, contact({ emails: [...base.emails, email('cat@example.org', 'work')] }), contact({ emails: [...base.emails, email('cat@example.org', 'home')] }));
    expect(differ.conflicts).toEqual([{ path: 'emails[cat@example.org].label', base: null, ours: 'work', theirs: 'home' }]);
    // An added item without a label takes the other side's label.
    const unlabeled = merge(base, contact({ emails: [...base.emails, email('cat@example.org')] }), contact({ emails: [...base.emails, email('cat@example.org', 'home')] }));
    expect(unlabeled.merged.emails[2]).toEqual(email('cat@example.org', 'home'));
    expect(unlabeled.conflicts).toEqual([]);
  });

  it('a removal on one side removes when the other side kept the item', () => {
    const theirs = contact({ emails: [base.emails[0]!] });
    expect(merge(base, base, theirs).merged.emails).toEqual([base.emails[0]]);
    // Even when ours changed something else in the list.
    const ours = contact({ emails: [...base.emails, email('cat@example.org')] });
    const { merged, conflicts } = merge(base, ours, theirs);
    expect(merged.emails.map((e) => e.value)).toEqual(['ann@example.org', 'cat@example.org']);
    expect(conflicts).toEqual([]);
  });

  it('removal against a change of the same item conflicts; merged keeps ours', () => {
    const relabeled = contact({ emails: [base.emails[0]!, email('bob@example.org', 'home'), email('cat@example.org')] });
    const removed = contact({ emails: [base.emails[0]!] });
    const keep = merge(base, relabeled, removed);
    expect(keep.merged.emails.map((e) => e.value)).toEqual(['ann@example.org', 'bob@example.org', 'cat@example.org']);
    expect(keep.conflicts).toEqual([{ path: 'emails[bob@example.org]', base: base.emails[1], ours: relabeled.emails[1], theirs: null }]);
    const drop = merge(base, removed, relabeled);
    expect(drop.merged.emails.map((e) => e.value)).toEqual(['ann@example.org', 'cat@example.org']);
    expect(drop.conflicts).toEqual([{ path: 'emails[bob@example.org]', base: base.emails[1], ours: null, theirs: relabeled.emails[1] }]);
  });

  it('a label changed differently on both sides conflicts; a re-cased label is no change', () => {
    const ours = contact({ emails: [base.emails[0]!, email('bob@example.org', 'other')] });
    const theirs = contact({ emails: [base.emails[0]!, email('bob@example.org', 'home')] });
    const { merged, conflicts } = merge(base, ours, theirs);
    expect(merged.emails[1]?.label).toBe('other');
    expect(conflicts).toEqual([{ path: 'emails[bob@example.org].label', base: 'work', ours: 'other', theirs: 'home' }]);
    const recased = merge(base, contact({ emails: [base.emails[0]!, email('bob@example.org', 'WORK')] }), theirs);
    expect(recased.merged.emails[1]?.label).toBe('home');
    expect(recased.conflicts).toEqual([]);
  });

  it('a reformatted phone number is the same item: the other side’s label change applies, no conflict', () => {
    const phone = (value: string, label: string) => ({ value, label, primary: false });
    const b = contact({ phones: [phone('+86 138 0013 8000', 'mobile')] });
    const { merged, conflicts } = merge(b, contact({ phones: [phone('+86 138 0013 8000', 'work')] }), contact({ phones: [phone('13800138000', 'mobile')] }));
    expect(merged.phones).toEqual([phone('13800138000', 'work')]);
    expect(conflicts).toEqual([]);
  });

  it('primary is one choice per list: different choices conflict, one-sided ones apply', () => {
    const b = contact({ emails: [email('a@x.org', null, true), email('b@x.org'), email('c@x.org')] });
    const pick = (v: string) => contact({ emails: b.emails.map((e) => ({ ...e, primary: e.value === v })) });
    const one = merge(b, b, pick('c@x.org'));
    expect(one.merged.emails.map((e) => e.primary)).toEqual([false, false, true]);
    expect(one.conflicts).toEqual([]);
    const two = merge(b, pick('b@x.org'), pick('c@x.org'));
    expect(two.merged.emails.map((e) => e.primary)).toEqual([false, true, false]);
    expect(two.conflicts).toEqual([{ path: 'emails.primary', base: [b.emails[0]], ours: [pick('b@x.org').emails[1]], theirs: [pick('c@x.org').emails[2]] }]);
  });

  it('merges part by part inside an item: organisation title and department', () => {
    const org = { name: 'Acme', department: 'R&D', title: 'Engineer', phoneticName: '' };
    const b = contact({ organizations: [org] });
    const { merged, conflicts } = merge(b, contact({ organizations: [{ ...org, title: 'Lead' }] }), contact({ organizations: [{ ...org, name: 'ACME', department: 'Research' }] }));
    expect(merged.organizations).toEqual([{ name: 'ACME', department: 'Research', title: 'Lead', phoneticName: '' }]);
    expect(conflicts).toEqual([]);
  });

  it('custom fields are keyed by their key: different values conflict', () => {
    const b = contact({ customFields: [{ key: 'Employee ID', value: '1' }] });
    const { conflicts } = merge(b, contact({ customFields: [{ key: 'Employee ID', value: '2' }] }), contact({ customFields: [{ key: 'employee id', value: '3' }] }));
    expect(conflicts).toEqual([{ path: 'customFields[employee id].value', base: '1', ours: '2', theirs: '3' }]);
  });

  it('string lists (groups, nicknames) are sets by folded key', () => {
    const b = contact({ groups: ['Friends', 'Work'], nicknames: ['Bob'] });
    const { merged, conflicts } = merge(b, contact({ groups: ['friends', 'Work', 'Family'], nicknames: ['Bob'] }), contact({ groups: ['Friends'], nicknames: ['Bob', 'Bobby'] }));
    expect(merged.groups).toEqual(['friends', 'Family']);
    expect(merged.nicknames).toEqual(['Bob', 'Bobby']);
    expect(conflicts).toEqual([]);
  });

  it('addresses are keyed by their folded text; edited differently on both sides, both versions survive', () => {
    const addr = (street: string, label = 'home'): Address => ({
      label, primary: false, poBox: '', extended: '', street, locality: 'Springfield', region: 'IL', postalCode: '62701', country: 'USA', countryCode: '',
    });
    const b = contact({ addresses: [addr('1 Main St')] });
    const relabeled = merge(b, contact({ addresses: [addr('1 MAIN ST.', 'work')] }), b);
    expect(relabeled.merged.addresses).toEqual([addr('1 MAIN ST.', 'work')]);
    const both = merge(b, contact({ addresses: [addr('2 Main St')] }), contact({ addresses: [addr('3 Main St')] }));
    expect(both.merged.addresses.map((a) => a.street)).toEqual(['2 Main St', '3 Main St']);
    expect(both.conflicts).toEqual([]);
  });

  it('repeated keys are told apart by occurrence, and keys are escaped in paths', () => {
    expect(pathKey('a]b#c\\')).toBe('a\\]b\\#c\\\\');
    const b = contact({ emails: [email('a@x.org', 'home'), email('A@x.org', 'work')] });
    const { conflicts } = merge(b, contact({ emails: [email('a@x.org', 'home'), email('A@x.org', 'other')] }), contact({ emails: [email('a@x.org', 'home'), email('A@x.org', 'mobile')] }));
    expect(conflicts.map((c) => c.path)).toEqual(['emails[a@x.org#2].label']);
  });
});

describe('no base (first link of two records)', () => {
  it('unions lists and takes scalars only one side has', () => {
    const ours = contact({ name: { ...emptyContactFields().name, given: 'Ann' }, emails: [email('ann@example.org', 'home', true)], note: 'met at PyCon' });
    const theirs = contact({
      kind: 'individual',
      name: { ...emptyContactFields().name, given: 'Ann', family: 'Lee' },
      emails: [email('ANN@example.org'), email('ann.lee@work.example')],
      birthday: { year: null, month: 4, day: 15 },
      groups: ['Friends'],
    });
    const { merged, conflicts } = merge(null, ours, theirs);
    expect(merged.name.family).toBe('Lee');
    expect(merged.note).toBe('met at PyCon');
    expect(merged.birthday).toEqual({ year: null, month: 4, day: 15 });
    expect(merged.emails).toEqual([email('ann@example.org', 'home', true), email('ann.lee@work.example')]);
    expect(merged.groups).toEqual(['Friends']);
    expect(conflicts).toEqual([]);
  });

  it('differing scalars conflict; a birthday that only adds the year is a refinement', () => {
    const { merged, conflicts } = merge(
      null,
      contact({ note: 'a', birthday: { year: null, month: 4, day: 15 }, kind: 'organization' }),
      contact({ note: 'b', birthday: { year: 1990, month: 4, day: 15 } }),
    );
    expect(merged.note).toBe('a');
    expect(merged.birthday).toEqual({ year: 1990, month: 4, day: 15 });
    expect(merged.kind).toBe('organization');
    expect(conflicts).toEqual([{ path: 'note', base: null, ours: 'a', theirs: 'b' }]);
  });

  it('different primary choices conflict; a side with none defers', () => {
    const a = contact({ emails: [email('a@x.org', null, true), email('b@x.org')] });
    const b = contact({ emails: [email('a@x.org'), email('b@x.org', null, true)] });
    expect(merge(null, a, b).conflicts.map((c) => c.path)).toEqual(['emails.primary']);
    const none = contact({ emails: [email('a@x.org'), email('b@x.org'), email('c@x.org')] });
    const { merged, conflicts } = merge(null, none, b);
    expect(merged.emails.map((e) => e.primary)).toEqual([false, true, false]);
    expect(conflicts).toEqual([]);
  });
});

describe('purity', () => {
  it('does not modify its inputs and shares no objects with them', () => {
    const base = contact({ emails: [email('a@x.org', 'home')], birthday: { year: 1990, month: 1, day: 2 } });
    const ours = contact({ emails: [email('a@x.org', 'work')], birthday: { year: 1990, month: 1, day: 2 } });
    const theirs = contact({ emails: [email('a@x.org', 'home'), email('b@x.org')], birthday: { year: 1991, month: 1, day: 2 } });
    const snapshot = structuredClone([base, ours, theirs]);
    const { merged } = merge(base, ours, theirs);
    merged.emails[0]!.label = 'changed';
    merged.emails[1]!.value = 'changed';
    merged.birthday!.year = 0;
    expect([base, ours, theirs]).toEqual(snapshot);
  });
});
