// Content hashes of contacts (DESIGN.md §4.5, echo suppression).
// - contentHash(value): SHA-256 of canonical JSON, for any JSON value: equal values → equal hash,
//   whatever the key order. Detects any stored change, display text included.
// - semanticHash(fields, { defaultRegion }): SHA-256 of the contact's meaning (normalize/semantic.ts):
//   lists are multisets of normalised keys plus label and primary, so list order, the format of a
//   phone number, the case of an e-mail address or a label, surrounding whitespace and Unicode
//   normalisation form do not count. A server that rewrites a card without changing its meaning
//   (iCloud does) keeps the hash, so the rewrite is not mistaken for an edit and no sync loop starts.
//   Volatile vCard properties never reach ContactFields in the first place: PRODID, REV, UID casing,
//   property and parameter order and case are consumed by the parser, so they cannot move the hash.
// Invariant: semanticHash depends on the account's default region (it decides how a number without
// a country code reads), so compare hashes computed with the same region.
import { createHash } from 'node:crypto';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { canonicalJson } from './normalize/canonical-json.ts';
import { semanticView } from './normalize/semantic.ts';
import type { NormalizeOptions } from './normalize/semantic.ts';

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

/**
 * Hashes by fields object and region. A sync hashes the same decoded fields several times (the
 * record's hash, the link's base hash, the hub row's hash); ContactFields objects are never mutated
 * once built (every change makes a new object), so identity is a safe key, and a WeakMap lets the
 * entries go with the objects.
 */
const hashes = new WeakMap<ContactFields, Map<string, string>>();

export function semanticHash(fields: ContactFields, options: NormalizeOptions): string {
  const region = options.defaultRegion ?? '';
  let byRegion = hashes.get(fields);
  const cached = byRegion?.get(region);
  if (cached !== undefined) return cached;
  const hash = contentHash(semanticView(fields, options));
  if (!byRegion) hashes.set(fields, (byRegion = new Map()));
  byRegion.set(region, hash);
  return hash;
}
