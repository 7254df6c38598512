// What the contact search index sees of a contact: names, emails, phones (as entered and as bare
// digits, so "13800138000" finds "+86 138 0013 8000"), organisation, title and notes. CJK text is
// split into single characters because SQLite's unicode61 tokenizer does not segment Chinese:
// "张伟" is indexed as "张 伟" and searched as the phrase "张 伟". International numbers are also
// indexed in national form ("020 7946 0958" finds "+44 20 7946 0958").
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ContactFields } from '../../../shared/model/contact.ts';

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Spaces out CJK characters so each becomes a token. Used for indexed text and for queries alike. */
export function spaceOutCjk(text: string): string {
  return text.replace(cjk, (ch) => ` ${ch} `).replace(/\s+/g, ' ').trim();
}

const digits = (text: string): string => text.replace(/\D/g, '');

function phoneForms(phone: { value: string }): string[] {
  const forms = new Set([phone.value, digits(phone.value)]);
  const parsed = parsePhoneNumberFromString(phone.value);
  if (parsed) forms.add(digits(parsed.formatNational())).add(parsed.nationalNumber);
  return [...forms];
}

export function contactSearchText(fields: ContactFields): string {
  const { name } = fields;
  const parts = [
    fields.formattedName,
    name.prefix,
    name.given,
    name.middle,
    name.family,
    name.suffix,
    name.phoneticGiven,
    name.phoneticFamily,
    ...fields.nicknames,
    ...fields.organizations.flatMap((o) => [o.name, o.department, o.title]),
    ...fields.emails.map((e) => e.value),
    ...fields.phones.flatMap(phoneForms),
    fields.note,
  ];
  return spaceOutCjk(parts.filter((p) => p.length > 0).join(' '));
}
