// Turns a stored contact version into the Person JSON Google returns (doc §2, §11 items 5, 8–12).
// Invariants: only fields in the request mask appear; output-only values (displayName, formattedType,
// canonicalForm, primary, source, photos with default:true) are computed here, never stored; defaults are
// omitted (proto3 JSON: no false/0/""/[]); the person etag encodes the requested mask *and* the source
// etag, so etags read with different masks differ (§2.1 [INFER], §10 item 4) while still naming one version.

import type { ContactRecord, ContactVersion } from './people-store.ts';
import { READ_FIELDS } from './person-schema.ts';
import type { Item } from './person-schema.ts';

export interface RenderOptions {
  mask: ReadonlySet<string>;
  /** connections.list truncates emails and phones to 100 (§7.1, §11 item 12). */
  forList: boolean;
  /** Sync requests (with a syncToken) carry metadata.previousResourceNames (§2.1). */
  withPreviousNames: boolean;
  etagDependsOnMask: boolean;
  photoUrl: (photoId: string) => string;
  defaultPhotoUrl: (sourceId: string) => string;
}

const TYPE_LABELS: Record<string, string> = {
  home: 'Home', work: 'Work', other: 'Other', mobile: 'Mobile', homeFax: 'Home Fax', workFax: 'Work Fax',
  otherFax: 'Other Fax', pager: 'Pager', workMobile: 'Work Mobile', workPager: 'Work Pager', main: 'Main',
  googleVoice: 'Google Voice', school: 'School', blog: 'Blog', profile: 'Profile', homePage: 'Home Page', ftp: 'FTP',
  anniversary: 'Anniversary', spouse: 'Spouse', child: 'Child', mother: 'Mother', father: 'Father', parent: 'Parent',
  brother: 'Brother', sister: 'Sister', friend: 'Friend', relative: 'Relative', domesticPartner: 'Domestic Partner',
  manager: 'Manager', assistant: 'Assistant', referredBy: 'Referred By', partner: 'Partner', male: 'Male',
  female: 'Female', unspecified: 'Unspecified',
};
const PROTOCOL_LABELS: Record<string, string> = {
  aim: 'AIM', msn: 'MSN', yahoo: 'Yahoo', skype: 'Skype', qq: 'QQ', googleTalk: 'Google Talk', icq: 'ICQ',
  jabber: 'Jabber', netMeeting: 'NetMeeting',
};
const WITH_FORMATTED_TYPE = new Set([
  'emailAddresses', 'phoneNumbers', 'addresses', 'organizations', 'events', 'urls', 'relations', 'imClients',
  'externalIds', 'sipAddresses', 'calendarUrls', 'miscKeywords',
]);

export function renderPerson(record: ContactRecord, version: ContactVersion, opts: RenderOptions): Record<string, unknown> {
  const source = { type: 'CONTACT', id: record.sourceId };
  const person: Record<string, unknown> = {
    resourceName: record.resourceName,
    etag: personEtag(version, opts.mask, opts.etagDependsOnMask),
  };
  if (opts.mask.has('metadata')) {
    const metadata: Record<string, unknown> = {
      sources: [{ ...source, etag: `#${version.etagCore}`, updateTime: version.updateTime }],
      objectType: 'PERSON',
    };
    if (opts.withPreviousNames) metadata.previousResourceNames = [...record.previousResourceNames];
    person.metadata = metadata;
  }
  for (const field of READ_FIELDS) {
    if (!opts.mask.has(field) || field === 'metadata') continue;
    if (field === 'memberships') {
      person.memberships = version.groups.map((rn) => ({
        metadata: { source },
        contactGroupMembership: { contactGroupId: rn.slice('contactGroups/'.length), contactGroupResourceName: rn },
      }));
      continue;
    }
    if (field === 'photos') {
      person.photos = version.photoId
        ? [{ metadata: { primary: true, source }, url: opts.photoUrl(version.photoId) }]
        : [{ metadata: { primary: true, source }, url: opts.defaultPhotoUrl(record.sourceId), default: true }];
      continue;
    }
    let items = (version.data as Record<string, Item[] | undefined>)[field];
    if (!items || items.length === 0) continue;
    if (opts.forList && (field === 'emailAddresses' || field === 'phoneNumbers')) items = items.slice(0, 100);
    const primary = Math.max(0, items.findIndex((i) => (i.metadata as { sourcePrimary?: boolean } | undefined)?.sourcePrimary));
    person[field] = items.map((item, index) => renderItem(field, item, index === primary, source));
  }
  return prune(person) as Record<string, unknown>;
}

