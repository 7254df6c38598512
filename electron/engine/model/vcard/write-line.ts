// Writing content lines: text escaping (RFC 6350 §3.4, RFC 2426 §4), parameter values (quoted
// when they hold `:` `;` `,`; RFC 6868 caret encoding in 4.0) and folding (RFC 6350 §3.2).
// Invariants: every physical line is at most 75 octets without its CRLF, and a fold never falls
// inside a UTF-8 sequence (nor between the halves of a surrogate pair); continuation lines start
// with one space, which the reader removes; text values round-trip through unescapeText exactly
// (line ends come back as "\n").
import type { VCardVersion } from './types.ts';

export interface LineSpec {
  group: string | null;
  /** Property name as it should be written (`X-ABLabel`, `EMAIL`). */
  name: string;
  /** Parameters in order; a repeated name is written repeatedly (Apple's `type=HOME;type=pref`). */
  params: [string, string[]][];
  /** The value, already escaped / encoded for its type. */
  value: string;
}

/**
 * Escapes a text value. 3.0 escapes `,` and `;` everywhere (RFC 2426 text has no unescaped
 * separators); 4.0 escapes `,` always and `;` only inside compound values (RFC 6350 §3.4: "MAY"
 * elsewhere, and some 4.0 readers do not unescape it).
 */
export function escapeText(value: string, version: VCardVersion, compound: boolean): string {
  let s = value;
  // NUL cannot appear in a vCard (readers, ours included, take it for binary data): dropped.
  if (s.includes('\u0000')) s = s.split('\u0000').join('');
  if (s.includes('\\')) s = s.replace(/\\/g, '\\\\');
  if (s.includes('\n') || s.includes('\r')) s = s.replace(/\r\n|\r|\n/g, '\\n');
  if (s.includes(',')) s = s.replace(/,/g, '\\,');
  if ((compound || version !== '4.0') && s.includes(';')) s = s.replace(/;/g, '\\;');
  return s;
}

/**
 * A URI value (PHOTO by reference, MEMBER) is written unescaped (RFC 6350 §5.6 VALUE=uri), so a
 * line break or control character in it would end the line: those are percent-encoded.
 */
export function uriValue(uri: string): string {
  return uri.replace(/\p{Cc}/gu, (c) => encodeURIComponent(c));
}

export function compoundValue(parts: readonly string[], version: VCardVersion): string {
  return parts.map((p) => escapeText(p, version, true)).join(';');
}

export function listValue(items: readonly string[], version: VCardVersion): string {
  return items.map((p) => escapeText(p, version, false)).join(',');
}

function paramValue(value: string, version: VCardVersion): string {
  let v = value;
  if (version === '4.0') v = v.replace(/\^/g, '^^').replace(/\r\n|\r|\n/g, '^n').replace(/"/g, "^'");
  else v = v.replace(/\r\n|\r|\n/g, ' ').replace(/"/g, "'"); // 3.0 parameter values cannot hold either
  return /[:;,]/.test(v) || v.trim() !== v ? `"${v}"` : v;
}

export function renderLine(spec: LineSpec, version: VCardVersion): string {
  let out = spec.group ? `${spec.group}.${spec.name}` : spec.name;
  for (const [name, values] of spec.params) out += `;${name}=${values.map((v) => paramValue(v, version)).join(',')}`;
  return `${out}:${spec.value}`;
}

/** Folds one logical line to physical lines of at most 75 octets, each ended by eol. */
export function fold(line: string, eol = '\r\n'): string {
  // Fast paths: short enough even if every UTF-16 unit took 3 octets, or short in UTF-8.
  if (line.length <= 25 || (line.length <= 75 && Buffer.byteLength(line, 'utf8') <= 75)) return line + eol;
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < line.length; ) {
    const c = line.charCodeAt(i);
    let size: number;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length && (line.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size = 4;
      units = 2;
    } else size = 3;
    if (bytes + size > 75) {
      parts.push(line.slice(start, i));
      start = i;
      bytes = 1; // the continuation line's leading space
    }
    bytes += size;
    i += units;
  }
  parts.push(line.slice(start));
  return parts.join(`${eol} `) + eol;
}
