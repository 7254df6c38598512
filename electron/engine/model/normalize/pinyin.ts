// Chinese names read as toneless pinyin, so 张伟 meets "Zhang Wei" and "Wei Zhang". Family names
// use pinyin-pro's surname mode: polyphonic surnames take their surname reading (单 shan, 曾 zeng,
// 解 xie, 区 ou) and compound surnames (欧阳, 司马, 诸葛, 上官…) stay one unit when an unsplit
// full name is divided into family and given name.
// Invariant: readings are lower-case ASCII with no tones and no spaces inside one name part
// ("ouyang", "xiaoming"), the way Chinese names are romanised in passports and address books.
import { pinyinPro } from './pinyin-pro.ts';
import { compactKey } from './text.ts';

const han = /\p{Script=Han}/u;
const onlyHan = /^\p{Script=Han}+$/u;
const kanaOrHangul = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Traditional-script compound surnames; pinyin-pro's surname table lists the simplified forms. */
const traditionalCompoundSurnames = new Set([
  '歐陽', '司馬', '諸葛', '上官', '東方', '皇甫', '尉遲', '公孫', '慕容', '長孫', '宇文', '司徒', '令狐',
  '夏侯', '獨孤', '端木', '西門', '南宮', '軒轅', '呼延', '鍾離', '澹臺', '司空', '聞人', '萬俟', '拓跋',
]);

export function hasHan(text: string): boolean {
  return han.test(text);
}

export function isHanOnly(text: string): boolean {
  return onlyHan.test(text);
}

/** Kana or Hangul anywhere marks a Japanese or Korean name: those are not read as pinyin. */
export function hasKanaOrHangul(text: string): boolean {
  return kanaOrHangul.test(text);
}

/** 欧阳娜娜 → { family: 欧阳, given: 娜娜 }; 张伟 → { family: 张, given: 伟 }. Han-only input. */
export function splitChineseName(fullName: string): { family: string; given: string } {
  const head = fullName.slice(0, 2);
  if (fullName.length > 2 && traditionalCompoundSurnames.has(head)) return { family: head, given: fullName.slice(2) };
  const { segment, OutputFormat } = pinyinPro();
  const segments = segment(fullName, { mode: 'surname', surname: 'head', toneType: 'none', format: OutputFormat.AllSegment });
  const surname = segments[0]?.origin ?? fullName.slice(0, 1);
  return { family: surname, given: fullName.slice(surname.length) };
}

/** 欧阳 → "ouyang", 单 → "shan", 曾 → "zeng" (surname readings). */
export function familyPinyin(family: string): string {
  return compactKey(pinyinPro().pinyin(family, { mode: 'surname', surname: 'all', toneType: 'none', type: 'array' }).join(''));
}

/** 小明 → "xiaoming" (most common reading of each character). */
export function givenPinyin(given: string): string {
  return compactKey(pinyinPro().pinyin(given, { toneType: 'none', type: 'array' }).join(''));
}
