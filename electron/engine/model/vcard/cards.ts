// The public parsing entry points: many cards (a .vcf export, a CardDAV multiget) or exactly one
// (a CardDAV resource, RFC 6352 §5.1). Accepts text or bytes (bytes.ts: folds that split a UTF-8
// character, CHARSET values, UTF-16 files).
// Invariant: one result per card or per unreadable stretch, in input order; an error result
// carries the input it covers exactly as given (string slice, or the original bytes), so a caller
// can store what it could not read instead of losing it. Nothing throws.
import { parseBytes } from './bytes.ts';
import { parseText } from './parse.ts';
import type { TextChunk } from './parse.ts';
import type { ParseOptions, VCard, VCardParseResult } from './types.ts';

function toResults(chunks: TextChunk[], raw: (chunk: TextChunk) => string | Uint8Array): VCardParseResult[] {
  return chunks.map((chunk) =>
    chunk.card ? { ok: true, card: chunk.card } : { ok: false, error: chunk.error ?? { kind: 'malformed-line', message: 'unreadable', line: chunk.firstLine + 1 }, raw: raw(chunk) },
  );
}

function parseAll(input: string | Uint8Array, options: ParseOptions): VCardParseResult[] {
  try {
    if (typeof input === 'string') return toResults(parseText(input, { options }), (c) => c.raw);
    const { chunks, lineOffset } = parseBytes(input, options);
    return toResults(chunks, (c) => (lineOffset ? input.subarray(lineOffset(c.firstLine), lineOffset(c.endLine)) : c.raw));
  } catch (e) {
    // Defensive: the parser is written not to throw; if it ever does, report instead of crashing a sync.
    return [{ ok: false, error: { kind: 'malformed-line', message: `internal parser error: ${String(e)}`, line: 1 }, raw: input }];
  }
}

/** Every card in a text or byte stream, each parsed or reported on its own. */
export function parseVCards(input: string | Uint8Array, options: ParseOptions = {}): VCardParseResult[] {
  return parseAll(input, options);
}

/** Exactly one card (a CardDAV resource); no card or several cards is an error. */
export function parseVCard(input: string | Uint8Array, options: ParseOptions = {}): VCardParseResult {
  const results = parseAll(input, options);
  const first = results[0];
  if (first === undefined) return { ok: false, error: { kind: 'no-card', message: 'no BEGIN:VCARD found', line: 1 }, raw: input };
  if (results.length === 1) return first.ok ? first : { ...first, raw: input };
  const firstError = results.find((r) => !r.ok);
  if (firstError && !firstError.ok) return { ok: false, error: firstError.error, raw: input };
  const second = results[1];
  const line = second?.ok ? second.card.line : 1;
  return { ok: false, error: { kind: 'multiple-cards', message: `${results.length} cards where one was expected`, line }, raw: input };
}

/** The cards of a stream that parsed, dropping errors (for callers that report errors separately). */
export function okCards(results: VCardParseResult[]): VCard[] {
  const cards: VCard[] = [];
  for (const r of results) if (r.ok) cards.push(r.card);
  return cards;
}
