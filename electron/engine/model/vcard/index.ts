// Concord's own vCard codec (2.1 / 3.0 / 4.0), public surface. Why our own: no npm library
// round-trips Apple cards safely (carddav-icloud.md §6). Read with parseVCard(s) → toCanonical;
// write a new card with serialize, an existing one with patch (only changed properties are
// rewritten; unknown ones survive byte for byte); groups with serializeGroup / patchGroup.
// Invariant: nothing here throws on bad input; errors are values with a kind and a line number.
export { okCards, parseVCard, parseVCards } from './cards.ts';
export { toCanonical, readCard } from './read.ts';
export type { CanonicalCard, CanonicalContact, CanonicalGroup, CanonicalPhoto, ReadResult } from './canonical.ts';
export { serialize, PRODID } from './serialize.ts';
export type { SerializeOptions } from './serialize.ts';
export { patch } from './patch.ts';
export type { PatchError, PatchErrorKind, PatchOptions, PatchResult } from './patch.ts';
export { patchGroup, serializeGroup } from './group-card.ts';
export type { GroupFields } from './group-card.ts';
export { photoHash } from './photo.ts';
export type { PhotoBytes } from './write-fields.ts';
export type { Section } from './sections.ts';
export type { ParseOptions, VCard, VCardErrorKind, VCardParam, VCardParseError, VCardParseResult, VCardProperty, VCardVersion } from './types.ts';

import { parseVCard } from './cards.ts';
import { toCanonical } from './read.ts';
import type { CanonicalCard } from './canonical.ts';
import type { ParseOptions, VCardParseError } from './types.ts';

/** Parse one card and read it: the common case for a CardDAV resource. */
export function readVCard(input: string | Uint8Array, options: ParseOptions = {}): { ok: true; result: CanonicalCard } | { ok: false; error: VCardParseError } {
  const parsed = parseVCard(input, options);
  return parsed.ok ? { ok: true, result: toCanonical(parsed.card) } : { ok: false, error: parsed.error };
}
