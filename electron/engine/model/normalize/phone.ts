// Phone numbers for matching: E.164 through libphonenumber-js, read with the account's default
// region (a number saved as "138 0013 8000" in a Chinese account is +8613800138000). Display text
// is never reformatted (peers.md §3.12: rewriting "+43…" to "43…" is a top complaint).
// Invariant: the key never depends on formatting (spaces, dashes, brackets, "tel:", "00" vs "+"),
// and an extension never merges into the number: "+1 202 555 0143 x5" ≠ "+1 202 555 0143".
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';

export interface PhoneKey {
  /** E.164 ("+8613800138000") when the number parses, else its digits (with a leading + kept). */
  number: string;
  /** Digits of the extension, '' when none. */
  extension: string;
  /** True when `number` is E.164 from libphonenumber; false for the digits-only fallback. */
  e164: boolean;
}

/** "x12", "ext. 12", "extension 12", ";ext=12" (RFC 3966), "#12" and dial pauses ",12" at the end. */
const extensionPattern = /(?:;\s*ext=|\s*(?:ext\.?|extension|x|#)\s*|\s*[,;]+\s*)(\d+)\s*$/i;

/** Phone keypad letters, for vanity numbers ("1-800-FLOWERS"). */
const keypad: Readonly<Record<string, string>> = Object.fromEntries(
  ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqrs', 'tuv', 'wxyz'].flatMap((letters, i) => [...letters].map((l) => [l, String(i + 2)])),
);

/** A supported ISO 3166 region or undefined: an unknown setting must not break parsing. */
export function phoneRegion(region: string | null | undefined): CountryCode | undefined {
  const upper = region?.trim().toUpperCase() ?? '';
  return upper && isSupportedCountry(upper) ? upper : undefined;
}

function splitExtension(text: string): { main: string; extension: string } {
  const match = extensionPattern.exec(text);
  if (!match || match.index === 0) return { main: text, extension: '' };
  return { main: text.slice(0, match.index), extension: match[1] ?? '' };
}

/**
 * Parsed keys by region and text. libphonenumber-js is the costliest step of hashing and matching
 * (a first sync reads each number for the hash, the match keys and the search text), and address
 * books repeat numbers (switchboards), so results are kept; the cache is bounded and simply
 * starts over when full, since a sync touches each number a few times in a row.
 */
const parsedKeys = new Map<string, PhoneKey>();
const PARSED_KEYS_MAX = 50_000;

export function phoneKey(value: string, defaultRegion: string | null): PhoneKey {
  const cacheKey = `${defaultRegion ?? ''}\u0000${value}`;
  const cached = parsedKeys.get(cacheKey);
  if (cached) return cached;
  const key = Object.freeze(parsePhoneKey(value, defaultRegion));
  if (parsedKeys.size >= PARSED_KEYS_MAX) parsedKeys.clear();
  parsedKeys.set(cacheKey, key);
  return key;
}

function parsePhoneKey(value: string, defaultRegion: string | null): PhoneKey {
  const cleaned = value
    .normalize('NFKC')
    .trim()
    .replace(/^tel:/i, '');
  const { main, extension } = splitExtension(cleaned);
  // Letters only count as a vanity number when the rest looks like a phone number.
  const dialable = /^[+\d\s().\-/]*[a-z][a-z\d\s().\-/]*$/i.test(main) && /\d/.test(main) ? main.replace(/[a-z]/gi, (l) => keypad[l.toLowerCase()] ?? l) : main;
  const region = phoneRegion(defaultRegion);
  const parsed = parsePhoneNumberFromString(dialable, region ? { defaultCountry: region } : undefined);
  if (parsed?.isPossible()) return { number: parsed.number, extension: parsed.ext ?? extension, e164: true };
  const digits = dialable.replace(/\D/g, '');
  return { number: digits && dialable.trimStart().startsWith('+') ? `+${digits}` : digits, extension, e164: false };
}

/** One string per distinct line: number plus extension in RFC 3966 style ("+12025550143;ext=5"). */
export function phoneMatchKey(value: string, defaultRegion: string | null): string {
  const { number, extension } = phoneKey(value, defaultRegion);
  return extension ? `${number};ext=${extension}` : number;
}
