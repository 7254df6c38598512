// PHOTO in all its spellings → bytes or a URI: 3.0 `PHOTO;ENCODING=b;TYPE=JPEG:<base64>` (RFC 2426
// §3.1.4, Apple adds X-ABCROP-RECTANGLE), 2.1 `PHOTO;ENCODING=BASE64;JPEG:` / bare `BASE64`,
// 4.0 `PHOTO:data:image/jpeg;base64,…` (RFC 6350 §6.2.4, RFC 2397), and by reference
// `PHOTO;VALUE=uri:https://…` (iCloud has served these, carddav-icloud.md §4.5).
// Photos are content-addressed: hash = base64url SHA-256 of the decoded bytes, so the same image
// has the same hash whatever encoding, folding or parameters carried it.
// Invariant: the bytes are never re-encoded here (peers.md §3.4: photos degraded by re-encoding);
// a media type missing from the card is sniffed from the bytes' magic numbers.
import { createHash } from 'node:crypto';
import { paramTokens, paramValue } from './decode.ts';
import type { VCardProperty, VCardVersion } from './types.ts';

export interface PhotoData {
  hash: string | null;
  mediaType: string | null;
  bytes: Uint8Array | null;
  uri: string | null;
}

export function photoHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** `JPEG`, `jpg`, `image/jpeg` → 'image/jpeg'. */
export function mediaTypeFromToken(token: string): string {
  const t = token.trim().toLowerCase();
  if (t.includes('/')) return t;
  if (t === 'jpg' || t === 'jpeg') return 'image/jpeg';
  return `image/${t}`;
}

/** 'image/jpeg' → the 3.0 TYPE token `JPEG`. */
export function typeTokenFromMediaType(mediaType: string): string {
  const slash = mediaType.indexOf('/');
  return (slash >= 0 ? mediaType.slice(slash + 1) : mediaType).toUpperCase();
}

export function sniffMediaType(b: Uint8Array): string | null {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  if (b[0] === 0x42 && b[1] === 0x4d) return 'image/bmp';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  return null;
}

function base64Bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
}

function withBytes(bytes: Uint8Array, declared: string | null): PhotoData {
  return { hash: photoHash(bytes), mediaType: declared ?? sniffMediaType(bytes), bytes, uri: null };
}

const dataUri = /^data:([^,;]*)((?:;[^,;]*)*),/i;

/** Reads one PHOTO property; null (with a warning) when it holds nothing usable. */
export function readPhoto(prop: VCardProperty, version: VCardVersion, warnings: string[]): PhotoData | null {
  const value = prop.value.trim();
  if (value === '') return null;
  const encoding = (paramValue(prop, 'ENCODING') ?? '').toUpperCase();
  const mediaParam = paramValue(prop, 'MEDIATYPE');
  const typeToken = paramTokens(prop, 'TYPE').find((t) => t !== 'PREF') ?? null;
  const declared = mediaParam ? mediaTypeFromToken(mediaParam) : typeToken ? mediaTypeFromToken(typeToken) : null;
  if (encoding === 'B' || encoding === 'BASE64') return withBytes(base64Bytes(value), declared);
  const m = dataUri.exec(value);
  if (m) {
    const body = value.slice(m[0].length);
    const isBase64 = (m[2] ?? '').toLowerCase().includes(';base64');
    let bytes: Uint8Array;
    if (isBase64) bytes = base64Bytes(body);
    else {
      try {
        bytes = new Uint8Array(Buffer.from(decodeURIComponent(body), 'latin1'));
      } catch {
        bytes = new Uint8Array(Buffer.from(body, 'latin1'));
      }
    }
    return withBytes(bytes, m[1] ? mediaTypeFromToken(m[1]) : declared);
  }
  const valueType = (paramValue(prop, 'VALUE') ?? '').toUpperCase();
  if (valueType === 'URI' || valueType === 'URL' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) || version === '4.0') {
    return { hash: null, mediaType: declared, bytes: null, uri: value };
  }
  // Inline data without an ENCODING parameter: base64 is the only thing it can be.
  if (/^[A-Za-z0-9+/=\s]+$/.test(value)) {
    warnings.push('PHOTO without ENCODING read as base64');
    return withBytes(base64Bytes(value), declared);
  }
  warnings.push('PHOTO value is neither base64 nor a URI; ignored');
  return null;
}
