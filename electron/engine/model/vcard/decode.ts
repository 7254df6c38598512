// Property values → text: quoted-printable and CHARSET (vCard 2.1 §2.1.5, RFC 2045 §6.7), then
// backslash escapes (RFC 6350 §3.4, RFC 2426 §4: `\\` `\,` `\;` `\n` `\N`), and splitting of
// compound values (N, ADR, ORG: `;`) and lists (NICKNAME, CATEGORIES: `,`) on *unescaped*
// separators only. `\:` (written by some Android and Outlook exports) reads as `:`; any other
// backslash pair is kept as written rather than guessed at.
// Line ends inside values become "\n" whatever their source form (`\n`, `=0D=0A`, CRLF).
// Invariant: splitting happens before unescaping, so `\;` and `\,` never split; each function is
// linear and has a no-backslash fast path (most values have none).
import { decodeBytes } from './charset.ts';
import type { VCardParam, VCardProperty } from './types.ts';

export function param(prop: VCardProperty, name: string): VCardParam | undefined {
  for (const p of prop.params) if (p.name === name) return p;
  return undefined;
}

/** First value of a parameter, or null. */
export function paramValue(prop: VCardProperty, name: string): string | null {
  return param(prop, name)?.values[0] ?? null;
}

/** All values of a (possibly repeated) parameter, upper-cased: `type=HOME;type=pref` and `TYPE=HOME,PREF` alike. */
export function paramTokens(prop: VCardProperty, name: string): string[] {
  const out: string[] = [];
  for (const p of prop.params) if (p.name === name) for (const v of p.values) if (v !== '') out.push(v.toUpperCase());
  return out;
}

export function isQuotedPrintable(prop: VCardProperty): boolean {
  for (const p of prop.params) if (p.name === 'ENCODING' && p.values.some((v) => v.toUpperCase() === 'QUOTED-PRINTABLE')) return true;
  return false;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Quoted-printable → bytes (soft line breaks were joined by the parser). Non-ASCII characters pass as UTF-8. */
export function quotedPrintableBytes(value: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 61 /* = */ && i + 2 < value.length && hexValue(value.charCodeAt(i + 1)) >= 0 && hexValue(value.charCodeAt(i + 2)) >= 0) {
      out.push(hexValue(value.charCodeAt(i + 1)) * 16 + hexValue(value.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 0x80) out.push(c);
    else {
      const cp = value.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) out.push(b);
    }
  }
  return Uint8Array.from(out);
}

/** The value with its transfer encoding (quoted-printable + CHARSET) removed, still backslash-escaped. */
export function decodedValue(prop: VCardProperty, warnings: string[]): string {
  if (!isQuotedPrintable(prop)) return prop.value;
  return decodeBytes(quotedPrintableBytes(prop.value), paramValue(prop, 'CHARSET'), warnings);
}

/** Backslash escapes → characters; CRLF/CR → LF. */
export function unescapeText(value: string): string {
  let s = value;
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (!s.includes('\\')) return s;
  let out = '';
  let from = 0;
  for (let i = s.indexOf('\\'); i >= 0 && i < s.length - 1; i = s.indexOf('\\', i)) {
    const next = s[i + 1];
    let rep: string | null = null;
    if (next === 'n' || next === 'N') rep = '\n';
    else if (next === '\\' || next === ',' || next === ';' || next === ':') rep = next;
    if (rep === null) {
      i += 2;
      continue;
    }
    out += s.slice(from, i) + rep;
    i += 2;
    from = i;
  }
  return out + s.slice(from);
}

/** Splits on a separator that is not escaped by a backslash; parts keep their escapes. */
export function splitUnescaped(value: string, separator: ';' | ','): string[] {
  if (!value.includes(separator)) return [value];
  const sep = separator.charCodeAt(0);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === sep) {
      parts.push(value.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(value.slice(from));
  return parts;
}

/** A single text value (FN, NOTE, TITLE, …). */
export function textValue(prop: VCardProperty, warnings: string[]): string {
  return unescapeText(decodedValue(prop, warnings));
}

/** A compound value (N, ADR, ORG): components split on unescaped `;`, each unescaped. */
export function structuredValue(prop: VCardProperty, warnings: string[]): string[] {
  return splitUnescaped(decodedValue(prop, warnings), ';').map(unescapeText);
}

/** A list value (NICKNAME, CATEGORIES): items split on unescaped `,`, unescaped, empty ones dropped. */
export function listValue(prop: VCardProperty, warnings: string[]): string[] {
  return splitUnescaped(decodedValue(prop, warnings), ',')
    .map(unescapeText)
    .filter((v) => v.trim() !== '');
}
