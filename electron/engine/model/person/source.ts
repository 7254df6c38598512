// Which items of a Person belong to the contact, and the per-item metadata Concord writes back.
// Invariant: only items whose `metadata.source.type` is CONTACT (or that carry no source, as in
// bodies Concord built itself) are read or written; PROFILE and other sources are merged in by
// Google for display and "any non-contact data in the person to update will be ignored"
// (google-people-api.md §2.4, §5.2). Output-only metadata (`primary`, `verified`, §2.2) is never
// sent back: the contact's own choice travels as the writable `sourcePrimary`.
import type { FieldMetadata } from './types.ts';

interface WithMetadata {
  metadata?: FieldMetadata;
}

/** True when the item is the contact's own data (CONTACT source, or no source at all). */
export function isContactItem(item: WithMetadata): boolean {
  const type = item.metadata?.source?.type;
  return type === undefined || type === null || type === 'CONTACT';
}

/** The contact's own items of one Person field, in Google's order. */
export function contactItems<T extends WithMetadata>(items: readonly T[] | null | undefined): T[] {
  return (items ?? []).filter(isContactItem);
}

/**
 * Google marks exactly one item per non-empty field `primary` across all sources (§2.2); within the
 * contact source the writable `sourcePrimary` says the same, and is what bodies Concord wrote carry.
 */
export function isPrimaryItem(item: WithMetadata): boolean {
  return item.metadata?.primary === true || item.metadata?.sourcePrimary === true;
}

/** The one item of a singleton field (§2.2) when Google sent several: the primary one, else the first. */
export function primaryOrFirst<T extends WithMetadata>(items: readonly T[]): T[] {
  const chosen = items.find(isPrimaryItem) ?? items[0];
  return chosen === undefined ? [] : [chosen];
}

/**
 * The metadata to send for an item: the raw item's metadata (its `source` identifies the contact
 * source) without the output-only parts; `primary` (when the field models it) becomes
 * `sourcePrimary`. undefined when nothing is left, so new items carry no empty `metadata: {}`.
 */
export function writableMetadata(raw: FieldMetadata | undefined, primary: boolean | null): FieldMetadata | undefined {
  const { primary: _primary, verified: _verified, ...rest } = raw ?? {};
  const out: FieldMetadata = { ...rest };
  if (primary !== null) {
    delete out.sourcePrimary;
    if (primary) out.sourcePrimary = true;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