/** A deleted contact in an incremental sync: `{resourceName, etag, metadata:{deleted:true}}` (§11 item 19). */
export function renderTombstone(record: ContactRecord, version: ContactVersion, opts: RenderOptions, withSources: boolean): Record<string, unknown> {
  const metadata: Record<string, unknown> = { deleted: true };
  if (withSources) metadata.sources = [{ type: 'CONTACT', id: record.sourceId, etag: `#${version.etagCore}`, updateTime: version.updateTime }];
  if (opts.withPreviousNames && record.previousResourceNames.length > 0) metadata.previousResourceNames = [...record.previousResourceNames];
  return { resourceName: record.resourceName, etag: personEtag(version, opts.mask, opts.etagDependsOnMask), metadata };
}

function renderItem(field: string, item: Item, primary: boolean, source: { type: string; id: string }): Item {
  const sourcePrimary = (item.metadata as { sourcePrimary?: boolean } | undefined)?.sourcePrimary === true;
  const out: Item = { metadata: { primary, sourcePrimary, source }, ...withoutMetadata(item) };
  if (field === 'names') Object.assign(out, nameDisplay(item));
  if (WITH_FORMATTED_TYPE.has(field) && typeof item.type === 'string') out.formattedType = TYPE_LABELS[item.type] ?? item.type;
  if (field === 'phoneNumbers' && typeof item.value === 'string') {
    // Only numbers already in international form: Google parses national numbers with the account's
    // region, which the fake does not know, so clients must not rely on canonicalForm being present.
    const digits = item.value.replace(/[^\d]/g, '');
    if (item.value.trim().startsWith('+') && digits.length >= 7 && digits.length <= 15) out.canonicalForm = `+${digits}`;
  }
  if (field === 'addresses' && item.formattedValue === undefined) {
    const line = (...parts: unknown[]) => parts.filter((p) => typeof p === 'string' && p !== '').join(' ');
    out.formattedValue = [line(item.streetAddress), line(item.extendedAddress), line(item.poBox),
      line(item.city, item.region, item.postalCode), line(item.country)].filter((l) => l !== '').join('\n');
  }
  if (field === 'genders' && typeof item.value === 'string') out.formattedValue = TYPE_LABELS[item.value] ?? item.value;
  if (field === 'imClients' && typeof item.protocol === 'string') out.formattedProtocol = PROTOCOL_LABELS[item.protocol] ?? item.protocol;
  if (field === 'biographies' && out.contentType === undefined) out.contentType = 'TEXT_PLAIN';
  return out;
}

function withoutMetadata(item: Item): Item {
  const { metadata: _metadata, ...rest } = item;
  return structuredClone(rest);
}

function nameDisplay(name: Item): Item {
  const s = (k: string) => (typeof name[k] === 'string' ? (name[k] as string).trim() : '');
  const given = [s('givenName'), s('middleName')].filter(Boolean).join(' ');
  const full = [s('honorificPrefix'), given, s('familyName'), s('honorificSuffix')].filter(Boolean).join(' ');
  const display = full || s('unstructuredName');
  const lastFirst = s('familyName') && given ? `${s('familyName')}, ${given}` : display;
  return { displayName: display, displayNameLastFirst: lastFirst, unstructuredName: s('unstructuredName') || display };
}

/** `%` + base64 of (mask field numbers, source etag core), shaped like Google's person etags (§2.1). */
export function personEtag(version: ContactVersion, mask: ReadonlySet<string>, dependsOnMask: boolean): string {
  const fields = dependsOnMask ? READ_FIELDS.flatMap((f, i) => (mask.has(f) ? [i + 1] : [])) : [];
  const core = Buffer.from(version.etagCore, 'latin1');
  return `%${Buffer.concat([Buffer.from([0x12, fields.length, ...fields, 0x22, core.length]), core]).toString('base64')}`;
}

/** The source etag core inside a person etag, or undefined if it is not one of ours. */
export function personEtagCore(etag: string): string | undefined {
  if (!etag.startsWith('%')) return undefined;
  const bytes = Buffer.from(etag.slice(1), 'base64');
  const n = bytes[1];
  if (bytes[0] !== 0x12 || n === undefined) return undefined;
  const at = 2 + n;
  const len = bytes[at + 1];
  if (bytes[at] !== 0x22 || len === undefined || bytes.length !== at + 2 + len) return undefined;
  return bytes.subarray(at + 2).toString('latin1');
}

/** proto3 JSON: drop null/undefined, false, 0, "" and empty arrays; keep empty objects (§1.2). */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null || child === undefined || child === false || child === 0 || child === '') continue;
    if (Array.isArray(child) && child.length === 0) continue;
    out[key] = prune(child);
  }
  return out;
}
