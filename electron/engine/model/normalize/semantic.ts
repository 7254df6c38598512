// The meaning of a contact, field by field: what the semantic hash covers and what the three-way
// merge compares. One table serves both, so "the hash did not change" and "the merge sees no
// change" can never disagree.
// - Scalars compare by a projection (text trimmed, NFC, whitespace collapsed; photo by content).
// - Lists are sets of items identified by a normalised key (emailKey, E.164 phone, …). An item is
//   split into parts: parts with a projection (label, title, custom-field value) are meaning and
//   may conflict; parts without one (the value's display text, e.g. "+86 138 0013 8000" versus
//   "+8613800138000") are display only: the key already says they mean the same.
// - "Which item is primary" is a property of the list, not of each item.
// Invariant: semanticView(a) equals semanticView(b) exactly when a and b mean the same.
import type {
  Address,
  ContactFields,
  CustomField,
  ImHandle,
  Label,
  LabeledDate,
  LabeledValue,
  Organization,
  PartialDate,
} from '../../../../shared/model/contact.ts';
import { withFormattedName } from '../display.ts';
import { addressKey } from './address.ts';
import { canonicalJson } from './canonical-json.ts';
import { emailKey } from './email.ts';
import { imKey } from './im.ts';
import { phoneMatchKey } from './phone.ts';
import { customFieldKey, dateKey, groupKey, labelKey, nicknameKey, relationKey } from './simple.ts';
import { cleanNote, cleanText, wordsKey } from './text.ts';
import { urlKey } from './url.ts';

export interface NormalizeOptions {
  /** The account's ISO 3166 region for numbers written without a country code; null if unknown. */
  defaultRegion: string | null;
}

/** Compares one part of an item by meaning; null marks display-only text. */
type PartCompare<V> = ((part: V) => unknown) | null;

export interface ListSemantics<T, P extends object> {
  /** Identity of an item: two items with the same key are the same value. */
  key(item: T, options: NormalizeOptions): string;
  split(item: T): P;
  join(parts: P, primary: boolean): T;
  compare: { readonly [K in keyof P]: PartCompare<P[K]> };
  /** Whether items carry a primary flag; false for plain string lists. */
  hasPrimary: boolean;
  isPrimary(item: T): boolean;
}

export interface ScalarSemantics {
  /** Conflict path and semantic-view key: 'note', 'name.given', … */
  path: string;
  /** The value as stored, shown in conflicts. */
  value(fields: ContactFields): unknown;
  /** The value's meaning. */
  compare(fields: ContactFields): unknown;
  /** Copies this field from one contact to another. */
  take(to: ContactFields, from: ContactFields): void;
  /** "No information": when there is no base, an empty side yields to the other without conflict. */
  isEmpty(fields: ContactFields): boolean;
  /** Without a base: 'a' or 'b' when one value is a compatible refinement of the other. */
  refine?(a: ContactFields, b: ContactFields): 'a' | 'b' | null;
}

const label = (l: Label): unknown => labelKey(l);

interface LabeledParts {
  value: string;
  label: Label;
}

function labeledList(key: (value: string, options: NormalizeOptions) => string): ListSemantics<LabeledValue, LabeledParts> {
  return {
    key: (item, options) => key(item.value, options),
    split: (item) => ({ value: item.value, label: item.label }),
    join: (parts, primary) => ({ value: parts.value, label: parts.label, primary }),
    compare: { value: null, label },
    hasPrimary: true,
    isPrimary: (item) => item.primary,
  };
}

function stringList(key: (value: string) => string): ListSemantics<string, { text: string }> {
  return {
    key: (item) => key(item),
    split: (item) => ({ text: item }),
    join: (parts) => parts.text,
    compare: { text: null },
    hasPrimary: false,
    isPrimary: () => false,
  };
}

type AddressLines = Omit<Address, 'label' | 'primary'>;

const addresses: ListSemantics<Address, { lines: AddressLines; label: Label }> = {
  key: (item) => addressKey(item),
  split: ({ label: itemLabel, primary: _primary, ...lines }) => ({ lines, label: itemLabel }),
  join: (parts, primary) => ({ label: parts.label, primary, ...parts.lines }),
  compare: { lines: null, label },
  hasPrimary: true,
  isPrimary: (item) => item.primary,
};

