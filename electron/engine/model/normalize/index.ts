// Normalisation for matching (never for display): one import for the engine's callers.
export { addressKey, countryKey } from './address.ts';
export { emailKey, gmailCanonical } from './email.ts';
export { imKey, imServiceKey } from './im.ts';
export { nameKeys, splitFullName } from './name.ts';
export type { NameKeys } from './name.ts';
export { phoneKey, phoneMatchKey, phoneRegion } from './phone.ts';
export type { PhoneKey } from './phone.ts';
export { familyPinyin, givenPinyin, splitChineseName } from './pinyin.ts';
export { itemView, listSemantics, listView, scalarSemantics, semanticView } from './semantic.ts';
export type { ListField, ListSemantics, NormalizeOptions, ScalarSemantics } from './semantic.ts';
export { customFieldKey, dateKey, groupKey, labelKey, nicknameKey, relationKey } from './simple.ts';
export { cleanNote, cleanText, compactKey, foldCase, foldText, wordsKey } from './text.ts';
export { urlKey } from './url.ts';
