// What the contact search index sees of a contact: names, emails, phones (as entered and as bare
// digits, so "13800138000" finds "+86 138 0013 8000"), organisation, title and notes. CJK text is
// split into single characters because SQLite's unicode61 tokenizer does not segment Chinese:
// "张伟" is indexed as "张 伟" and searched as the phrase "张 伟". International numbers are also
// indexed in national form ("020 7946 0958" finds "+44 20 7946 0958"). Chinese names are also
// indexed in toneless pinyin, since that is how people type them on a Latin keyboard: 王芳 gets
// "wang fang", "wangfang", "fangwang" and the initials "wf" (ü also as v: 吕 "lü" and "lv").
// Invariant: the text depends only on the fields (and this module's version): migration 0007
// recomputes it for every stored contact when this changes.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { splitFullName } from './normalize/name.ts';
import { hasHan, hasKanaOrHangul, isHanOnly } from './normalize/pinyin.ts';
import { pinyinPro } from './normalize/pinyin-pro.ts';
import { memo } from './normalize/memo.ts';
import { cleanText } from './normalize/text.ts';

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Spaces out CJK characters so each becomes a token. Used for indexed text and for queries alike. */
export function spaceOutCjk(text: string): string {
  return text.replace(cjk, (ch) => ` ${ch} `).replace(/\s+/g, ' ').trim();
}

const digits = (text: string): string => text.replace(/\D/g, '');

/**
 * National forms by number text ([] when the number does not parse). Parsing is the costly part of
 * a contact's search text, and a first sync derives it for every contact.
 */
const nationalFormsOf = memo((value: string): readonly string[] => {
  // Without a default country libphonenumber reads only numbers that carry a calling code after a
  // plus sign ("+44 …", "tel:…;phone-context=+1"); anything else would only throw inside it.
  const parsed = /[+\uFF0B]/.test(value) ? parsePhoneNumberFromString(value) : undefined;
  return parsed ? [digits(parsed.formatNational()), parsed.nationalNumber] : [];
}, 50_000);

function phoneForms(phone: { value: string }): string[] {
  return [...new Set([phone.value, digits(phone.value), ...nationalFormsOf(phone.value)])];
}

/** The name's Chinese family and given parts, as name matching reads them; null when not Chinese. */
function chineseName(fields: ContactFields): { family: string; given: string } | null {
  const { name } = fields;
  const all = [name.given, name.family, fields.formattedName, name.phoneticGiven, name.phoneticFamily].join(' ');
  // Kana or Hangul anywhere: a Japanese or Korean name, not read as pinyin (as in normalize/name.ts).
  if (!hasHan(all) || hasKanaOrHangul(all)) return null;
  const family = cleanText(name.family);
  const given = cleanText(name.given);
  if (!hasHan(family + given)) return hasHan(fields.formattedName) ? splitFullName(fields.formattedName) : null;
  // Some apps put the whole name into the given name: 张伟 → 张 + 伟.
  if (!family && isHanOnly(given) && given.length > 1) return splitFullName(given);
  return { family, given };
}

const onlyHan = (text: string) => text.replace(/[^\p{Script=Han}]/gu, '');

/** Toneless pinyin of a Chinese name in the forms people type; [] for any other name. */
export function namePinyinForms(fields: ContactFields): string[] {
  const parts = chineseName(fields);
  if (!parts) return [];
  const family = onlyHan(parts.family);
  const given = onlyHan(parts.given);
  // Surname mode reads polyphonic surnames as surnames (单 shan, 曾 zeng), as name keys do.
  const { pinyin } = pinyinPro();
  const fam = family ? pinyin(family, { mode: 'surname', surname: 'all', toneType: 'none', type: 'array' }) : [];
  const giv = given ? pinyin(given, { toneType: 'none', type: 'array' }) : [];
  const forms = new Set<string>();
  const add = (f: string[], g: string[]) => {
    const syllables = [...f, ...g];
    if (syllables.length === 0) return;
    forms.add(syllables.join(' ')).add(syllables.join(''));
    if (f.length > 0 && g.length > 0) forms.add(g.join('') + f.join(''));
    if (syllables.length > 1) forms.add(syllables.map((s) => s[0]).join(''));
  };
  add(fam, giv);
  // Keyboards have no ü: pinyin input methods and passports-by-habit write it v (lü → lv).
  const toV = (xs: string[]) => xs.map((s) => s.replace(/ü/g, 'v'));
  if ([...fam, ...giv].some((s) => s.includes('ü'))) add(toV(fam), toV(giv));
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
    ...namePinyinForms(fields),
  ];
  return spaceOutCjk(parts.filter((p) => p.length > 0).join(' '));
}
