// How the sync engine reads and writes one provider's payloads. A provider moves raw payloads
// (vCard text, Person JSON); a codec turns them into canonical fields and back. Writing patches
// the raw payload the server last sent, so whatever Concord does not model survives (DESIGN.md §3).
import type { ContactFields } from '../../../shared/model/contact.ts';
import type { RemoteItem } from '../providers/types.ts';

export type Decoded =
  | {
      kind: 'contact';
      fields: ContactFields;
      /** The hub contact this item was created from (the UID or marker Concord wrote), if any. */
      hubId: string | null;
    }
  /** Group cards and other items that are not contacts: kept as records, never linked. */
  | { kind: 'other'; description: string }
  | { kind: 'invalid'; reason: string };

export interface RecordCodec {
  decode(item: RemoteItem): Decoded;
  /** A new item for a hub contact; idHint lets providers with client-chosen ids make a retried create idempotent. */
  encodeNew(fields: ContactFields, hubId: string): { payload: string; idHint: string };
  /** The stored raw payload changed from `before` to `after`, touching nothing else. */
  encodeUpdate(raw: string, before: ContactFields, after: ContactFields): string;
}
