// Display name and sort key of a contact. Display text is never rewritten; the sort key folds case
// and diacritics so "Émile" sorts with "Emile". (Pinyin sort keys for Chinese names come with the
// canonical model.)
import type { ContactFields } from '../../../shared/model/contact.ts';

export function displayName(fields: ContactFields): string {
  const fn = fields.formattedName.trim();
  if (fn) return fn;
  const company = fields.organizations[0]?.name.trim() ?? '';
  if (fields.kind === 'organization' && company) return company;
  const { prefix, given, middle, family, suffix } = fields.name;
  const joined = [prefix, given, middle, family, suffix].filter(Boolean).join(' ').trim();
  return joined || company || fields.emails[0]?.value || fields.phones[0]?.value || '';
}

export function sortKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').trim();
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The contact with a formatted name when it has a structured one but no FN. RFC 6350 §6.2.1 makes
 * FN mandatory, and servers fill a missing one themselves (Google derives unstructuredName): the
 * hub filling it first, the same way every time, means the server keeps what it is sent instead of
 * answering with its own value, which the next sync would read as an edit and undo, forever.
 * Chinese, Japanese and Korean names are written family name first without spaces.
 */
export function withFormattedName(fields: ContactFields): ContactFields {
  if (fields.formattedName.trim() || fields.kind === 'organization') return fields;
  const { prefix, given, middle, family, suffix } = fields.name;
  const eastAsian = cjk.test(family + given);
  const parts = eastAsian ? [family, middle, given] : [prefix, given, middle, family, suffix];
  const formattedName = parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(eastAsian ? '' : ' ');
  return formattedName ? { ...fields, formattedName } : fields;
}
