// Text → cards: physical lines → logical lines (unfolding, RFC 6350 §3.2 / RFC 2425 §5.8.1) →
// properties (contentline.ts), with vCard 2.1's extra continuations: quoted-printable soft line
// breaks (`=` at the end of a line, vCard 2.1 §2.1.3 + RFC 2045 §6.7) and base64 bodies whose
// continuation lines are not indented (old phones; the body ends at a blank line, vCard 2.1 §2.1.3).
// Line ends may be CRLF, LF or CR; a fold is a line end followed by one space or tab.
// Invariants: every byte of a card is in exactly one property's `raw` (or BEGIN/END), so cards can
// be patched; one bad card yields one typed error and parsing resumes at the next card; the work
// is linear in the input (each physical line is visited a bounded number of times, no regex
// backtracking over values); nothing throws.
import { parseContentLine } from './contentline.ts';
import type { ParseOptions, VCard, VCardErrorKind, VCardParseError, VCardProperty, VCardVersion } from './types.ts';

export const defaultMaxPropertyLength = 4 * 1024 * 1024;
export const defaultMaxProperties = 5000;

/** One card or one unreadable stretch of the input, with the physical lines it covers. */
export interface TextChunk {
  /** 0-based first physical line and one past the last. */
  firstLine: number;
  endLine: number;
  raw: string;
  card: VCard | null;
  error: VCardParseError | null;
}

interface Lines {
  text: string;
  /** Offset of each physical line's first character. */
  starts: number[];
  /** Offset just past each line's content (before its line end). */
  ends: number[];
}

function scanLines(text: string): Lines {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of any line
  let nextLF = text.indexOf('\n', pos);
  let nextCR = text.indexOf('\r', pos);
  while (pos < n) {
    if (nextLF !== -1 && nextLF < pos) nextLF = text.indexOf('\n', pos);
    if (nextCR !== -1 && nextCR < pos) nextCR = text.indexOf('\r', pos);
    starts.push(pos);
    if (nextCR !== -1 && (nextLF === -1 || nextCR < nextLF)) {
      ends.push(nextCR);
      pos = text.charCodeAt(nextCR + 1) === 10 ? nextCR + 2 : nextCR + 1;
    } else if (nextLF !== -1) {
      ends.push(nextLF);
      pos = nextLF + 1;
    } else {
      ends.push(n);
      pos = n;
    }
  }
  return { text, starts, ends };
}

/** Offset just past line i including its line end. */
function fullEnd(lines: Lines, i: number): number {
  const next = lines.starts[i + 1];
  return next === undefined ? lines.text.length : next;
}

function content(lines: Lines, i: number): string {
  return lines.text.slice(lines.starts[i], lines.ends[i]);
}

function isBlank(lines: Lines, i: number): boolean {
  const s = lines.starts[i] ?? 0;
  const e = lines.ends[i] ?? 0;
  if (s === e) return true;
  // Whitespace-only lines outside a value, DOS end-of-file marks and stray byte-order marks.
  for (let p = s; p < e; p++) {
    const c = lines.text.charCodeAt(p);
    if (c !== 32 && c !== 9 && c !== 0x1a && c !== 0xfeff) return false;
  }
  return true;
}

function isContinuation(lines: Lines, i: number): boolean {
  const s = lines.starts[i] ?? 0;
  if (s >= (lines.ends[i] ?? 0)) return false;
  const c = lines.text.charCodeAt(s);
  return c === 32 || c === 9;
}

function isMarker(lines: Lines, i: number, marker: 'BEGIN:VCARD' | 'END:VCARD'): boolean {
  const s = lines.starts[i] ?? 0;
  const e = lines.ends[i] ?? 0;
  const first = lines.text.charCodeAt(s) | 0x20;
  if (first !== (marker === 'BEGIN:VCARD' ? 0x62 : 0x65) || e - s < marker.length || e - s > marker.length + 16) return false;
  return lines.text.slice(s, e).trim().toUpperCase() === marker;
}

