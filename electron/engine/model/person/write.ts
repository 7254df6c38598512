// Canonical contact fields → the writable Person body for createContact/updateContact.
// Invariants: only writable data is produced (output-only keys never leave, google-people-api.md
// §2.2, §10 item 5); singletons get at most one item (§10 item 13); every item Concord keeps from the
// base is the contact's own (non-contact data "will be ignored", §5.2), and keeps the keys Concord
// does not model (pair.ts, field-spec.ts); everything else of the base person — resourceName,
// etag and metadata.sources for the precondition (§5.2), fields Concord does not map, unknown
// future fields — is copied unchanged. Photos are not in the body (§5.5); clientData only through
// withClientMarker.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { AnyFieldSpec } from './field-spec.ts';
import { fieldSpecs } from './fields/index.ts';
import { membershipsFor } from './groups.ts';
import { carriedByGoogle } from './normalize.ts';
import { pairItems } from './pair.ts';
import type { Pairing } from './pair.ts';
import { fieldItems, isDeletedPerson } from './read.ts';
import { contactItems, primaryOrFirst, writableMetadata } from './source.ts';
import type { FieldMetadata, GroupResourcesByName, MappedField, Person } from './types.ts';

function without(item: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !keys.includes(key)));
}

function buildItem(spec: AnyFieldSpec, item: unknown, pairing: Pairing): Record<string, unknown> {
  const { raw, unchanged } = pairing;
  const dropped = ['metadata', ...spec.outputOnly, ...(unchanged ? [] : [...spec.modelled, ...spec.derived])];
  const kept = raw ? without(raw, dropped) : {};
  // Unchanged: the raw item already says it, keep it as Google has it. Changed: Concord's keys win.
  const body = unchanged ? kept : { ...kept, ...spec.write(item) };
  const rawMetadata = (raw as { metadata?: FieldMetadata } | null)?.metadata;
  const metadata = writableMetadata(rawMetadata, spec.primary ? spec.primary.get(item) : null);
  return metadata ? { metadata, ...body } : body;
}

/** The body items of one field for Google-normal `fields`, continuing the base's contact items. */
export function writeField(spec: AnyFieldSpec, fields: ContactFields, base: Person | undefined): Record<string, unknown>[] {
  const items = spec.get(fields);
  const raw = contactItems(fieldItems(base, spec.path));
  // A singleton Google sent twice continues the item Concord read (the primary one).
  const pairings = pairItems(spec, items, spec.singleton ? primaryOrFirst(raw) : raw);
  return items.map((item, i) => buildItem(spec, item, pairings[i] ?? { raw: null, unchanged: false }));
}

/** A tombstone (§3.3) is no base: the contact is gone, re-creating it is a createContact without base. */
export function assertLive(base: Person | undefined): void {
  if (base && isDeletedPerson(base)) throw new Error(`cannot write over the deleted person ${base.resourceName ?? ''}`.trim());
}

export function specOf(path: MappedField): AnyFieldSpec {
  const spec = fieldSpecs.find((s) => s.path === path);
  if (!spec) throw new Error(`no mapping for Person field ${path}`);
  return spec;
}

/**
 * The full Person body for `fields`. With `base` (the raw person as last read) it is an update body
 * carrying the base's etag and everything Concord does not map; without, a createContact body.
 * Throws UnknownGroupsError when a group has no resource name in `groups` (see missingGroups), and
 * an Error when `base` is a tombstone.
 */
export function canonicalToPerson(fields: ContactFields, base: Person | undefined, groups: GroupResourcesByName): Person {
  assertLive(base);
  const normal = carriedByGoogle(fields);
  const body = (base ? structuredClone(base) : {}) as Record<string, unknown>;
  for (const spec of fieldSpecs) {
    const items = writeField(spec, normal, base);
    if (items.length > 0 || spec.path in body) body[spec.path] = items;
  }
  body.memberships = membershipsFor(normal.groups, base, groups);
  return body as Person;
}
