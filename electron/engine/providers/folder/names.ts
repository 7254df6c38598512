// File names in a folder account: one card per `<name>.vcf` file directly in the folder (as
// vdirsyncer's filesystem storage lays them out). The file name is the item's id.
// Invariants: an id never contains a path separator or starts with a dot, so no id can address a
// file outside the folder or one of Concord's own temporary files; a UID that is not a safe file
// name is replaced by its hash (deterministic, so a retried create finds the same name).
import { createHash } from 'node:crypto';

export const CARD_EXTENSION = '.vcf';
/** Prefix of Concord's temporary files while writing (never listed as cards). */
export const TEMP_PREFIX = '.concord-';

const SAFE_STEM = /^[A-Za-z0-9@_+=-][A-Za-z0-9@._+=-]{0,199}$/;

/** Whether a directory entry is a card this provider lists. */
export function isCardName(name: string): boolean {
  return name.toLowerCase().endsWith(CARD_EXTENSION) && name.length > CARD_EXTENSION.length && !name.startsWith('.') && !name.includes('/') && !name.includes('\\');
}

/** The file name for a card with this UID: the UID itself when it is a safe file name, else its SHA-256. */
export function fileNameFor(uid: string): string {
  const stem = SAFE_STEM.test(uid) && !uid.toLowerCase().endsWith(CARD_EXTENSION) ? uid : createHash('sha256').update(uid, 'utf8').digest('hex');
  return `${stem}${CARD_EXTENSION}`;
}

/** The UID property of a vCard, or null (enough for naming a file; the codec reads cards properly). */
export function uidOf(payload: string): string | null {
  const unfolded = payload.replace(/\r?\n[ \t]/g, '');
  const m = /^(?:[A-Za-z0-9-]+\.)?UID(?:;[^:\r\n]*)?:(.*)$/im.exec(unfolded);
  const value = m?.[1]?.trim();
  return value ? value : null;
}