function normaliseVersion(value: string, warnings: string[]): VCardVersion {
  const v = value.trim();
  if (v === '2.1' || v === '3.0' || v === '4.0') return v;
  if (v.startsWith('2')) return '2.1';
  if (v.startsWith('4')) return '4.0';
  warnings.push(`VERSION "${v}" read as 3.0`);
  return '3.0';
}

function hasParamToken(props: VCardProperty, token: string): boolean {
  return props.params.some((p) => p.values.some((v) => v.toUpperCase() === token));
}

const base64Line = /^[A-Za-z0-9+/=]+$/;

export interface TextParseContext {
  options: ParseOptions;
  /** 0-based physical lines that were not valid in their charset (byte input only), ascending. */
  badLines?: number[];
}

/** Splits a whole text into cards and errors. */
export function parseText(text: string, ctx: TextParseContext): TextChunk[] {
  const lines = scanLines(text);
  const count = lines.starts.length;
  const maxLength = ctx.options.maxPropertyLength ?? defaultMaxPropertyLength;
  const maxProperties = ctx.options.maxProperties ?? defaultMaxProperties;
  const badLines = ctx.badLines ?? [];
  let badIndex = 0;
  const chunks: TextChunk[] = [];

  const errorChunk = (first: number, end: number, kind: VCardErrorKind, message: string, line: number): TextChunk => ({
    firstLine: first,
    endLine: end,
    raw: text.slice(lines.starts[first], end < count ? lines.starts[end] : text.length),
    card: null,
    error: { kind, message, line: line + 1 },
  });

  /** First line at or after i that ends the current card: END:VCARD (included) or BEGIN:VCARD (excluded). */
  const skipCard = (i: number): number => {
    for (let j = i; j < count; j++) {
      if (isMarker(lines, j, 'END:VCARD')) return j + 1;
      if (isMarker(lines, j, 'BEGIN:VCARD')) return j;
    }
    return count;
  };

  /** Parses the card whose BEGIN is line b; returns the chunk. */
  const parseCard = (b: number): TextChunk => {
    const properties: VCardProperty[] = [];
    const rawEnds: number[] = [];
    const warnings: string[] = [];
    let version: VCardVersion | null = null;
    let beginEnd = fullEnd(lines, b);
    let j = b + 1;
    while (j < count) {
      if (isBlank(lines, j)) {
        // Blank lines belong to whatever precedes them, so the card's bytes stay contiguous.
        if (rawEnds.length === 0) beginEnd = fullEnd(lines, j);
        else rawEnds[rawEnds.length - 1] = fullEnd(lines, j);
        j++;
        continue;
      }
      if (isMarker(lines, j, 'END:VCARD')) {
        const endRaw = text.slice(lines.starts[j], fullEnd(lines, j));
        for (let k = 0; k < properties.length; k++) {
          const p = properties[k] as VCardProperty;
          p.raw = text.slice(lines.starts[p.line - 1], rawEnds[k]);
        }
        if (version === null) warnings.push('no VERSION property; read as 3.0');
        const card: VCard = {
          version: version ?? '3.0',
          properties,
          begin: text.slice(lines.starts[b], beginEnd),
          end: endRaw,
          line: b + 1,
          raw: text.slice(lines.starts[b], fullEnd(lines, j)),
          warnings,
        };
        return { firstLine: b, endLine: j + 1, raw: card.raw, card, error: null };
      }
      if (isMarker(lines, j, 'BEGIN:VCARD')) {
        return errorChunk(b, j, 'missing-end', 'BEGIN:VCARD without END:VCARD before the next BEGIN:VCARD', b);
      }
      if (isContinuation(lines, j)) {
        return errorChunk(b, skipCard(j), 'malformed-line', 'continuation line (starting with a space) with no property to continue', j);
      }
      // Assemble one logical line: this line plus every folded continuation.
      let k = j + 1;
      while (k < count && isContinuation(lines, k)) k++;
      let logical: string;
      if (k === j + 1) logical = content(lines, j);
      else {
        const parts = [content(lines, j)];
        for (let m = j + 1; m < k; m++) parts.push(text.slice((lines.starts[m] ?? 0) + 1, lines.ends[m]));
        logical = parts.join('');
      }
      if (logical.length > maxLength) {
        return errorChunk(b, skipCard(k), 'too-large', `property longer than ${maxLength} characters`, j);
      }
      const header = parseContentLine(logical, version === '4.0');
      if (typeof header === 'string') {
        return errorChunk(b, skipCard(k), 'malformed-line', header, j);
      }
      let value = logical.slice(header.valueStart);
      const prop: VCardProperty = { group: header.group, name: header.name, params: header.params, value, raw: '', line: j + 1 };
      // vCard 2.1 quoted-printable soft line breaks: '=' at the end of a line continues the value.
      if (value.endsWith('=') && hasParamToken(prop, 'QUOTED-PRINTABLE')) {
        const parts = [value];
        while (k < count && parts[parts.length - 1]?.endsWith('=') && !isBlank(lines, k) && !isMarker(lines, k, 'END:VCARD')) {
          const last = parts.pop() ?? '';
          parts.push(last.slice(0, -1), isContinuation(lines, k) ? text.slice((lines.starts[k] ?? 0) + 1, lines.ends[k]) : content(lines, k));
          k++;
        }
        value = parts.join('');
      }
      // vCard 2.1 base64 bodies written without indentation: lines of base64 alphabet, no colon.
      if (version === '2.1' && hasParamToken(prop, 'BASE64')) {
        const parts = [value];
        while (k < count && !isBlank(lines, k) && !isContinuation(lines, k) && base64Line.test(content(lines, k))) {
          parts.push(content(lines, k));
          k++;
        }
        value = parts.join('');
      }
      if (value.length > maxLength) {
        return errorChunk(b, skipCard(k), 'too-large', `property longer than ${maxLength} characters`, j);
      }
      if (value.includes('\u0000') || logical.includes('\u0000')) {
        return errorChunk(b, skipCard(k), 'binary-content', 'NUL character: binary data, not a vCard', j);
      }
      prop.value = value;
      if (properties.length >= maxProperties) {
        return errorChunk(b, skipCard(k), 'too-many-properties', `more than ${maxProperties} properties in one card`, j);
      }
      if (prop.name === 'VERSION' && version === null) version = normaliseVersion(value, warnings);
      properties.push(prop);
      rawEnds.push(fullEnd(lines, k - 1));
      j = k;
    }
    return errorChunk(b, count, 'missing-end', 'BEGIN:VCARD without END:VCARD', b);
  };

  let i = 0;
  while (i < count) {
    if (isBlank(lines, i)) {
      i++;
      continue;
    }
    if (isMarker(lines, i, 'BEGIN:VCARD')) {
      let chunk = parseCard(i);
      // Byte input: a card holding a line that was not valid in its charset is an error as a whole.
      while (badIndex < badLines.length && (badLines[badIndex] ?? 0) < chunk.firstLine) badIndex++;
      const bad = badLines[badIndex];
      if (chunk.card && bad !== undefined && bad < chunk.endLine) {
        chunk = errorChunk(chunk.firstLine, chunk.endLine, 'invalid-encoding', 'bytes that are not valid UTF-8 (and no CHARSET parameter says otherwise)', bad);
      }
      chunks.push(chunk);
      i = chunk.endLine;
      continue;
    }
    let j = i + 1;
    while (j < count && !isMarker(lines, j, 'BEGIN:VCARD')) j++;
    const message = isMarker(lines, i, 'END:VCARD') ? 'END:VCARD without BEGIN:VCARD' : 'text outside BEGIN:VCARD … END:VCARD';
    chunks.push(errorChunk(i, j, 'stray-content', message, i));
    i = j;
  }
  return chunks;
}
