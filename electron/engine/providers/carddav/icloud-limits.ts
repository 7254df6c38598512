// iCloud's size limits, applied to a card before it is sent (carddav-icloud.md §0 item 7, Apple
// support 103188): 224 KB per photo, 256 KB per card. A bigger photo is reduced through the host's
// ImagePort (or, without one, left out of the iCloud copy); the hub keeps the original either way.
// The card then carries two markers, X-CONCORD-PHOTO-ORIGINAL (hash of the hub's photo) and
// X-CONCORD-PHOTO-SENT (hash of what iCloud got, or `none`), so the vCard codec can read the
// account's copy back as the hub's photo for as long as iCloud still holds what was sent — a smaller
// or missing photo there is Concord's doing, not the user removing or changing it.
// A card still over 256 KB is not sent: 'rejected' with the size and what to do, and the run goes on.
// Invariant: only the PHOTO line and the two marker lines are touched; every other line stays byte for byte.
import { parseVCard } from '../../model/vcard/index.ts';
import { PHOTO_ORIGINAL, PHOTO_SENT } from '../../model/vcard/photo-markers.ts';
import { photoHash, readPhoto } from '../../model/vcard/photo.ts';
import { fold } from '../../model/vcard/write-line.ts';
import type { ImagePort } from '../../ports.ts';
import { ProviderError } from '../types.ts';

export const ICLOUD_PHOTO_BYTES = 224 * 1024;
export const ICLOUD_CARD_BYTES = 256 * 1024;

export interface Fitted {
  text: string;
  /** Set when the photo was reduced or left out: what to tell the user about this contact. */
  warning: string | null;
}

const kb = (bytes: number): number => Math.ceil(bytes / 1024);

export async function fitForICloud(text: string, images: ImagePort | undefined): Promise<Fitted> {
  let out = text;
  let warning: string | null = null;
  const parsed = parseVCard(text);
  if (parsed.ok) {
    const card = parsed.card;
    const photoProp = card.properties.find((p) => p.name === 'PHOTO');
    const photo = photoProp ? readPhoto(photoProp, card.version, []) : null;
    if (photoProp && photo?.bytes && photo.bytes.length > ICLOUD_PHOTO_BYTES) {
      const reduced = images ? await images.reduce(photo.bytes, photo.mediaType, ICLOUD_PHOTO_BYTES).catch(() => null) : null;
      const fits = reduced !== null && reduced.bytes.length <= ICLOUD_PHOTO_BYTES;
      const eol = card.begin.endsWith('\r\n') ? '\r\n' : '\n';
      const lines: string[] = [];
      for (const p of card.properties) {
        if (p.name === PHOTO_ORIGINAL || p.name === PHOTO_SENT) continue;
        if (p !== photoProp) lines.push(p.raw);
        else if (fits) {
          const type = reduced.mediaType.replace(/^image\//i, '').toUpperCase();
          lines.push(fold(`PHOTO;ENCODING=b;TYPE=${type}:${Buffer.from(reduced.bytes).toString('base64')}`, eol));
        }
      }
      lines.push(fold(`${PHOTO_ORIGINAL}:${photo.hash ?? photoHash(photo.bytes)}`, eol), fold(`${PHOTO_SENT}:${fits ? photoHash(reduced.bytes) : 'none'}`, eol));
      const body = card.begin + lines.join('') + card.end;
      const start = Math.max(text.indexOf(card.raw), 0);
      out = text.slice(0, start) + body + text.slice(start + card.raw.length);
      warning = fits
        ? `The photo (${kb(photo.bytes.length)} KB) is over iCloud's 224 KB limit: iCloud got a smaller copy (${kb(reduced.bytes.length)} KB); Concord keeps the original.`
        : `The photo (${kb(photo.bytes.length)} KB) is over iCloud's 224 KB limit and could not be reduced here: iCloud got the contact without it; Concord keeps the original.`;
    }
  }
  const size = Buffer.byteLength(out, 'utf8');
  if (size > ICLOUD_CARD_BYTES) {
    throw new ProviderError('rejected', `too large for iCloud (${kb(size)} KB; limit 256 KB): remove the photo or shorten the notes. The contact was not sent; nothing was lost.`, { status: 413 });
  }
  return { text: out, warning };
}
