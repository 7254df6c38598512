// The sections a patch works in: one per vCard property family, so that "this section changed"
// means "these properties must be rewritten" (read.ts records which properties each came from).
// Name parts are split by property: N carries prefix…suffix, each X-PHONETIC-* one reading, so
// editing a reading leaves N's bytes alone.
// Invariant: sectionValue covers every member of ContactFields exactly once, so two contacts
// with equal section values in every section are equal.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import type { ListSection, ScalarSection } from './read.ts';
import { listSections } from './read.ts';

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

/** Exact equality of a section (list order counts). */
export function sameSection(a: ContactFields, b: ContactFields, section: Section): boolean {
  return stableJson(sectionValue(a, section)) === stableJson(sectionValue(b, section));
}

/** Equality with lists compared as multisets: the order of e-mails or phones carries no meaning. */
export function sameMeaning(a: ContactFields, b: ContactFields, section: Section): boolean {
  if (!isListSection(section)) return sameSection(a, b, section);
  const key = (f: ContactFields) => (f[section] as unknown[]).map(stableJson).sort().join('\n');
  return key(a) === key(b);
}
