// Text decoders for vCard byte values: UTF-8 by default (RFC 6350 §3.1 makes UTF-8 the only
// charset of vCard 4; vCard 3 inherits the MIME charset, in practice UTF-8) and the CHARSET
// parameter of vCard 2.1 (§2.1.5: ISO-8859-1, windows-1252, Shift_JIS, GB2312, Big5 … via the
// WHATWG encodings TextDecoder knows).
// Invariant: decoders are cached per label; an unknown label falls back to windows-1252 (every
// byte decodes, nothing is dropped) and says so.

import { TextDecoder } from 'node:util';

const cache = new Map<string, TextDecoder | null>();

/** A decoder for a CHARSET label, or null when the label is unknown. */
export function decoderFor(label: string, fatal = false): TextDecoder | null {
  const key = `${label.toLowerCase()}|${fatal ? 'f' : ''}`;
  let decoder = cache.get(key);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label.trim(), { fatal });
    } catch {
      decoder = null;
    }
    cache.set(key, decoder);
  }
  return decoder;
}

export const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

export function isUtf8Label(label: string): boolean {
  const l = label.trim().toLowerCase();
  return l === 'utf-8' || l === 'utf8';
}

/**
 * Decodes bytes in the given charset (null = UTF-8). Invalid UTF-8 is read as windows-1252, the
 * usual real cause (an Outlook export without a CHARSET), with a warning.
 */
export function decodeBytes(bytes: Uint8Array, charset: string | null, warnings: string[]): string {
  if (charset === null || isUtf8Label(charset)) {
    try {
      return utf8Fatal.decode(bytes);
    } catch {
      warnings.push('value is not valid UTF-8; read as windows-1252');
      return (decoderFor('windows-1252') as TextDecoder).decode(bytes);
    }
  }
  const decoder = decoderFor(charset);
  if (decoder) return decoder.decode(bytes);
  warnings.push(`unknown CHARSET "${charset}"; read as windows-1252`);
  return (decoderFor('windows-1252') as TextDecoder).decode(bytes);
}
