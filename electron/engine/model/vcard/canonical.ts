// The canonical result of reading a card, and the bookkeeping a patch needs: which properties each
// field (section) came from. Shared by read.ts (which fills it), write-fields.ts and patch.ts.
// Invariant: scalarSections + listSections name every member of ContactFields exactly once (name
// split into N and the three phonetic readings), so "no section changed" means "nothing changed".
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { VCardVersion } from './types.ts';

/** Custom fields: `itemN.X-CUSTOM:value` + `itemN.X-ABLabel:key` (write-fields.ts says why). */
export const CUSTOM_PROPERTY = 'X-CUSTOM';

export interface CanonicalPhoto {
  /** base64url SHA-256 of the bytes. */
  hash: string;
  mediaType: string | null;
  bytes: Uint8Array;
}

export interface CanonicalContact {
  kind: 'contact';
  fields: ContactFields;
  /** The embedded image, for the blob store; null for no photo or a photo known only by URI (fields.photo.uri). */
  photo: CanonicalPhoto | null;
  uid: string | null;
  version: VCardVersion;
  warnings: string[];
}

export interface CanonicalGroup {
  kind: 'group';
  name: string;
  /** Member UIDs, `urn:uuid:` removed (Apple and RFC 6350 §6.6.5 both reference members by UID). */
  members: string[];
  uid: string | null;
  version: VCardVersion;
  warnings: string[];
}

export type CanonicalCard = CanonicalContact | CanonicalGroup;

export type ScalarSection =
  | 'kind'
  | 'name'
  | 'phoneticGiven'
  | 'phoneticMiddle'
  | 'phoneticFamily'
  | 'formattedName'
  | 'nicknames'
  | 'birthday'
  | 'note'
  | 'groups'
  | 'photo';
export type ListSection = 'emails' | 'phones' | 'addresses' | 'organizations' | 'dates' | 'urls' | 'ims' | 'relations' | 'customFields';

export const scalarSections: readonly ScalarSection[] = [
  'kind',
  'name',
  'phoneticGiven',
  'phoneticMiddle',
  'phoneticFamily',
  'formattedName',
  'nicknames',
  'birthday',
  'note',
  'groups',
  'photo',
];
export const listSections: readonly ListSection[] = ['emails', 'phones', 'addresses', 'organizations', 'dates', 'urls', 'ims', 'relations', 'customFields'];

export interface ItemOrigin {
  /** Property indices of the item: one, or ORG/TITLE/X-PHONETIC-ORG for an organisation. */
  props: number[];
  /** The group of the item's properties (as written), null when ungrouped. */
  group: string | null;
}

export interface CardOrigins {
  /** Every property a scalar section was read from. */
  scalars: Record<ScalarSection, number[]>;
  /** Parallel to the field's list. */
  items: Record<ListSection, ItemOrigin[]>;
  /** Every property read for a list section, items dropped as empty included. */
  claimed: Record<ListSection, number[]>;
  /** Companion properties (X-ABLabel, X-ABADR) per lower-case group name. */
  companions: Map<string, number[]>;
}

export interface ReadResult {
  card: CanonicalCard;
  /** null for group cards. */
  origins: CardOrigins | null;
}
