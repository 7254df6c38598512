// The vCard codec for CardDAV, iCloud and memory accounts: reads with model/vcard, writes new
// cards with the hub contact's id as UID (so a retried create is recognised, and the card links
// back to its contact), and updates by patching the stored card so vendor properties survive.
// Photos travel as content-addressed blobs. A card whose photo Concord shrank or left out for the
// provider's limit (providers/carddav/icloud-limits.ts) reads back with the hub's original photo while
// the provider still holds what was sent (model/vcard/photo-markers.ts): the account's copy is a
// projection of the hub contact, and comparing in that projection keeps the next sync from taking
// the smaller or missing photo for the user's edit.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { ReadableDb, WritableDb } from '../../db/handle.ts';
import { getBlob, putBlob } from '../../db/repos/blobs.ts';
import { parseVCard, patch, readVCard, serialize } from '../../model/vcard/index.ts';
import { PHOTO_ORIGINAL, projectedPhotoHash } from '../../model/vcard/photo-markers.ts';
import type { PhotoBytes } from '../../model/vcard/index.ts';
import { ProviderError } from '../../providers/types.ts';
import type { RecordCodec } from '../codec.ts';

export interface VCardCodecOptions {
  /** iCloud accepts only 3.0 (carddav-icloud.md §4); 3.0 is also what Xandikos advertises. */
  version: '3.0' | '4.0';
  db: WritableDb;
}

function photoOf(db: ReadableDb, fields: ContactFields): PhotoBytes | null {
  const hash = fields.photo?.hash;
  if (!hash) return null;
  const blob = getBlob(db, hash);
  return blob ? { mediaType: blob.mediaType, bytes: blob.bytes } : null;
}

export function vcardCodec(options: VCardCodecOptions): RecordCodec {
  return {
    decode(item) {
      const read = readVCard(item.payload);
      if (!read.ok) return { kind: 'invalid', reason: `Unreadable vCard (line ${read.error.line}): ${read.error.message}` };
      const card = read.result;
      if (card.kind === 'group') return { kind: 'other', description: `group “${card.name}”` };
      if (card.photo) putBlob(options.db, card.photo);
      let fields = card.fields;
      if (item.payload.includes(PHOTO_ORIGINAL)) {
        const parsed = parseVCard(item.payload);
        const original = parsed.ok ? projectedPhotoHash(parsed.card, card.photo?.hash ?? null) : null;
        const blob = original === null ? null : getBlob(options.db, original);
        if (blob) fields = { ...fields, photo: { hash: blob.hash, mediaType: blob.mediaType, uri: null } };
      }
      return { kind: 'contact', fields, hubId: card.uid };
    },
    encodeNew(fields, hubId) {
      return { payload: serialize(fields, { version: options.version, uid: hubId, photo: photoOf(options.db, fields) }), idHint: hubId };
    },
    encodeUpdate(raw, before, after) {
      const result = patch(raw, before, after, { photo: photoOf(options.db, after) });
      if (!result.ok) throw new ProviderError('rejected', `Concord could not update this card: ${result.error.message}`);
      return result.text;
    },
  };
}

