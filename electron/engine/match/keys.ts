// Blocking keys of a contact (DESIGN.md §5): the index entries through which linking and the
// duplicate finder meet candidates. Linking keys: normalised email ('e:'), E.164 phone ('p:') and
// name keys ('n:': order swaps, diacritics folded, pinyin for Chinese names). The duplicate finder
// adds its own kinds to the same index (features.ts: phone suffix 'ps:', e-mail local part 'el:',
// nickname variants 'nn:', organisation + family name 'of:', full birthday + initial 'bd:'), so a
// changed contact finds its candidates with indexed probes. Prefixes keep the kinds apart in one
// index.
// Invariant: linkingKeys ⊆ blockingKeys, and linking probes only linkingKeys, so what the
// duplicate finder adds to the index never changes which records link to which contacts.
import type { ContactFields } from '../../../shared/model/contact.ts';
import { emailKey, nameKeys, phoneMatchKey } from '../model/normalize/index.ts';
import type { NormalizeOptions } from '../model/normalize/index.ts';
import { duplicateFeatures, storedDuplicateKeys } from './features.ts';

export interface ContactKeys {
  emails: string[];
  phones: string[];
  names: string[];
  /** The duplicate finder's keys, computed on first use (linking never needs them). */
  readonly duplicate: string[];
}

/** Keys by fields object and region: linking computes them for a new record, then indexes the same fields in the hub. */
const computed = new WeakMap<ContactFields, Map<string, ContactKeys>>();

export function contactKeys(fields: ContactFields, options: NormalizeOptions): ContactKeys {
  const region = options.defaultRegion ?? '';
  let byRegion = computed.get(fields);
  const cached = byRegion?.get(region);
  if (cached) return cached;
  const keys = computeKeys(fields, options);
  if (!byRegion) computed.set(fields, (byRegion = new Map()));
  byRegion.set(region, keys);
  return keys;
}

function computeKeys(fields: ContactFields, options: NormalizeOptions): ContactKeys {
  const emails = fields.emails.map((e) => emailKey(e.value)).filter((k) => k.includes('@'));
  // Too-short "numbers" (extensions, "0") would make giant blocks of unrelated people.
  const phones = fields.phones.map((p) => phoneMatchKey(p.value, options.defaultRegion)).filter((k) => k.replace(/\D/g, '').length >= 6);
  const names = nameKeys(fields.name, fields.formattedName).full;
  let duplicate: string[] | null = null;
  return {
    emails: [...new Set(emails)],
    phones: [...new Set(phones)],
    names: [...new Set(names)],
    get duplicate() {
      return (duplicate ??= storedDuplicateKeys(duplicateFeatures(fields)));
    },
  };
}

/** The keys linking probes: a new record meets hub contacts through these only. */
export function linkingKeys(keys: ContactKeys): string[] {
  return [...keys.emails.map((k) => `e:${k}`), ...keys.phones.map((k) => `p:${k}`), ...keys.names.map((k) => `n:${k}`)];
}

/** Every key the hub's blocking index holds for a contact: linking keys and the duplicate finder's. */
export function blockingKeys(keys: ContactKeys): string[] {
  return [...linkingKeys(keys), ...keys.duplicate];
}