/** An organisation is identified by its name; one without a name by what else it has. */
function organizationKey(org: Organization): string {
  return wordsKey(org.name) || `~${wordsKey(org.department)}~${wordsKey(org.title)}`;
}

const organizations: ListSemantics<Organization, Organization> = {
  key: organizationKey,
  split: (item) => ({ ...item }),
  join: (parts) => ({ ...parts }),
  compare: { name: null, department: cleanText, title: cleanText, phoneticName: cleanText },
  hasPrimary: false,
  isPrimary: () => false,
};

const dates: ListSemantics<LabeledDate, LabeledDate> = {
  key: (item) => dateKey(item.date),
  split: (item) => ({ label: item.label, date: { ...item.date } }),
  join: (parts) => ({ label: parts.label, date: { ...parts.date } }),
  compare: { date: null, label },
  hasPrimary: false,
  isPrimary: () => false,
};

const ims: ListSemantics<ImHandle, { handle: Pick<ImHandle, 'value' | 'service'>; label: Label }> = {
  key: (item) => imKey(item),
  split: (item) => ({ handle: { value: item.value, service: item.service }, label: item.label }),
  join: (parts) => ({ value: parts.handle.value, service: parts.handle.service, label: parts.label }),
  compare: { handle: null, label },
  hasPrimary: false,
  isPrimary: () => false,
};

const customFields: ListSemantics<CustomField, CustomField> = {
  key: (item) => customFieldKey(item.key),
  split: (item) => ({ ...item }),
  join: (parts) => ({ ...parts }),
  compare: { key: null, value: cleanText },
  hasPrimary: false,
  isPrimary: () => false,
};

export const listSemantics = {
  nicknames: stringList(nicknameKey),
  emails: labeledList((value) => emailKey(value)),
  phones: labeledList((value, options) => phoneMatchKey(value, options.defaultRegion)),
  addresses,
  organizations,
  dates,
  urls: labeledList((value) => urlKey(value)),
  ims,
  relations: labeledList((value) => relationKey(value)),
  groups: stringList(groupKey),
  customFields,
};

export type ListField = keyof typeof listSemantics;

function textScalar(path: string, get: (f: ContactFields) => string, set: (to: ContactFields, v: string) => void): ScalarSemantics {
  return {
    path,
    value: get,
    compare: (f) => cleanText(get(f)),
    take: (to, from) => set(to, get(from)),
    isEmpty: (f) => cleanText(get(f)) === '',
  };
}

const nameParts = ['prefix', 'given', 'middle', 'family', 'suffix', 'phoneticGiven', 'phoneticMiddle', 'phoneticFamily'] as const;

function dateParts(d: PartialDate): [number | null, number | null, number | null] {
  return [d.year, d.month, d.day];
}

/** a refines b when every part b knows, a knows the same ("--04-15" is refined by "1990-04-15"). */
function refines(a: PartialDate, b: PartialDate): boolean {
  const pa = dateParts(a);
  return dateParts(b).every((part, i) => part === null || part === pa[i]);
}

const knownParts = (d: PartialDate) => dateParts(d).filter((p) => p !== null).length;

/**
 * Scalar fields. The name merges per component (given, family, phonetic reading, …): edits to
 * different components on the two sides (a corrected family name here, a furigana reading added
 * there) are independent facts and both survive.
 */
