// Blocking keys of a contact (DESIGN.md §5): the index entries through which linking and the
// duplicate finder meet candidates: normalised email, E.164 phone, and name keys (order swaps,
// diacritics folded, pinyin for Chinese names). Prefixes keep the kinds apart in one index.
import type { ContactFields } from '../../../shared/model/contact.ts';
import { emailKey, nameKeys, phoneMatchKey } from '../model/normalize/index.ts';
import type { NormalizeOptions } from '../model/normalize/index.ts';

export interface ContactKeys {
  emails: string[];
  phones: string[];
  names: string[];
}

export function contactKeys(fields: ContactFields, options: NormalizeOptions): ContactKeys {
  const emails = fields.emails.map((e) => emailKey(e.value)).filter((k) => k.includes('@'));
  // Too-short "numbers" (extensions, "0") would make giant blocks of unrelated people.
  const phones = fields.phones.map((p) => phoneMatchKey(p.value, options.defaultRegion)).filter((k) => k.replace(/\D/g, '').length >= 6);
  const names = nameKeys(fields.name, fields.formattedName).full;
  return { emails: [...new Set(emails)], phones: [...new Set(phones)], names: [...new Set(names)] };
}

export function blockingKeys(keys: ContactKeys): string[] {
  return [...keys.emails.map((k) => `e:${k}`), ...keys.phones.map((k) => `p:${k}`), ...keys.names.map((k) => `n:${k}`)];
}
