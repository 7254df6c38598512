// vCard dates ⇄ canonical PartialDate. Reads every form seen in the wild: RFC 2426 §3.1.5
// `1990-04-15`, the basic `19900415`, RFC 6350 §4.3.1 reduced forms `--0415`, `--04-15`, `---15`,
// `1990-04`, `1990`, `--04`, date-times (`1990-04-15T00:00:00Z`: the time is dropped), and Apple's
// year-less form `1604-04-15` with X-APPLE-OMIT-YEAR=1604 (carddav-icloud.md §4.4).
// Writes 3.0 as `YYYY-MM-DD` and year-less dates in Apple's form (what iCloud shows as a date
// without a year), 4.0 as RFC 6350 `YYYYMMDD` / `--MMDD`.
// Invariants: a part outside its range (year 1–9999, month 1–12, day 1–31) is unknown (null,
// never 0); a date with no known part is no date (null). A date with a year and a day but no month
// has no vCard form (both RFCs need the month between them): it is written as its year alone.
import type { PartialDate } from '../../../../shared/model/contact.ts';
import type { VCardVersion } from './types.ts';

function part(text: string | undefined, max: number): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

const forms: [RegExp, ('y' | 'm' | 'd')[]][] = [
  [/^(\d{4})-?(\d{2})-?(\d{2})$/, ['y', 'm', 'd']],
  [/^(\d{4})-(\d{2})$/, ['y', 'm']],
  [/^(\d{4})$/, ['y']],
  [/^--(\d{2})-?(\d{2})$/, ['m', 'd']],
  [/^--(\d{2})$/, ['m']],
  [/^---(\d{2})$/, ['d']],
];

/** Parses a date value; omitYear is the X-APPLE-OMIT-YEAR parameter (the year that means "none"). */
export function parseDate(text: string, omitYear: string | null): PartialDate | null {
  let t = text.trim();
  const time = t.indexOf('T');
  if (time >= 0) t = t.slice(0, time);
  if (t === '' || t.length > 10) return null;
  for (const [re, parts] of forms) {
    const m = re.exec(t);
    if (!m) continue;
    const found: Record<'y' | 'm' | 'd', string | undefined> = { y: undefined, m: undefined, d: undefined };
    parts.forEach((p, i) => (found[p] = m[i + 1]));
    let year = part(found.y, 9999);
    if (year !== null && omitYear !== null && Number(omitYear.trim()) === year) year = null;
    const date = { year, month: part(found.m, 12), day: part(found.d, 31) };
    return date.year === null && date.month === null && date.day === null ? null : date;
  }
  return null;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface DateValue {
  value: string;
  /** X-APPLE-OMIT-YEAR for Apple's year-less form; null otherwise. */
  omitYear: string | null;
}

/** The vCard form of a date, or null when no part is known. */
export function formatDate(date: PartialDate, version: VCardVersion): DateValue | null {
  const { year, month, day } = date;
  const v4 = version === '4.0';
  if (year !== null && month !== null && day !== null) {
    return { value: v4 ? `${pad(year, 4)}${pad(month, 2)}${pad(day, 2)}` : `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, omitYear: null };
  }
  if (year !== null && month !== null) return { value: `${pad(year, 4)}-${pad(month, 2)}`, omitYear: null };
  if (year !== null) return { value: pad(year, 4), omitYear: null };
  if (month !== null && day !== null) {
    return v4 ? { value: `--${pad(month, 2)}${pad(day, 2)}`, omitYear: null } : { value: `1604-${pad(month, 2)}-${pad(day, 2)}`, omitYear: '1604' };
  }
  if (month !== null) return { value: `--${pad(month, 2)}`, omitYear: null };
  if (day !== null) return { value: `---${pad(day, 2)}`, omitYear: null };
  return null;
}
