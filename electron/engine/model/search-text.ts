// What the contact search index sees of a contact: names, emails, phones (as entered and as bare
// digits, so "13800138000" finds "+86 138 0013 8000"), organisation, title and notes. CJK text is
// split into single characters because SQLite's unicode61 tokenizer does not segment Chinese:
// "张伟" is indexed as "张 伟" and searched as the phrase "张 伟".
import type { ContactFields } from '../../../shared/model/contact.ts';

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Spaces out CJK characters so each becomes a token. Used for indexed text and for queries alike. */
export function spaceOutCjk(text: string): string {
  return text.replace(cjk, (ch) => ` ${ch} `).replace(/\s+/g, ' ').trim();
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
    fields.organization,
    fields.title,
    ...fields.emails.map((e) => e.value),
    ...fields.phones.flatMap((p) => [p.value, p.value.replace(/\D/g, '')]),
    fields.note,
  ];
  return spaceOutCjk(parts.filter((p) => p.length > 0).join(' '));
}
