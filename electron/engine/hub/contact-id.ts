// Hub contact ids: UUID version 7 (RFC 9562 §5.7), a 48-bit millisecond timestamp then random bits.
// Contacts created together get neighbouring ids, so the indexes keyed by contact id (contacts.id,
// links_by_contact, journal_by_contact, contact_keys_by_contact) grow at their end instead of
// touching a random page per row: a first sync of 100,000 contacts otherwise dirties, and writes to
// the WAL, a page of every such index for nearly every contact. The id still carries 74 random bits
// and says nothing about the person; it is also the UID of the cards Concord creates (RFC 6350 §6.7.6).
import { randomBytes } from 'node:crypto';

/**
 * Random bits come from a pool refilled 4 KB at a time: one randomBytes call per id cost a first
 * sync of 100,000 contacts about a second of system calls.
 */
let pool = Buffer.alloc(0);
let offset = 0;
function randomPart(): Uint8Array {
  if (offset + 16 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 16;
  return pool.subarray(offset - 16, offset);
}

let lastMs = 0;
let sequence = 0;

export function newContactId(now: number = Date.now()): string {
  // Within one millisecond a 12-bit counter keeps ids increasing (RFC 9562 §6.2, method 1).
  if (now <= lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
  } else {
    lastMs = now;
    sequence = 0;
  }
  const bytes = Buffer.from(randomPart());
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
