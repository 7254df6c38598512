// The Google People API v1 Person JSON, as far as Concord reads or writes it: a structural subset
// of the Person schema (shared/docs/google-people-api.md §2.1, §2.2), written here so the model
// never imports @googleapis/people (DESIGN.md §1: only providers/google may).
// Invariant: every property is optional and accepts `null` exactly like googleapis'
// `Schema$Person`, and there are no index signatures, so a `people_v1.Schema$Person` is assignable
// to `Person` and back (test/unit/model/person-types.test.ts). Fields not listed here (genders,
// externalIds, sipAddresses, future fields, …) still travel through untouched at run time: the
// writers copy the raw person and replace only what they own (§5.2 replacement semantics).

/** `Date` (§2.2): year 0 = no year; month/day 0 allowed for partial dates. */
export interface GoogleDate {
  year?: number | null;
  month?: number | null;
  day?: number | null;
}

/** One data source of a person (§2.1); `etag`/`updateTime` only inside `person.metadata.sources`. */
export interface Source {
  type?: string | null;
  id?: string | null;
  etag?: string | null;
  updateTime?: string | null;
}

/** `FieldMetadata` on every item (§2.2): `primary` and `verified` are output only. */
export interface FieldMetadata {
  primary?: boolean | null;
  sourcePrimary?: boolean | null;
  verified?: boolean | null;
  source?: Source;
}

export interface PersonMetadata {
  sources?: Source[];
  deleted?: boolean | null;
  previousResourceNames?: string[] | null;
  linkedPeopleResourceNames?: string[] | null;
  objectType?: string | null;
}

export interface PersonName {
  metadata?: FieldMetadata;
  displayName?: string | null;
  displayNameLastFirst?: string | null;
  unstructuredName?: string | null;
  familyName?: string | null;
  givenName?: string | null;
  middleName?: string | null;
  honorificPrefix?: string | null;
  honorificSuffix?: string | null;
  phoneticFullName?: string | null;
  phoneticFamilyName?: string | null;
  phoneticGivenName?: string | null;
  phoneticMiddleName?: string | null;
  phoneticHonorificPrefix?: string | null;
  phoneticHonorificSuffix?: string | null;
}

export interface Nickname {
  metadata?: FieldMetadata;
  value?: string | null;
  type?: string | null;
}

export interface EmailAddress {
  metadata?: FieldMetadata;
  value?: string | null;
  type?: string | null;
  formattedType?: string | null;
  displayName?: string | null;
}

export interface PhoneNumber {
  metadata?: FieldMetadata;
  value?: string | null;
  canonicalForm?: string | null;
  type?: string | null;
  formattedType?: string | null;
}

export interface PersonAddress {
  metadata?: FieldMetadata;
  formattedValue?: string | null;
  type?: string | null;
  formattedType?: string | null;
  poBox?: string | null;
  streetAddress?: string | null;
  extendedAddress?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  countryCode?: string | null;
}

export interface PersonOrganization {
  metadata?: FieldMetadata;
  type?: string | null;
  formattedType?: string | null;
  startDate?: GoogleDate;
  endDate?: GoogleDate;
  current?: boolean | null;
  name?: string | null;
  phoneticName?: string | null;
  department?: string | null;
  title?: string | null;
  jobDescription?: string | null;
  symbol?: string | null;
  domain?: string | null;
  location?: string | null;
  costCenter?: string | null;
  fullTimeEquivalentMillipercent?: number | null;
}

export interface Birthday {
  metadata?: FieldMetadata;
  date?: GoogleDate;
  /** Deprecated free text (§2.2): read only when `date` is absent, never written. */
  text?: string | null;
}

export interface PersonEvent {
  metadata?: FieldMetadata;
  date?: GoogleDate;
  type?: string | null;
  formattedType?: string | null;
}

export interface PersonUrl {
  metadata?: FieldMetadata;
  value?: string | null;
  type?: string | null;
  formattedType?: string | null;
}

export interface Biography {
  metadata?: FieldMetadata;
  value?: string | null;
  /** `TEXT_PLAIN` (default) or `TEXT_HTML`. */
  contentType?: string | null;
}

export interface Relation {
  metadata?: FieldMetadata;
  person?: string | null;
  type?: string | null;
  formattedType?: string | null;
}

export interface ImClient {
  metadata?: FieldMetadata;
  username?: string | null;
  type?: string | null;
  formattedType?: string | null;
  protocol?: string | null;
  formattedProtocol?: string | null;
}

export interface UserDefined {
  metadata?: FieldMetadata;
  key?: string | null;
  value?: string | null;
}

export interface ClientData {
  metadata?: FieldMetadata;
  key?: string | null;
  value?: string | null;
}

export interface ContactGroupMembership {
  /** Deprecated, output only (§6.3). */
  contactGroupId?: string | null;
  contactGroupResourceName?: string | null;
}

export interface Membership {
  metadata?: FieldMetadata;
  contactGroupMembership?: ContactGroupMembership;
  /** Output only (§6.3). The value is left opaque: Concord never reads it. */
  domainMembership?: object;
}

/** Output only (§5.5): changed through updateContactPhoto/deleteContactPhoto, never updateContact. */
export interface Photo {
  metadata?: FieldMetadata;
  url?: string | null;
  default?: boolean | null;
}

export interface Person {
  resourceName?: string | null;
  etag?: string | null;
  metadata?: PersonMetadata;
  names?: PersonName[];
  nicknames?: Nickname[];
  emailAddresses?: EmailAddress[];
  phoneNumbers?: PhoneNumber[];
  addresses?: PersonAddress[];
  organizations?: PersonOrganization[];
  birthdays?: Birthday[];
  events?: PersonEvent[];
  urls?: PersonUrl[];
  biographies?: Biography[];
  relations?: Relation[];
  imClients?: ImClient[];
  userDefined?: UserDefined[];
  clientData?: ClientData[];
  memberships?: Membership[];
  photos?: Photo[];
}

/** The Person fields whose items Concord maps field by field (all writable, §1.3). */
export type MappedField =
  | 'names'
  | 'nicknames'
  | 'emailAddresses'
  | 'phoneNumbers'
  | 'addresses'
  | 'organizations'
  | 'birthdays'
  | 'events'
  | 'urls'
  | 'biographies'
  | 'relations'
  | 'imClients'
  | 'userDefined';

/** Paths Concord may put in `updatePersonFields` (a subset of the writable set of §1.3). */
export type UpdatePersonField = MappedField | 'memberships' | 'clientData';

/** A contact group: resource name → name (for reading) and name → resource name (for writing). */
export type GroupNamesByResource = ReadonlyMap<string, string>;
export type GroupResourcesByName = ReadonlyMap<string, string>;
