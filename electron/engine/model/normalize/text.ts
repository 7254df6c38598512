// Text folding shared by every matching key. Matching only: display text is never rewritten.
// Invariant: each function is idempotent (f(f(s)) === f(s)) and depends on nothing but its input,
// so keys computed on different machines, accounts or days compare equal.

/** Marks that are optional accents on Latin, Greek and Cyrillic letters, and Hebrew/Arabic vowel
 * points. Deliberately not all of \p{M}: Indic vowel signs and the kana voicing marks (が = か + ゛)
 * are letters in their own right, and stripping them would merge different names. */
// eslint-disable-next-line no-misleading-character-class -- a class of lone combining marks is the point
const optionalMarks = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u064b-\u065f\u0670]/g;

/** Letters NFKD does not decompose but readers treat as a base letter plus decoration. */
const letterFolds: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ſ: 's',
  ς: 'σ',
};
const letterFoldPattern = new RegExp(`[${Object.keys(letterFolds).join('')}]`, 'g');

/** Katakana → hiragana: the same reading is written either way (furigana fields differ by app). */
function foldKana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** NFC, trimmed, runs of whitespace collapsed to one space: single-line display text as meant. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Multi-line text (notes): NFC, one newline convention, outer whitespace trimmed. */
export function cleanNote(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** cleanText plus case folding: labels, group names, service names. */
export function foldCase(text: string): string {
  return cleanText(text).toLowerCase().normalize('NFC');
}

/**
 * foldCase plus diacritics and compatibility forms folded (NFKD, accents stripped, ß → ss,
 * full-width → ASCII, katakana → hiragana): "Émile", "EMILE" and "émile" share "emile".
 */
export function foldText(text: string): string {
  const decomposed = text.normalize('NFKD').toLowerCase().normalize('NFKD').replace(optionalMarks, '');
  return cleanText(foldKana(decomposed.replace(letterFoldPattern, (ch) => letterFolds[ch] ?? ch)));
}

/** foldText with punctuation and spaces removed: "Jean-Luc", "jean luc" and "JEANLUC" meet. */
export function compactKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** foldText with punctuation turned into single spaces: word boundaries survive, commas do not. */
export function wordsKey(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
