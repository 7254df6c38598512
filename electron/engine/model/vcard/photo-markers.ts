// The two lines Concord adds to a card whose photo it had to shrink or leave out for a provider's
// size limit (providers/carddav/icloud-limits.ts): the hash of the hub's original photo, and the hash
// of what the provider got (`none` for nothing). projectedPhotoHash() reads them back.
// Invariant: the original is only claimed while the card still holds exactly what was sent; a photo
// the user changed or added on the provider's side is read as it is.
import type { VCard } from './types.ts';

export const PHOTO_ORIGINAL = 'X-CONCORD-PHOTO-ORIGINAL';
export const PHOTO_SENT = 'X-CONCORD-PHOTO-SENT';

/** The original photo's hash when the card's photo (hash, or null for none) is still what was sent. */
export function projectedPhotoHash(card: VCard, currentHash: string | null): string | null {
  let original: string | null = null;
  let sent: string | null = null;
  for (const p of card.properties) {
    if (p.name === PHOTO_ORIGINAL) original = p.value.trim();
    else if (p.name === PHOTO_SENT) sent = p.value.trim();
  }
  if (!original || !sent) return null;
  return (sent === 'none' ? currentHash === null : currentHash === sent) ? original : null;
}
