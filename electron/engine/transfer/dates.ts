// Dates as spreadsheets write them → PartialDate, and back. Google writes ISO 8601 ("1980-04-15",
// "--04-15" without a year); Outlook writes the Windows short date of its locale (English:
// "4/15/1980", and "0/0/00" for "none"); German Excel "15.04.1980"; Chinese Excel "1980/4/15" or
// "1980年4月15日". Slashed dates are ambiguous (04/03/1980): a part above 12 decides, else the
// file's date order (mapping.dateOrder; Outlook's English layout is month first).
// Invariant: a date is either read completely or reported; nothing is guessed into a wrong day.
import type { PartialDate } from '../../../shared/model/contact.ts';

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export type DateRead = { ok: true; date: PartialDate | null } | { ok: false; message: string };

function valid(year: number | null, month: number, day: number | null): boolean {
  if (month < 1 || month > 12) return false;
  if (day === null) return true;
  if (day < 1 || day > 31) return false;
  // A year-less 29 February is a real birthday; 1604 is a leap year (Apple's "no year" marker).
  const y = year ?? 1604;
  return day <= new Date(Date.UTC(y, month, 0)).getUTCDate();
}

function fourDigitYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  // Two-digit years (Outlook "4/15/80"): a birthday is in the past, so 00–29 are 2000s.
  return n < 30 ? 2000 + n : 1900 + n;
}

const done = (year: number | null, month: number, day: number | null): DateRead =>
  valid(year, month, day) ? { ok: true, date: { year, month, day } } : { ok: false, message: 'is not a calendar date' };

export function parseDate(text: string, order: DateOrder): DateRead {
  const t = text.trim();
  if (!t || /^0{1,2}[/.-]0{1,2}[/.-]0{2,4}$/.test(t)) return { ok: true, date: null };
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(t);
  if (m) return done(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^--(\d{2})-?(\d{2})$/.exec(t);
  if (m) return done(null, Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) return done(Number(m[1]), Number(m[2]), null);
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(t);
  if (m) return done(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(t);
  if (m) return done(null, Number(m[1]), Number(m[2]));
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(t);
  if (m) return done(Number(m[1]), Number(m[2]), Number(m[3]));
  // Dots: day first everywhere they are used (German, Russian, …).
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?$/.exec(t);
  if (m) return done(m[3] ? fourDigitYear(m[3]) : null, Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = fourDigitYear(m[3]!);
    const dayFirst = a > 12 ? true : b > 12 ? false : order === 'DMY';
    return dayFirst ? done(year, b, a) : done(year, a, b);
  }
  return { ok: false, message: 'is not a date Concord can read (use 1980-04-15 or --04-15)' };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 as Google writes it: 1980-04-15, --04-15 without a year, 1980-04 without a day. */
export function isoDate(d: PartialDate): string {
  if (d.month === null) return d.year !== null ? pad(d.year, 4) : '';
  if (d.day === null) return d.year !== null ? `${pad(d.year, 4)}-${pad(d.month)}` : `--${pad(d.month)}`;
  return d.year !== null ? `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}` : `--${pad(d.month)}-${pad(d.day)}`;
}

/** Outlook's English short date (M/D/YYYY); null when Outlook cannot hold it (no year or no day). */
export function outlookDate(d: PartialDate): string | null {
  if (d.year === null || d.month === null || d.day === null) return null;
  return `${d.month}/${d.day}/${d.year}`;
}
