// The Person schema as the People API v1 discovery document defines it (doc §1.3, §2.2; field lists
// checked against @googleapis/people 12's generated Schema$* types). Used to reject unknown JSON keys the
// way Google does (§5.1: `Unknown name "x" at 'person.names[0]': Cannot find field.`), to strip
// output-only data clients send back (§11 item 9), and to enforce contact singletons (§5.1).
// Invariant: the fake stores only writable, known data; everything output-only is recomputed on read.

import { invalidArgument, unknownField } from './errors.ts';
import { snake } from './params.ts';

/** personFields / readMask values (doc §1.3). */
export const READ_FIELDS = [
  'addresses', 'ageRanges', 'biographies', 'birthdays', 'calendarUrls', 'clientData', 'coverPhotos', 'emailAddresses',
  'events', 'externalIds', 'genders', 'imClients', 'interests', 'locales', 'locations', 'memberships', 'metadata',
  'miscKeywords', 'names', 'nicknames', 'occupations', 'organizations', 'phoneNumbers', 'photos', 'relations',
  'sipAddresses', 'skills', 'urls', 'userDefined',
] as const;

/** updatePersonFields / updateMask values: no photos, no metadata (doc §1.3). */
export const WRITE_FIELDS = [
  'addresses', 'biographies', 'birthdays', 'calendarUrls', 'clientData', 'emailAddresses', 'events', 'externalIds',
  'genders', 'imClients', 'interests', 'locales', 'locations', 'memberships', 'miscKeywords', 'names', 'nicknames',
  'occupations', 'organizations', 'phoneNumbers', 'relations', 'sipAddresses', 'urls', 'userDefined',
] as const;

export type WriteField = (typeof WRITE_FIELDS)[number];

/** Contact singletons: more than one item → 400 (doc §5.1, §10 item 13). */
export const SINGLETON_FIELDS: readonly WriteField[] = ['names', 'birthdays', 'biographies', 'genders'];

type Spec = 'scalar' | { type: string; repeated?: true };
const S = 'scalar' as const;
const T = (type: string): Spec => ({ type });
const L = (type: string): Spec => ({ type, repeated: true });
const M = 'metadata';

const item = (extra: Record<string, Spec>): Record<string, Spec> => ({ [M]: T('FieldMetadata'), ...extra });
const typed = (extra: Record<string, Spec> = {}) => item({ value: S, type: S, formattedType: S, ...extra });

const TYPES: Record<string, Record<string, Spec>> = {
  Person: {
    resourceName: S, etag: S, metadata: T('PersonMetadata'), addresses: L('Address'), ageRange: S, ageRanges: L('AgeRangeType'),
    biographies: L('Biography'), birthdays: L('Birthday'), braggingRights: L('Simple'), calendarUrls: L('CalendarUrl'),
    clientData: L('ClientData'), coverPhotos: L('Photo'), emailAddresses: L('EmailAddress'), events: L('Event'),
    externalIds: L('Typed'), fileAses: L('Simple'), genders: L('Gender'), imClients: L('ImClient'), interests: L('Simple'),
    locales: L('Simple'), locations: L('Location'), memberships: L('Membership'), miscKeywords: L('Typed'), names: L('Name'),
    nicknames: L('Nickname'), occupations: L('Simple'), organizations: L('Organization'), phoneNumbers: L('PhoneNumber'),
    photos: L('Photo'), relations: L('Relation'), relationshipInterests: L('Formatted'), relationshipStatuses: L('Formatted'),
    residences: L('Residence'), sipAddresses: L('Typed'), skills: L('Simple'), taglines: L('Simple'), urls: L('Typed'),
    userDefined: L('KeyValue'),
  },
  PersonMetadata: { deleted: S, linkedPeopleResourceNames: S, objectType: S, previousResourceNames: S, sources: L('Source') },
  Source: { etag: S, id: S, profileMetadata: T('ProfileMetadata'), type: S, updateTime: S },
  ProfileMetadata: { objectType: S, userTypes: S },
  FieldMetadata: { primary: S, source: T('Source'), sourcePrimary: S, verified: S },
  Date: { year: S, month: S, day: S },
  Address: item({
    city: S, country: S, countryCode: S, extendedAddress: S, formattedType: S, formattedValue: S, poBox: S, postalCode: S,
    region: S, streetAddress: S, type: S,
  }),
  AgeRangeType: item({ ageRange: S }),
  Biography: item({ value: S, contentType: S }),
  Birthday: item({ date: T('Date'), text: S }),
  CalendarUrl: item({ url: S, type: S, formattedType: S }),
  ClientData: item({ key: S, value: S }),
  KeyValue: item({ key: S, value: S }),
  EmailAddress: typed({ displayName: S }),
  Event: item({ date: T('Date'), type: S, formattedType: S }),
  Gender: item({ value: S, formattedValue: S, addressMeAs: S }),
  ImClient: item({ username: S, type: S, formattedType: S, protocol: S, formattedProtocol: S }),
  Location: item({ value: S, type: S, current: S, buildingId: S, floor: S, floorSection: S, deskCode: S }),
  Membership: item({ contactGroupMembership: T('ContactGroupMembership'), domainMembership: T('DomainMembership') }),
  ContactGroupMembership: { contactGroupId: S, contactGroupResourceName: S },
  DomainMembership: { inViewerDomain: S },
  Name: item({
    displayName: S, displayNameLastFirst: S, unstructuredName: S, familyName: S, givenName: S, middleName: S,
    honorificPrefix: S, honorificSuffix: S, phoneticFullName: S, phoneticFamilyName: S, phoneticGivenName: S,
    phoneticMiddleName: S, phoneticHonorificPrefix: S, phoneticHonorificSuffix: S,
  }),
  Nickname: item({ value: S, type: S }),
  Organization: item({
    type: S, formattedType: S, startDate: T('Date'), endDate: T('Date'), current: S, name: S, phoneticName: S, department: S,
    title: S, jobDescription: S, symbol: S, domain: S, location: S, costCenter: S, fullTimeEquivalentMillipercent: S,
  }),
  PhoneNumber: typed({ canonicalForm: S }),
  Photo: item({ url: S, default: S }),
  Relation: item({ person: S, type: S, formattedType: S }),
  Formatted: item({ value: S, formattedValue: S }),
  Residence: item({ value: S, current: S }),
  Simple: item({ value: S }),
  Typed: typed(),
};

