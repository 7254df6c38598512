// Name keys for finding the same person across accounts (DESIGN.md §5 blocking index). Keys, not
// scores: two contacts sharing a key are candidates, and the scorer decides.
// - full: given and family folded (case, accents, punctuation, spacing) in both orders, because
//   apps disagree on which part is which ("Wei Zhang" / "Zhang Wei"); Chinese names also by
//   toneless pinyin (张伟 → "zhang wei", "wei zhang"); CJK names also unspaced ("山田太郎");
//   the phonetic reading (furigana, pinyin) when the card has one; the formatted name too.
// - initials: the first letter of one part with the other part ("j smith"), a weaker key.
// Japanese and Korean names (any kana or Hangul in the name or its reading) are never read as
// pinyin; kanji-only names without a reading cannot be told from Chinese and get a pinyin key too,
// which costs at most a spurious candidate.
// Invariant: keys depend on meaning, not on formatting: nameKeys(x) is the same for any spelling of
// the same name parts that differs only in case, accents, punctuation, spacing or part order.
import type { StructuredName } from '../../../../shared/model/contact.ts';
import { familyPinyin, givenPinyin, hasHan, hasKanaOrHangul, isHanOnly, splitChineseName } from './pinyin.ts';
import { cleanText, compactKey } from './text.ts';

export interface NameKeys {
  /** Strong keys, sorted: "given family", "family given", pinyin and phonetic forms. */
  full: string[];
  /** Weak keys, sorted: "j smith" and "s john" for John Smith. */
  initials: string[];
}

interface NameParts {
  given: string;
  family: string;
}

/** Honorifics and suffixes dropped when a full name has to be split ("Dr. John Smith Jr."). */
const honorifics = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);

const cjkScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Divides a one-string name into given and family: "Smith, John", "John Smith", "张伟", "山田 太郎". */
export function splitFullName(text: string): NameParts {
  const clean = cleanText(text);
  if (!clean) return { given: '', family: '' };
  if (isHanOnly(clean)) return splitChineseName(clean);
  const words = (part: string) => part.split(/\s+/).filter((w) => w.length > 0 && !honorifics.has(compactKey(w)));
  const comma = clean.indexOf(',');
  if (comma >= 0) {
    const family = words(clean.slice(0, comma)).join(' ');
    const given = words(clean.slice(comma + 1).replace(/,/g, ' ')).join(' ');
    if (family && given) return { given, family };
  }
  const tokens = words(clean.replace(/,/g, ' '));
  const first = tokens[0] ?? '';
  const last = tokens.length > 1 ? (tokens[tokens.length - 1] ?? '') : '';
  // East Asian names written with a space keep family-first order ("山田 太郎", "张 伟").
  if (last && cjkScript.test(first) && cjkScript.test(last)) return { family: first, given: tokens.slice(1).join(' ') };
  return { given: first, family: last };
}

/** Given and family as the card means them, splitting a whole name found in one field. */
function nameParts(name: StructuredName, formattedName: string): NameParts {
  const given = cleanText(name.given);
  const family = cleanText(name.family);
  if (given && family) return { given, family };
  const single = given || family;
  if (!single) return splitFullName(formattedName);
  // Some apps put the whole name into one field.
  return /\s/.test(single) || (isHanOnly(single) && single.length > 1 && !family) ? splitFullName(single) : { given, family };
}

function firstLetter(key: string): string {
  return [...key][0] ?? '';
}

function addPair(keys: { full: Set<string>; initials: Set<string> }, givenText: string, familyText: string): void {
  const given = compactKey(givenText);
  const family = compactKey(familyText);
  if (given && family) {
    keys.full.add(`${given} ${family}`).add(`${family} ${given}`);
    if (cjkScript.test(given + family)) keys.full.add(`${family}${given}`);
    keys.initials.add(`${firstLetter(given)} ${family}`).add(`${firstLetter(family)} ${given}`);
  } else if (given || family) {
    keys.full.add(given || family);
  }
}

/** Keys of one (given, family) reading of the name, with pinyin when it is a Chinese name. */
function addName(keys: { full: Set<string>; initials: Set<string> }, parts: NameParts, reading: string): void {
  addPair(keys, parts.given, parts.family);
  if (hasHan(parts.given + parts.family) && !hasKanaOrHangul(parts.given + parts.family + reading)) {
    addPair(keys, givenPinyin(parts.given), familyPinyin(parts.family));
  }
}

/** Keys from the structured name (or, without one, the formatted name), the formatted name when it
 * says something else ("Bob Smith" filed as "Robert Smith"), and the phonetic reading. */
export function nameKeys(name: StructuredName, formattedName = ''): NameKeys {
  const keys = { full: new Set<string>(), initials: new Set<string>() };
  const reading = `${name.phoneticGiven} ${name.phoneticFamily}`;
  addName(keys, nameParts(name, formattedName), reading);
  if (name.given.trim() || name.family.trim()) addName(keys, splitFullName(formattedName), reading);
  if (name.phoneticGiven.trim() || name.phoneticFamily.trim()) addPair(keys, name.phoneticGiven, name.phoneticFamily);
  return { full: [...keys.full].sort(), initials: [...keys.initials].sort() };
}
