// Bytes of an import file → text. Order of evidence: a byte-order mark (UTF-8, UTF-16 LE/BE: what
// Excel's "Unicode text" and Outlook's Unicode CSV write), then UTF-16 without a BOM (NUL bytes in
// every other position), then strict UTF-8 (what Google, Apple Numbers and Excel's "CSV UTF-8"
// write), then chardet's statistical guess (GB18030/GBK and Big5 as Chinese Excel and Outlook write
// them in the ANSI code page, windows-1252 for Western ones), each guess checked by decoding it
// strictly; windows-1252 last, because every byte decodes in it.
// Invariant: the text never starts with a BOM, and a declared encoding the decoder does not know is
// refused rather than guessed around.
import { TextDecoder } from 'node:util';
import { analyse } from 'chardet';
import { ConcordError } from '../../../shared/api/errors.ts';

export interface DecodedText {
  text: string;
  /** WHATWG label of the encoding used. */
  encoding: string;
  source: 'bom' | 'detected' | 'given';
  /** Decoding problems a person should know about (replacement characters, a guess). */
  warnings: string[];
}

/** chardet's names → WHATWG labels TextDecoder knows. GB2312 and GBK are subsets of GB18030. */
const chardetToWhatwg: Record<string, string> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'ISO-2022-JP': 'iso-2022-jp',
  // The WHATWG Encoding Standard reads ISO-8859-1 as windows-1252; Excel's "ANSI" is the latter.
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'ISO-8859-5': 'iso-8859-5',
  'KOI8-R': 'koi8-r',
  'ISO-8859-7': 'iso-8859-7',
  'windows-1253': 'windows-1253',
  'ISO-8859-9': 'windows-1254',
  'windows-1254': 'windows-1254',
};

function decoder(label: string, fatal: boolean): TextDecoder | null {
  try {
    // ignoreBOM: the BOM is handled (and stripped) here, not by the decoder.
    return new TextDecoder(label, { fatal, ignoreBOM: true });
  } catch {
    return null;
  }
}

function strictDecode(bytes: Uint8Array, label: string): string | null {
  const d = decoder(label, true);
  if (!d) return null;
  try {
    return d.decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** C1 controls and private-use characters: what a wrong single-byte or CJK guess tends to produce. */
const implausible = /[\u0080-\u009f\ue000-\uf8ff]/gu;

function plausible(text: string): boolean {
  const bad = text.match(implausible)?.length ?? 0;
  return bad <= Math.max(2, text.length / 1000);
}

export function decodeImport(bytes: Uint8Array, given?: string): DecodedText {
  if (given) {
    const d = decoder(given, false);
    if (!d) throw new ConcordError('INVALID_PARAMS', `Unknown encoding "${given}". Use a label such as utf-8, gbk, big5, utf-16le or windows-1252.`);
    const text = stripBom(d.decode(bytes));
    const warnings = text.includes('\ufffd') ? [`Some bytes are not valid ${given}; they show as �.`] : [];
    return { text, encoding: d.encoding, source: 'given', warnings };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bomDecode(bytes.subarray(3), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bomDecode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bomDecode(bytes.subarray(2), 'utf-16be');
  const wide = utf16WithoutBom(bytes);
  if (wide) {
    const text = strictDecode(bytes, wide);
    if (text !== null) return { text, encoding: wide, source: 'detected', warnings: [] };
  }
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', source: 'detected', warnings: [] };
  // chardet looks at a sample; 64 KiB holds enough two-byte characters to tell GBK from Big5.
  const sample = bytes.subarray(0, 65536);
  for (const match of analyse(sample)) {
    const label = chardetToWhatwg[match.name];
    if (!label || label === 'utf-8' || match.confidence < 10) continue;
    const text = strictDecode(bytes, label);
    if (text !== null && plausible(text)) return { text, encoding: label, source: 'detected', warnings: [] };
  }
  const text = (decoder('windows-1252', false) as TextDecoder).decode(bytes);
  return { text, encoding: 'windows-1252', source: 'detected', warnings: ['The encoding could not be recognised; the file was read as windows-1252. Pass the encoding if names look wrong.'] };
}

function bomDecode(bytes: Uint8Array, label: string): DecodedText {
  const strict = strictDecode(bytes, label);
  if (strict !== null) return { text: strict, encoding: label, source: 'bom', warnings: [] };
  const text = (decoder(label, false) as TextDecoder).decode(bytes);
  return { text, encoding: label, source: 'bom', warnings: [`Some bytes are not valid ${label} although the file says it is; they show as �.`] };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
