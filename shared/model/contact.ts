// The canonical contact (DESIGN.md §3): a superset of vCard 3.0/4.0 and Google's Person, as
// JSON-safe plain data (no classes, no Dates, no undefined: every optional value is null or an
// empty string/array, so two equal contacts serialise to equal JSON).
// Display text is kept exactly as entered; normalised forms for matching are computed by the
// engine's model/normalize/ and never stored here.
// Invariant: what Concord cannot represent here is not lost: each remote record keeps its raw
// payload and writes patch it (vCard lines, Person fields outside the update mask).

/**
 * A label as the user sees it. Well-known labels use the lower-case words below (shared by vCard
 * TYPE, Apple's X-ABLabel `_$!<Mobile>!$_` and Google's `type`); anything else is a custom label
 * kept verbatim ("Grandma's landline"). null when the value has no label.
 */
export type Label = string | null;

/** Well-known labels (vocabulary shared across providers); custom labels are any other string. */
export const wellKnownLabels = [
  'home',
  'work',
  'other',
  'mobile',
  'main',
  'iphone',
  'home fax',
  'work fax',
  'other fax',
  'pager',
  'work mobile',
  'work pager',
  'google voice',
  'school',
  'blog',
  'profile',
  'homepage',
  'anniversary',
] as const;

export interface LabeledValue {
  value: string;
  label: Label;
  /** vCard PREF / Google metadata.primary: the one to use first. */
  primary: boolean;
}

export interface StructuredName {
  prefix: string;
  given: string;
  middle: string;
  family: string;
  suffix: string;
  /** X-PHONETIC-* (Apple), Person phonetic*; furigana and pinyin live here. */
  phoneticGiven: string;
  phoneticMiddle: string;
  phoneticFamily: string;
}

export interface Address {
  label: Label;
  primary: boolean;
  poBox: string;
  /** Apartment, suite (vCard "extended address"). */
  extended: string;
  street: string;
  locality: string;
  region: string;
  postalCode: string;
  country: string;
  /** ISO 3166-1 alpha-2 when known (Apple X-ABADR, Google countryCode); '' otherwise. */
  countryCode: string;
}

export interface Organization {
  name: string;
  department: string;
  title: string;
  phoneticName: string;
}

/**
 * A calendar date where any part may be unknown: year-less birthdays are common (vCard `--0415`,
 * Apple's year 1604 with X-APPLE-OMIT-YEAR, Google year 0). null parts are unknown, never 0.
 */
export interface PartialDate {
  year: number | null;
  month: number | null;
  day: number | null;
}

export interface LabeledDate {
  label: Label;
  date: PartialDate;
}

export interface ImHandle {
  /** The handle as entered. */
  value: string;
  /** Protocol in lower case: 'skype', 'qq', 'jabber', 'aim', … or a custom one verbatim. */
  service: string;
  label: Label;
}

/** Photo, content-addressed: the bytes live in the engine's blob store under `hash`. */
export interface PhotoRef {
  /** base64url SHA-256 of the image bytes; null for a photo known only by URI. */
  hash: string | null;
  mediaType: string | null;
  /** VALUE=uri photos and Google's photo URL; null for embedded images. */
  uri: string | null;
}

export interface CustomField {
  /** Google userDefined key; vCard itemN.X-ABLabel. */
  key: string;
  value: string;
}

export interface ContactFields {
  /** vCard 4 KIND / Apple X-ABShowAs:COMPANY: a company card shows the organisation name. */
  kind: 'individual' | 'organization';
  name: StructuredName;
  /** FN as entered; '' when the source had none (the display name is then derived). */
  formattedName: string;
  nicknames: string[];
  emails: LabeledValue[];
  phones: LabeledValue[];
  addresses: Address[];
  organizations: Organization[];
  birthday: PartialDate | null;
  /** Anniversaries and custom-labelled dates (X-ABDATE, Google events). */
  dates: LabeledDate[];
  urls: LabeledValue[];
  ims: ImHandle[];
  /** Related people by name: label 'spouse', 'child', 'mother', … or custom (X-ABRELATEDNAMES, Google relations). */
  relations: LabeledValue[];
  note: string;
  /** Group (label) names the contact belongs to: CATEGORIES, Apple group cards, Google contact groups. */
  groups: string[];
  photo: PhotoRef | null;
  customFields: CustomField[];
}

export interface ContactSummary {
  id: string;
  displayName: string;
  /** First email and phone for the list row; null when absent. */
  email: string | null;
  phone: string | null;
  organization: string | null;
}

export interface Contact {
  id: string;
  fields: ContactFields;
  displayName: string;
  createdAt: string;
  updatedAt: string;
}

export function emptyName(): StructuredName {
  return { prefix: '', given: '', middle: '', family: '', suffix: '', phoneticGiven: '', phoneticMiddle: '', phoneticFamily: '' };
}

export function emptyContactFields(): ContactFields {
  return {
    kind: 'individual',
    name: emptyName(),
    formattedName: '',
    nicknames: [],
    emails: [],
    phones: [],
    addresses: [],
    organizations: [],
    birthday: null,
    dates: [],
    urls: [],
    ims: [],
    relations: [],
    note: '',
    groups: [],
    photo: null,
    customFields: [],
  };
}
