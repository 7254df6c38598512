// Google Date ⇄ PartialDate: 0 means unknown in Google, null in the canonical model; unknown parts
// are omitted when written (shared/docs/google-people-api.md §2.2 Date).
import { describe, expect, it } from 'vitest';
import { dateFromGoogle, dateToGoogle, parseBirthdayText } from '../../../electron/engine/model/person/dates.ts';

describe('dates', () => {
  it('reads year 0 and month/day 0 as unknown', () => {
    expect(dateFromGoogle({ year: 0, month: 4, day: 15 })).toEqual({ year: null, month: 4, day: 15 });
    expect(dateFromGoogle({ month: 4, day: 15 })).toEqual({ year: null, month: 4, day: 15 });
    expect(dateFromGoogle({ year: 2010, month: 0, day: 0 })).toEqual({ year: 2010, month: null, day: null });
    expect(dateFromGoogle({ year: 0, month: 0, day: 0 })).toBeNull();
    expect(dateFromGoogle({})).toBeNull();
    expect(dateFromGoogle(undefined)).toBeNull();
  });

  it('reports out-of-range parts and reads them as unknown', () => {
    const reported: unknown[] = [];
    expect(dateFromGoogle({ year: 2015, month: 13, day: 40 }, (d) => reported.push(d))).toEqual({ year: 2015, month: null, day: null });
    expect(reported).toEqual([{ year: 2015, month: 13, day: 40 }]);
    dateFromGoogle({ year: 0, month: 6, day: 1 }, (d) => reported.push(d));
    expect(reported).toHaveLength(1);
  });

  it('writes unknown parts as absent', () => {
    expect(dateToGoogle({ year: null, month: 4, day: 15 })).toEqual({ month: 4, day: 15 });
    expect(dateToGoogle({ year: 1990, month: 4, day: 15 })).toEqual({ year: 1990, month: 4, day: 15 });
    expect(dateToGoogle({ year: null, month: null, day: null })).toBeNull();
    expect(dateToGoogle({ year: 0, month: 13, day: null })).toBeNull();
  });

  it('understands only unambiguous birthday texts', () => {
    expect(parseBirthdayText('1987-11-03')).toEqual({ year: 1987, month: 11, day: 3 });
    expect(parseBirthdayText('19871103')).toEqual({ year: 1987, month: 11, day: 3 });
    expect(parseBirthdayText('--0415')).toEqual({ year: null, month: 4, day: 15 });
    expect(parseBirthdayText('--04-15')).toEqual({ year: null, month: 4, day: 15 });
    expect(parseBirthdayText('04-15')).toEqual({ year: null, month: 4, day: 15 });
    expect(parseBirthdayText('03/11/1987')).toBeNull();
    expect(parseBirthdayText('sometime in spring')).toBeNull();
  });
});