/** Output-only keys per item type, dropped before storing (recomputed by person-render.ts). */
const OUTPUT_ONLY: Record<string, readonly string[]> = {
  Name: ['displayName', 'displayNameLastFirst'],
  PhoneNumber: ['canonicalForm', 'formattedType'],
  ImClient: ['formattedType', 'formattedProtocol'],
  Gender: ['formattedValue'],
  Membership: ['domainMembership'],
};
const FORMATTED_TYPE_OWNERS = ['EmailAddress', 'Address', 'Organization', 'Event', 'Relation', 'Typed', 'CalendarUrl'];

export function itemTypeOf(field: string): string | undefined {
  const spec = TYPES.Person?.[field];
  return spec && spec !== 'scalar' ? spec.type : undefined;
}

/**
 * Throws Google's 400 for any key the schema does not define, or a value of the wrong JSON kind.
 * `at` is the proto path used in messages (`person`, `contacts[0].contact_person`).
 */
export function checkKnownFields(value: unknown, type: string, at: string): void {
  const fields = TYPES[type];
  if (!fields) throw new Error(`person-schema: unknown type ${type}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(`Invalid value at '${at}' (type.googleapis.com/google.people.v1.${type}), ${JSON.stringify(value)}`);
  }
  for (const [key, child] of Object.entries(value)) {
    const spec = fields[key];
    if (spec === undefined) throw unknownField(key, at);
    if (child === null || child === undefined) continue;
    const path = at ? `${at}.${snake(key)}` : snake(key);
    if (spec === 'scalar') {
      if (typeof child === 'object' && !Array.isArray(child)) {
        throw invalidArgument(`Invalid value at '${path}', ${JSON.stringify(child)}`);
      }
      continue;
    }
    if (spec.repeated) {
      if (!Array.isArray(child)) {
        throw invalidArgument(`Invalid value at '${path}' (type.googleapis.com/google.people.v1.${spec.type}), ${JSON.stringify(child)}`);
      }
      child.forEach((element, i) => checkKnownFields(element, spec.type, `${path}[${i}]`));
    } else {
      checkKnownFields(child, spec.type, path);
    }
  }
}

/** A stored contact item: writable data only, keys in the order given. */
export type Item = Record<string, unknown>;

/** Drops output-only keys and item metadata except the writable `sourcePrimary` (doc §2.2). */
export function cleanItem(field: WriteField, raw: Item): Item {
  const type = itemTypeOf(field) ?? 'Simple';
  const dropped = new Set(OUTPUT_ONLY[type] ?? []);
  if (FORMATTED_TYPE_OWNERS.includes(type)) dropped.add('formattedType');
  const out: Item = {};
  for (const [key, value] of Object.entries(raw)) {
    if (dropped.has(key) || value === null || value === undefined) continue;
    if (key === 'metadata') {
      const sourcePrimary = (value as { sourcePrimary?: unknown }).sourcePrimary;
      if (sourcePrimary === true) out.metadata = { sourcePrimary: true };
      continue;
    }
    if (key === 'contactGroupMembership') {
      const rn = (value as { contactGroupResourceName?: unknown }).contactGroupResourceName;
      if (typeof rn === 'string') out.contactGroupMembership = { contactGroupResourceName: rn };
      continue;
    }
    out[key] = structuredClone(value);
  }
  return out;
}
