// Postal addresses for matching: the folded join of the components in a fixed order, so case,
// accents, punctuation and line breaks do not matter, and a suite written in the street line or in
// the "extended" field reads the same. The country is reduced to its ISO code where one can be
// found ("USA", "United States", "Deutschland" and countryCode "DE" agree).
// Invariant: addresses with the same words in the same order give the same key.
import type { Address } from '../../../../shared/model/contact.ts';
import { foldText, wordsKey } from './text.ts';

/** Locales whose region names are recognised in the country field. */
const countryNameLocales = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'pl', 'ru', 'zh-Hans', 'zh-Hant', 'ja', 'ko'];
/** Common names Intl does not give. */
const countryAliases: Readonly<Record<string, string>> = {
  usa: 'us',
  'u s a': 'us',
  'u s': 'us',
  america: 'us',
  'united states of america': 'us',
  uk: 'gb',
  'u k': 'gb',
  'great britain': 'gb',
  england: 'gb',
  scotland: 'gb',
  wales: 'gb',
  prc: 'cn',
  "people's republic of china": 'cn',
};

let countryNames: Map<string, string> | null = null;

/** Folded region name → lower-case ISO 3166-1 alpha-2, built once from the runtime's ICU data. */
function countryNameIndex(): Map<string, string> {
  if (countryNames) return countryNames;
  const index = new Map<string, string>(Object.entries(countryAliases));
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const locale of countryNameLocales) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    } catch {
      continue;
    }
    for (const a of letters) {
      for (const b of letters) {
        // Withdrawn codes (DD, East Germany) alias current ones and must not claim their names.
        if (Intl.getCanonicalLocales(`und-${a}${b}`)[0] !== `und-${a}${b}`) continue;
        const name = names.of(a + b);
        if (name) {
          const key = wordsKey(name);
          if (!index.has(key)) index.set(key, (a + b).toLowerCase());
        }
      }
    }
  }
  countryNames = index;
  return index;
}

/** ISO code in lower case when known, else the folded country name. */
export function countryKey(country: string, countryCode: string): string {
  const code = countryCode.trim().toLowerCase();
  if (/^[a-z]{2}$/.test(code)) return code;
  const words = wordsKey(country);
  if (!words) return '';
  if (/^[a-z]{2}$/.test(words)) return words;
  return countryNameIndex().get(words) ?? words;
}

export function addressKey(address: Address): string {
  const parts = [
    wordsKey(address.poBox),
    wordsKey(address.street),
    wordsKey(address.extended),
    wordsKey(address.locality),
    wordsKey(address.region),
    // Postal codes are written with and without inner spaces ("SW1A 1AA", "SW1A1AA").
    foldText(address.postalCode).replace(/[^\p{L}\p{N}]+/gu, ''),
    countryKey(address.country, address.countryCode),
  ];
  return parts.filter((p) => p.length > 0).join(' ');
}
