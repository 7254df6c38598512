// The catalogues: zh-CN has exactly the keys of en (the type already demands it; this also catches
// a cast or an `as` slipping through), nothing is empty, placeholders match, and every engine
// error code and well-known contact label has its message.
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../shared/api/errors.ts';
import { wellKnownLabels } from '../../../shared/model/contact.ts';
import { catalogues, createTranslator, errorKey, labelKey, resolveLocale } from '../../../renderer/src/i18n/index.ts';
import { en } from '../../../renderer/src/i18n/en.ts';
import { zhCN } from '../../../renderer/src/i18n/zh-CN.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('message catalogues', () => {
  it('zh-CN has exactly the keys of en', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty or blank strings', () => {
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
  });

  it('has a message for every error code and well-known label', () => {
    for (const code of errorCodes) for (const catalogue of Object.values(catalogues)) expect(catalogue[errorKey(code)]).toBeTruthy();
    for (const label of wellKnownLabels) for (const catalogue of Object.values(catalogues)) expect(catalogue[labelKey(label)]).toBeTruthy();
  });
});

describe('language choice and formatting', () => {
  it("follows navigator.language for 'system': zh* is Chinese, anything else English", () => {
    expect(resolveLocale('system', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('system', 'zh')).toBe('zh-CN');
    expect(resolveLocale('system', 'de-DE')).toBe('en');
    expect(resolveLocale('system', undefined)).toBe('en');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('fills placeholders, formats numbers and picks plural forms per locale', () => {
    const t = createTranslator('en');
    expect(t.plural('contacts.count', 1)).toBe('1 contact');
    expect(t.plural('contacts.count', 100_000)).toBe('100,000 contacts');
    expect(t('contacts.noResults', { query: 'zz' })).toBe('No contacts match “zz”');
    expect(createTranslator('zh-CN').plural('contacts.count', 1)).toBe('1 位联系人');
  });

  it('translates well-known labels and keeps custom ones verbatim', () => {
    const t = createTranslator('zh-CN');
    expect(t.label('mobile')).toBe('手机');
    expect(t.label('Work Fax')).toBe('工作传真');
    expect(t.label('Grandma’s landline')).toBe('Grandma’s landline');
    expect(t.label(null)).toBe('');
  });

  it('formats dates with unknown parts', () => {
    const t = createTranslator('en');
    expect(t.partialDate({ year: null, month: 4, day: 15 })).toBe('April 15');
    expect(t.partialDate({ year: 1987, month: 4, day: 15 })).toBe('April 15, 1987');
    expect(t.partialDate({ year: 1987, month: null, day: null })).toBe('1987');
    expect(createTranslator('zh-CN').partialDate({ year: null, month: 4, day: 15 })).toBe('4月15日');
  });
});
