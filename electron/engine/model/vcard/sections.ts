// The sections a patch works in: one per vCard property family, so that "this section changed"
// means "these properties must be rewritten" (read.ts records which properties each came from).
// Name parts are split by property: N carries prefix…suffix, each X-PHONETIC-* one reading, so
// editing a reading leaves N's bytes alone.
// Invariant: sectionValue covers every member of ContactFields exactly once, so two contacts
// with equal section values in every section are equal.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { ListSection, ScalarSection } from './canonical.ts';
import { listSections } from './canonical.ts';

export type Section = ScalarSection | ListSection;

export function isListSection(s: Section): s is ListSection {
  return (listSections as readonly string[]).includes(s);
}

/** The part of the fields a section covers. */
export function sectionValue(fields: ContactFields, section: Section): unknown {
  const n = fields.name;
  switch (section) {
    case 'name':
      return [n.prefix, n.given, n.middle, n.family, n.suffix];
    case 'phoneticGiven':
      return n.phoneticGiven;
    case 'phoneticMiddle':
      return n.phoneticMiddle;
    case 'phoneticFamily':
      return n.phoneticFamily;
    default:
      return fields[section];
  }
}

/** JSON with sorted object keys: equal values give equal strings whatever the key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Deep equality of JSON values (object key order does not count). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Exact equality of a section (list order counts). */
export function sameSection(a: ContactFields, b: ContactFields, section: Section): boolean {
  return sameJson(sectionValue(a, section), sectionValue(b, section));
}

/** Equality with lists compared as multisets: the order of e-mails or phones carries no meaning. */
export function sameMeaning(a: ContactFields, b: ContactFields, section: Section): boolean {
  if (sameSection(a, b, section)) return true;
  if (!isListSection(section)) return false;
  const key = (f: ContactFields) => (f[section] as unknown[]).map(stableJson).sort().join('\n');
  return key(a) === key(b);
}
