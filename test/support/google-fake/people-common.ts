// Parameter rules shared by the people.* handlers: read masks, sources, and contact resource names
// (doc §1.3, §2.4, §4, §8.2). Invariants: a read without personFields is a 400 with Google's exact text;
// `people/me` and non-contact ids are not contacts for writes (400 "…is not a valid contact person
// resource."); an unknown or deleted contact is 404 NOT_FOUND "Requested entity was not found."

import { failedPrecondition, invalidArgument, notFound } from './errors.ts';
import { maskRequired, parseMask } from './params.ts';
import type { Query } from './params.ts';
import type { ContactRecord } from './people-store.ts';
import { READ_FIELDS } from './person-schema.ts';
import { personEtagCore } from './person-render.ts';
import type { FakeState } from './state.ts';

export const READ_SOURCES = [
  'READ_SOURCE_TYPE_UNSPECIFIED', 'READ_SOURCE_TYPE_PROFILE', 'READ_SOURCE_TYPE_CONTACT', 'READ_SOURCE_TYPE_DOMAIN_CONTACT',
  'READ_SOURCE_TYPE_OTHER_CONTACT',
] as const;

/** Default sources when unset: CONTACT + PROFILE (§2.4). */
export function readSources(query: Query): string[] {
  const given = query.enumList('sources', READ_SOURCES, 'ReadSourceType');
  return given.length > 0 ? [...new Set(given)].sort() : ['READ_SOURCE_TYPE_CONTACT', 'READ_SOURCE_TYPE_PROFILE'];
}

/** `personFields` (or the deprecated `requestMask.includeField` with `person.` paths); required. */
export function requiredReadMask(query: Query, docUrl: string): Set<string> {
  const mask = optionalReadMask(query.string('personFields'), 'personFields', docUrl);
  if (mask) return mask;
  const legacy = query.string('requestMask.includeField');
  if (legacy !== undefined) {
    const paths = legacy.split(',').map((p) => p.trim().replace(/^person\./, ''));
    const parsed = parseMask(paths.join(','), READ_FIELDS, 'requestMask.includeField', docUrl);
    if (parsed) return parsed;
  }
  throw maskRequired('personFields', docUrl);
}

export function optionalReadMask(raw: string | undefined, paramName: string, docUrl: string): Set<string> | undefined {
  return parseMask(raw, READ_FIELDS, paramName, docUrl);
}

/** All readable fields: what writes return when personFields is unset ("Defaults to all fields", §1.3). */
export function allFields(): Set<string> {
  return new Set(READ_FIELDS);
}

/** A live contact a write may target; 400 for non-contact names, 404 for unknown/deleted ones (§4). */
export function contactForWrite(state: FakeState, resourceName: string): ContactRecord {
  if (!/^people\/c\d+$/.test(resourceName)) {
    throw invalidArgument(`Resource name "${resourceName}" is not a valid contact person resource.`);
  }
  const record = state.people.findLive(resourceName);
  if (!record) throw notFound(`no live contact ${resourceName}`);
  return record;
}

/** Validates a resource name for reads: `people/c…` contacts, `people/me`, or numeric profile ids. */
export function checkReadableName(resourceName: string): void {
  if (!/^people\/(c\d+|me|\d+)$/.test(resourceName)) throw invalidArgument(undefined, { why: `bad resource name ${resourceName}` });
}

/**
 * The etag rule of updateContact / batchUpdateContacts (§5.2, §5.4, §11 item 37): the body must carry the
 * CONTACT source etag (`metadata.sources[type=CONTACT].etag`, documented form) or the person `etag` (works in
 * practice); a stale one → 400 FAILED_PRECONDITION whose message names whichever etag was sent.
 */
export function checkEtag(person: Record<string, unknown>, record: ContactRecord): void {
  const sources = (person.metadata as { sources?: { type?: string; etag?: string }[] } | undefined)?.sources ?? [];
  const sourceEtag = sources.find((s) => s.type === 'CONTACT' && typeof s.etag === 'string')?.etag;
  if (sourceEtag !== undefined) {
    if (sourceEtag !== `#${record.latest.etagCore}`) {
      throw failedPrecondition(
        'Request person.metadata.sources.etag is different than the current person.metadata.sources.etag. Clear local cache and get the latest person.',
        { why: 'stale metadata.sources etag' },
      );
    }
    return;
  }
  const etag = person.etag;
  if (typeof etag !== 'string' || etag === '') throw failedPrecondition('must set person.etag', { why: 'no etag in body' });
  if (personEtagCore(etag) !== record.latest.etagCore) {
    throw failedPrecondition('Request person.etag is different than the current person.etag. Clear local cache and get the latest person.', {
      why: 'stale person etag',
    });
  }
}

/** §7.4: creating `adding` contacts must not exceed the account cap (faults.maxContacts). */
export function checkContactCap(state: FakeState, adding: number): void {
  if (state.people.allLive().length + adding > state.faults.maxContacts) {
    // The real error is undocumented (§7.4, §13); FAILED_PRECONDITION is the fake's choice.
    throw failedPrecondition(`The account has reached its limit of ${state.faults.maxContacts} contacts.`, { why: 'contact cap' });
  }
}