export const scalarSemantics: readonly ScalarSemantics[] = [
  {
    path: 'kind',
    value: (f) => f.kind,
    compare: (f) => f.kind,
    take: (to, from) => {
      to.kind = from.kind;
    },
    // Google has no kind at all: 'individual' is the absence of information.
    isEmpty: (f) => f.kind === 'individual',
  },
  ...nameParts.map((part) =>
    textScalar(
      `name.${part}`,
      (f) => f.name[part],
      (to, v) => {
        to.name[part] = v;
      },
    ),
  ),
  textScalar(
    'formattedName',
    (f) => f.formattedName,
    (to, v) => {
      to.formattedName = v;
    },
  ),
  {
    path: 'birthday',
    value: (f) => f.birthday,
    compare: (f) => (f.birthday && knownParts(f.birthday) > 0 ? { year: f.birthday.year, month: f.birthday.month, day: f.birthday.day } : null),
    take: (to, from) => {
      to.birthday = from.birthday && { ...from.birthday };
    },
    isEmpty: (f) => f.birthday === null || knownParts(f.birthday) === 0,
    refine: (a, b) => {
      if (!a.birthday || !b.birthday) return null;
      if (refines(a.birthday, b.birthday) && knownParts(a.birthday) > knownParts(b.birthday)) return 'a';
      if (refines(b.birthday, a.birthday) && knownParts(b.birthday) > knownParts(a.birthday)) return 'b';
      return null;
    },
  },
  {
    path: 'note',
    value: (f) => f.note,
    compare: (f) => cleanNote(f.note),
    take: (to, from) => {
      to.note = from.note;
    },
    isEmpty: (f) => cleanNote(f.note) === '',
  },
  {
    path: 'photo',
    value: (f) => f.photo,
    // The bytes are the photo; the URI or media type a server reports for them is not.
    compare: (f) => (f.photo?.hash ? { hash: f.photo.hash } : f.photo?.uri ? { uri: f.photo.uri } : null),
    take: (to, from) => {
      to.photo = from.photo && { ...from.photo };
    },
    isEmpty: (f) => !f.photo?.hash && !f.photo?.uri,
  },
];

/**
 * The meaning of one list item: its key and the meaningful parts. Which item is primary is left
 * out on purpose: Google marks exactly one item primary whatever a client sends, a vCard without
 * PREF marks none, and servers reorder lines, so counting it would make two accounts rewrite each
 * other forever. The merge still carries a deliberate primary choice along with other changes.
 */
export function itemView<T, P extends object>(spec: ListSemantics<T, P>, item: T, options: NormalizeOptions): Record<string, unknown> {
  const parts = spec.split(item);
  const view: Record<string, unknown> = { key: spec.key(item, options) };
  for (const name of Object.keys(spec.compare) as (keyof P & string)[]) {
    const compare = spec.compare[name];
    if (compare) view[name] = compare(parts[name]);
  }
  return view;
}

/** A list as a multiset of item meanings: order does not count, duplicates do. */
export function listView<T, P extends object>(spec: ListSemantics<T, P>, items: readonly T[], options: NormalizeOptions): string[] {
  return items.map((item) => canonicalJson(itemView(spec, item, options))).sort();
}

export function listViews(fields: ContactFields, options: NormalizeOptions): Record<ListField, string[]> {
  const l = listSemantics;
  return {
    nicknames: listView(l.nicknames, fields.nicknames, options),
    emails: listView(l.emails, fields.emails, options),
    phones: listView(l.phones, fields.phones, options),
    addresses: listView(l.addresses, fields.addresses, options),
    organizations: listView(l.organizations, fields.organizations, options),
    dates: listView(l.dates, fields.dates, options),
    urls: listView(l.urls, fields.urls, options),
    ims: listView(l.ims, fields.ims, options),
    relations: listView(l.relations, fields.relations, options),
    groups: listView(l.groups, fields.groups, options),
    customFields: listView(l.customFields, fields.customFields, options),
  };
}

/**
 * Version of the view: bump when a key function changes meaning, so stored hashes are known stale.
 * 2: an empty FN reads as the one the hub derives from the structured name (display.ts).
 */
export const semanticViewVersion = 2;

export function semanticView(entered: ContactFields, options: NormalizeOptions): Record<string, unknown> {
  // A card without FN means the same person as the hub's copy with the FN the hub filled in; the
  // fill is the hub's, so it never has to be written back to the account (nor trip a safety guard).
  const fields = withFormattedName(entered);
  const scalars: Record<string, unknown> = {};
  for (const s of scalarSemantics) scalars[s.path] = s.compare(fields);
  return { version: semanticViewVersion, scalars, lists: listViews(fields, options) };
}
