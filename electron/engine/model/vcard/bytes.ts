// Byte input → text for parse.ts. vCards travel as bytes (HTTP bodies, .vcf files); folding
// happens on octets (RFC 6350 §3.2: "multi-octet characters … MAY be split" by careless
// writers), so a UTF-8 character can be cut in two by a fold. Decoding line by line would turn
// both halves into U+FFFD; instead the continuation bytes are moved back across the fold before
// decoding, which leaves the unfolded value unchanged. vCard 2.1 values with a CHARSET parameter
// (ISO-8859-1, windows-1252, Shift_JIS…) are decoded in that charset; UTF-16 files (BOM) are
// decoded whole.
// Invariants: valid UTF-8 input takes one TextDecoder pass (fast path); line numbers are kept
// (the repair moves bytes, never lines); a line that is valid in no declared charset is reported,
// not guessed, so the caller keeps the original bytes instead of a mangled card.
import type { TextDecoder } from 'node:util';
import { decoderFor, isUtf8Label, utf8Fatal } from './charset.ts';
import { parseText } from './parse.ts';
import type { TextChunk } from './parse.ts';
import type { ParseOptions } from './types.ts';

export interface ByteParse {
  chunks: TextChunk[];
  /**
   * Byte offset of physical line i's start (past the last line → the input's length), so error
   * results can return the original bytes; null for UTF-16 input (errors then carry decoded text).
   */
  lineOffset: ((i: number) => number) | null;
}

function physicalLines(bytes: Uint8Array): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = 0;
  const n = bytes.length;
  while (pos < n) {
    starts.push(pos);
    let i = pos;
    while (i < n && bytes[i] !== 10 && bytes[i] !== 13) i++;
    ends.push(i);
    if (i < n && bytes[i] === 13 && bytes[i + 1] === 10) pos = i + 2;
    else pos = i + 1;
  }
  return { starts, ends };
}

const CHARSET = /CHARSET=("?)([A-Za-z0-9_.:-]+)\1/i;

function headerCharset(line: Uint8Array): string | null {
  // The header is ASCII: read it as latin-1 up to the first colon.
  let end = line.indexOf(58);
  if (end < 0) end = line.length;
  const header = Buffer.from(line.buffer, line.byteOffset, end).toString('latin1');
  const m = CHARSET.exec(header);
  return m?.[2] ?? null;
}

export function parseBytes(input: Uint8Array, options: ParseOptions): ByteParse {
  // UTF-16 with a byte-order mark (some Outlook and Windows exports): decode whole.
  if (input.length >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
    const text = (decoderFor(input[0] === 0xff ? 'utf-16le' : 'utf-16be') as TextDecoder).decode(input);
    return { chunks: parseText(text, { options }), lineOffset: null };
  }
  const bom = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const bytes = bom ? input.subarray(bom) : input;
  let decoded: string | null = null;
  try {
    decoded = utf8Fatal.decode(bytes);
  } catch {
    // Slow path below.
  }
  let original: number[] | null = null;
  const lineOffset = (i: number): number => {
    original ??= physicalLines(bytes).starts.map((s) => s + bom);
    return original[i] ?? input.length;
  };
  if (decoded !== null) return { chunks: parseText(decoded, { options }), lineOffset };
  const { starts, ends } = physicalLines(bytes);
  original = starts.map((s) => s + bom);
  // 1. Move UTF-8 continuation bytes that a fold separated from their lead byte back to the line before.
  const repaired = new Uint8Array(bytes);
  for (let i = 1; i < starts.length; i++) {
    const s = starts[i] ?? 0;
    const e = ends[i] ?? 0;
    if (e <= s || (repaired[s] !== 32 && repaired[s] !== 9)) continue;
    let c = s + 1;
    while (c < e && c < s + 4 && ((repaired[c] ?? 0) & 0xc0) === 0x80) c++;
    const moved = c - (s + 1);
    if (moved === 0) continue;
    const prevEnd = ends[i - 1] ?? 0;
    const lineEnd = repaired.slice(prevEnd, s); // the line end between the two lines
    const tail = repaired.slice(s + 1, c);
    const ws = repaired[s] ?? 32;
    // Layout becomes: …prev content + tail, line end, whitespace, rest.
    repaired.set(tail, prevEnd);
    repaired.set(lineEnd, prevEnd + moved);
    repaired[prevEnd + moved + lineEnd.length] = ws;
    ends[i - 1] = prevEnd + moved;
    starts[i] = prevEnd + moved + lineEnd.length;
  }
  // 2. Decode line by line: UTF-8, or the CHARSET of the property the line belongs to.
  const parts: string[] = [];
  const badLines: number[] = [];
  let charset: string | null = null;
  const latin1 = decoderFor('latin1') as TextDecoder;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i] ?? 0;
    const e = ends[i] ?? 0;
    const line = repaired.subarray(s, e);
    const continued = e > s && (line[0] === 32 || line[0] === 9);
    if (!continued) charset = headerCharset(line);
    let text: string;
    try {
      text = utf8Fatal.decode(line);
    } catch {
      const decoder = charset !== null && !isUtf8Label(charset) ? decoderFor(charset) : null;
      if (decoder) text = decoder.decode(line);
      else {
        badLines.push(i);
        text = latin1.decode(line);
      }
    }
    parts.push(text, latin1.decode(repaired.subarray(e, starts[i + 1] ?? repaired.length)));
  }
  const text = parts.join('');
  return { chunks: parseText(text, { options, badLines }), lineOffset };
}

