// The lossless line model of a vCard (RFC 6350 §3.3, RFC 2426 §4, vCard 2.1 §2): every property
// is a logical (unfolded) content line split into group, name, parameters and raw value, and keeps
// the exact text it was read from (`raw`, folds and line ends included).
// Invariant: begin.raw + properties[i].raw… + end.raw === the card's text exactly, so a writer can
// patch a card by replacing a few properties and copying every other byte through.

export type VCardVersion = '2.1' | '3.0' | '4.0';

export interface VCardParam {
  /**
   * Upper-case parameter name. vCard 2.1 bare parameters (`TEL;CELL;PREF`) get the name their
   * value implies (vCard 2.1 §2.1.2): QUOTED-PRINTABLE/BASE64/8BIT/7BIT → ENCODING,
   * INLINE/URL/CONTENT-ID/CID → VALUE, anything else → TYPE.
   */
  name: string;
  /** Values with quotes removed; `TYPE=a,b` gives ['a', 'b']. RFC 6868 caret escapes decoded in 4.0. */
  values: string[];
}

export interface VCardProperty {
  /** `item1` of `item1.TEL`, as written (compare case-insensitively); null when ungrouped. */
  group: string | null;
  /** Upper-case property name (names are case-insensitive, RFC 6350 §3.3). */
  name: string;
  params: VCardParam[];
  /**
   * The value after unfolding (and joining quoted-printable soft line breaks), still escaped and
   * still quoted-printable / base64 encoded: decoding depends on the property (see decode.ts).
   */
  value: string;
  /** Exact source text of this property: all its physical lines with their line ends, plus any blank lines after it. */
  raw: string;
  /** 1-based line number of the property's first physical line in the input. */
  line: number;
}

export interface VCard {
  /** VERSION value as written ('2.1', '3.0', '4.0'); '3.0' is assumed when missing (with a warning). */
  version: VCardVersion;
  /** Every property between BEGIN and END, in order (VERSION included). */
  properties: VCardProperty[];
  /** Exact text of the BEGIN:VCARD line (with its line end). */
  begin: string;
  /** Exact text of the END:VCARD line (with its line end, if any). */
  end: string;
  /** 1-based line number of BEGIN:VCARD. */
  line: number;
  /** Exact text of the whole card. */
  raw: string;
  /** Problems that did not stop parsing (unknown charset, missing VERSION, …). */
  warnings: string[];
}

export type VCardErrorKind =
  | 'no-card' // no BEGIN:VCARD at all
  | 'multiple-cards' // parseVCard was given more than one card
  | 'stray-content' // text outside BEGIN/END that is not blank
  | 'missing-end' // BEGIN:VCARD without END:VCARD
  | 'malformed-line' // a content line without a name or a colon (broken folding)
  | 'invalid-encoding' // bytes that are not valid in the declared charset (UTF-8 by default)
  | 'binary-content' // NUL bytes: not text at all
  | 'too-large' // a property longer than ParseOptions.maxPropertyLength
  | 'too-many-properties'; // more properties than ParseOptions.maxProperties

export interface VCardParseError {
  kind: VCardErrorKind;
  message: string;
  /** 1-based line number in the input where the problem was found. */
  line: number;
}

export type VCardParseResult =
  | { ok: true; card: VCard }
  /** raw: the input this result covers, exactly as given (a string, or the bytes for byte input). */
  | { ok: false; error: VCardParseError; raw: string | Uint8Array };

export interface ParseOptions {
  /** Longest logical property line accepted, in UTF-16 units. Default 4 MiB (iCloud caps a whole card at 256 KB). */
  maxPropertyLength?: number;
  /** Most properties accepted in one card. Default 5,000 (an iCloud group card of 256 KB has ~3,500 members). */
  maxProperties?: number;
}
