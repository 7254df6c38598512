// Postal addresses as lines in the convention of the address itself, whatever the UI language:
// Chinese, Japanese and Korean addresses run from country down to street, most others from street
// up to country. Empty parts are skipped, never shown as blank lines.
import type { Address } from '../../../shared/model/contact.ts';

const eastAsianCountries = new Set(['CN', 'TW', 'HK', 'MO', 'JP', 'KR']);
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

const join = (parts: string[], separator: string): string => parts.map((p) => p.trim()).filter(Boolean).join(separator);

export function isEastAsian(a: Address): boolean {
  return eastAsianCountries.has(a.countryCode.toUpperCase()) || cjk.test(a.street + a.locality + a.region + a.country);
}

export function addressLines(a: Address): string[] {
  if (isEastAsian(a)) {
    return [join([a.country, a.region, a.locality, a.street, a.extended], ''), join([a.poBox, a.postalCode], ' ')].filter(Boolean);
  }
  const cityLine = join([join([a.locality, a.region], ', '), a.postalCode], ' ');
  return [a.street, a.extended, a.poBox, cityLine, a.country].map((l) => l.trim()).filter(Boolean);
}
