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
