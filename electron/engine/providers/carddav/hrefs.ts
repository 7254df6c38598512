// Item ids for CardDAV: the member's absolute path in one canonical percent-encoding, and the
// resource name a new card gets. Servers spell the same href differently (`a%3Ab.vcf` vs `a:b.vcf`,
// absolute URL vs path, RFC 4918 §8.3), and an id that changes spelling between a write and a listing
// looks to the engine like one item deleted and another created.
// Invariants: canonicalPath() is idempotent and the same for every spelling of a path; an id is a
// direct member of the collection (no deeper paths, not the collection itself, carddav-icloud.md §2.2);
// resourceName() is a pure function of the UID, so a retried create hits the same href and gets 412
// instead of a duplicate (carddav-icloud.md §0 item 4).
import { createHash } from 'node:crypto';

/** RFC 3986 pchar minus the percent sign: these stay literal, everything else is %XX (UTF-8). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(24|26|2B|2C|3B|3D|3A|40)/gi, (m) => decodeURIComponent(m));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a lone '%' etc.: keep as is, encodeSegment escapes it
  }
}

/** The canonical absolute path of an href (relative, absolute-path or absolute URL) resolved against base. */
export function canonicalPath(href: string, base: string | URL): string {
  const path = new URL(href.trim(), base).pathname;
  return path
    .split('/')
    .map((s) => encodeSegment(decodeSegment(s)))
    .join('/');
}

/** Whether `path` (canonical) is a direct member of the collection at `collectionPath` (canonical, ends in '/'). */
export function isMember(path: string, collectionPath: string): boolean {
  if (!path.startsWith(collectionPath)) return false;
  const rest = path.slice(collectionPath.length);
  return rest.length > 0 && !rest.includes('/');
}

/**
 * The resource name for a card with this UID: `<uid>.vcf` as iCloud and DAVx5 do when the UID is a
 * plain token; a hash when it holds characters servers treat differently in a path segment ('/',
 * '\', a leading '.', controls) or is very long — still deterministic, so retries stay idempotent.
 */
export function resourceName(uid: string): string {
  const control = [...uid].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  const plain = uid.length > 0 && uid.length <= 200 && !control && !/[/\\%?#]/.test(uid) && !uid.startsWith('.') && !uid.startsWith('~');
  if (plain) return `${encodeSegment(uid)}.vcf`;
  return `uid-${createHash('sha256').update(uid, 'utf8').digest('hex').slice(0, 40)}.vcf`;
}

/** The UID of a vCard (unfolded, RFC 6350 §3.2), or null. */
export function vcardUid(text: string): string | null {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const m = /^(?:[A-Za-z0-9-]+\.)?UID(?:;[^:\r\n]*)?:(.*)$/im.exec(unfolded);
  const value = m?.[1]?.trim();
  return value ? value : null;
}

/** XML text escaping for hrefs put into request bodies. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
