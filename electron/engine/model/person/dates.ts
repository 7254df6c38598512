// Google `Date` ⇄ canonical PartialDate, and the deprecated birthday text.
// Google writes "unknown" as 0 (year 0 = no year, month/day 0 for partial dates,
// google-people-api.md §2.2); the canonical model writes it as null and never uses 0
// (shared/model/contact.ts PartialDate). Invariants: a part outside its range (year 1–9999,
// month 1–12, day 1–31) is unknown on read and never written, so Google never sees a date it
// would reject; unknown parts are omitted on write (proto3 JSON omits zeros, §1.2), so a year-less
// birthday is sent as {month, day}; a date with no known part is no date at all (null).
import type { PartialDate } from '../../../../shared/model/contact.ts';
import type { GoogleDate } from './types.ts';

function part(value: number | null | undefined, max: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : null;
}

function partialDate(year: number | null | undefined, month: number | null | undefined, day: number | null | undefined): PartialDate | null {
  const date = { year: part(year, 9999), month: part(month, 12), day: part(day, 31) };
  return date.year === null && date.month === null && date.day === null ? null : date;
}

/** `onInvalid` hears of parts that are set but out of range (0 is "unknown", not invalid). */
export function dateFromGoogle(date: GoogleDate | null | undefined, onInvalid?: (date: GoogleDate) => void): PartialDate | null {
  if (!date) return null;
  const read = partialDate(date.year, date.month, date.day);
  const lost = (raw: number | null | undefined, kept: number | null | undefined): boolean => !!raw && kept === null;
  if (onInvalid && (lost(date.year, read?.year) || lost(date.month, read?.month) || lost(date.day, read?.day))) onInvalid(date);
  return read;
}

/** The Google form of a date; null when no part is known (the item cannot be carried). */
export function dateToGoogle(date: PartialDate): GoogleDate | null {
  const known = partialDate(date.year, date.month, date.day);
  if (!known) return null;
  const out: GoogleDate = {};
  if (known.year !== null) out.year = known.year;
  if (known.month !== null) out.month = known.month;
  if (known.day !== null) out.day = known.day;
  return out;
}

/**
 * Birthday `text` is deprecated and "not validated" (§2.2): only read when `date` is absent, and
 * only the unambiguous ISO-like forms are understood: 1990-04-15, 19900415, --04-15, --0415, 04-15.
 */
export function parseBirthdayText(text: string): PartialDate | null {
  const t = text.trim();
  const full = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t);
  if (full) return partialDate(Number(full[1]), Number(full[2]), Number(full[3]));
  const yearless = /^(?:--)?(\d{2})-?(\d{2})$/.exec(t);
  if (yearless) return partialDate(null, Number(yearless[1]), Number(yearless[2]));
  return null;
}
