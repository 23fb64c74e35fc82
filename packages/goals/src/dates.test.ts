import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertIsoDate,
  countDaysInclusive,
  elapsedShare,
  fromDayNumber,
  isIsoDate,
  isLastDayOfMonth,
  toDayNumber,
} from './dates.ts';

describe('day counting', () => {
  // Run under Swedish time so that a local-time implementation would lose or gain an hour at the DST switch.
  const originalTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Stockholm';
  });
  afterAll(() => {
    process.env.TZ = originalTz;
  });

  it.each([
    ['seed 002: 2016-01-01 to 2016-04-30 is 121 days (leap year)', '2016-01-01', '2016-04-30', 121],
    ['the same span in 2015 is 120 days', '2015-01-01', '2015-04-30', 120],
    ['2016 has 366 days', '2016-01-01', '2016-12-31', 366],
    ['2015 has 365 days', '2015-01-01', '2015-12-31', 365],
    ['2000 is a leap year', '2000-01-01', '2000-12-31', 366],
    ['2100 is not a leap year', '2100-01-01', '2100-12-31', 365],
    ['March 2016 has 31 days across the switch to summer time (27 March)', '2016-03-01', '2016-03-31', 31],
    ['October 2016 has 31 days across the switch back (30 October)', '2016-10-01', '2016-10-31', 31],
    ['the day of the DST switch alone is one day', '2016-03-27', '2016-03-27', 1],
    ['both ends are counted', '2016-04-30', '2016-05-01', 2],
  ])('%s', (_name, from, to, days) => {
    expect(countDaysInclusive(from, to)).toBe(days);
  });

  it('day numbers round-trip across DST and leap days', () => {
    for (const iso of ['2016-02-29', '2016-03-27', '2016-03-28', '2016-10-30', '2016-10-31', '1970-01-01']) {
      expect(fromDayNumber(toDayNumber(iso))).toBe(iso);
    }
    expect(toDayNumber('2016-03-28') - toDayNumber('2016-03-27')).toBe(1);
  });

  it('elapsed share at 2016-04-30 is 121/366 and is clamped to 0..1', () => {
    expect(elapsedShare('2016-01-01', '2016-12-31', '2016-04-30')).toEqual({
      elapsedDays: 121,
      totalDays: 366,
      share: 121 / 366,
    });
    expect(elapsedShare('2016-01-01', '2016-12-31', '2015-06-01').share).toBe(0);
    expect(elapsedShare('2016-01-01', '2016-12-31', '2017-06-01').share).toBe(1);
    expect(elapsedShare('2016-01-01', '2016-12-31', '2016-12-31').share).toBe(1);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2016-02-29', true],
    ['2015-02-29', false],
    ['2016-13-01', false],
    ['2016-4-30', false],
    ['160430', false],
    ['2016-04-30T00:00:00Z', false],
    ['0999-01-01', false],
  ])('%s -> %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('assertIsoDate names the field', () => {
    expect(() => assertIsoDate('2016-02-30', 'asOf')).toThrow(
      'asOf: expected a date as YYYY-MM-DD, got "2016-02-30"',
    );
  });

  it('last day of month knows February in leap years', () => {
    expect(isLastDayOfMonth('2016-02-29')).toBe(true);
    expect(isLastDayOfMonth('2016-02-28')).toBe(false);
    expect(isLastDayOfMonth('2015-02-28')).toBe(true);
  });
});
