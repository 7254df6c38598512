// Picks the UI language and hands components a typed translator. The language comes from the
// settings ('system' | 'en' | 'zh-CN'); 'system' follows navigator.language. Numbers, dates and
// plurals are formatted with Intl in the same locale so a Chinese UI never shows "1,234 contacts".
import { createContext, createElement, useContext, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ErrorCode } from '../../../shared/api/errors.ts';
import { wellKnownLabels } from '../../../shared/model/contact.ts';
import type { Label, PartialDate } from '../../../shared/model/contact.ts';
import type { Settings } from '../../../shared/model/settings.ts';
import { en } from './en.ts';
import type { MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey } from './en.ts';
export type Locale = 'en' | 'zh-CN';
export type LanguageSetting = Settings['language'];
export type Vars = Record<string, string | number>;

export const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Message keys that come as a `.one` / `.other` pair. */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never }[MessageKey];

export function resolveLocale(setting: LanguageSetting, navigatorLanguage: string | undefined): Locale {
  if (setting !== 'system') return setting;
  return (navigatorLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The catalogue key for an engine error code; the template type proves every code has one. */
export function errorKey(code: ErrorCode): MessageKey {
  return `error.${code}`;
}

type WellKnownLabel = (typeof wellKnownLabels)[number];
const isWellKnown = (label: string): label is WellKnownLabel => (wellKnownLabels as readonly string[]).includes(label);

/** The catalogue key for a well-known contact label; the template type proves each has one. */
export function labelKey(label: WellKnownLabel): MessageKey {
  return `label.${label}`;
}

export interface Translator {
  (key: MessageKey, vars?: Vars): string;
  readonly locale: Locale;
  plural(key: PluralKey, count: number): string;
  error(code: ErrorCode): string;
  number(value: number): string;
  dateTime(iso: string): string;
  /** A birthday or anniversary with unknown parts: "15 April", "April 1987", "1987". */
  partialDate(date: PartialDate): string;
  /** Well-known contact labels translated; custom labels verbatim; '' for none. */
  label(label: Label): string;
  /** "5 minutes ago"; falls back to the date once it is more than a week old. */
  relative(iso: string, now?: number): string;
}

export function createTranslator(locale: Locale): Translator {
  const catalogue = catalogues[locale];
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const show = (value: string | number): string => (typeof value === 'number' ? numbers.format(value) : value);

  const t = ((key: MessageKey, vars?: Vars): string => {
    const template = catalogue[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? show(vars[name]!) : whole));
  }) as Translator;

  return Object.assign(t, {
    locale,
    plural: (key: PluralKey, count: number) =>
      t(plurals.select(count) === 'one' ? (`${key}.one` as MessageKey) : (`${key}.other` as MessageKey), { count }),
    error: (code: ErrorCode) => t(errorKey(code)),
    number: (value: number) => numbers.format(value),
    dateTime: (iso: string) => dates.format(new Date(iso)),
    partialDate({ year, month, day }: PartialDate) {
      // Date.UTC and timeZone UTC: a birthday is a calendar day, not an instant.
      const at = new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, day ?? 1));
      const parts: Intl.DateTimeFormatOptions =
        month === null ? {} : day === null ? { month: 'long' } : { month: 'long', day: 'numeric' };
      if (year !== null) parts.year = 'numeric';
      if (Object.keys(parts).length === 0) return '';
      return new Intl.DateTimeFormat(locale, { ...parts, timeZone: 'UTC' }).format(at);
    },
    label(label: Label) {
      if (label === null) return '';
      const known = label.trim().toLowerCase();
      return isWellKnown(known) ? t(labelKey(known)) : label;
    },
    relative(iso: string, now = Date.now()) {
      const seconds = (new Date(iso).getTime() - now) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 45) return t('time.justNow');
      if (abs < 45 * 60) return relativeFormat.format(Math.round(seconds / 60), 'minute');
      if (abs < 22 * 3600) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
      if (abs < 7 * 86400) return relativeFormat.format(Math.round(seconds / 86400), 'day');
      return dates.format(new Date(iso));
    },
  });
}

const I18nContext = createContext<Translator>(createTranslator('en'));

function useNavigatorLanguage(): string | undefined {
  const read = () => (typeof navigator === 'undefined' ? undefined : navigator.language);
  const [language, setLanguage] = useState(read);
  useEffect(() => {
    const update = () => setLanguage(read());
    window.addEventListener('languagechange', update);
    return () => window.removeEventListener('languagechange', update);
  }, []);
  return language;
}

export function I18nProvider(props: { language: LanguageSetting; children: ReactNode }): ReactNode {
  const navigatorLanguage = useNavigatorLanguage();
  const locale = resolveLocale(props.language, navigatorLanguage);
  const translator = useMemo(() => createTranslator(locale), [locale]);
  // Layout effect: screen readers and the CJK font choice see the right lang before first paint.
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    document.title = translator('app.name');
  }, [locale, translator]);
  return createElement(I18nContext.Provider, { value: translator }, props.children);
}

export function useT(): Translator {
  return useContext(I18nContext);
}
