import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDayMonth,
  formatDifference,
  formatMonthYear,
  formatNumber,
  formatPercentPoints,
  formatPeriod,
  formatValue,
  MINUS,
  MISSING_VALUE,
  NBSP,
  roundTo,
  translateUnit,
} from './format.ts';
import { nb } from './test-helpers.ts';

describe('formatValue (Swedish)', () => {
  it.each([
    ['group separator is a no-break space', 26602, {}, nb`26~602`],
    ['four digits are grouped too (what sv-SE emits on Node 20)', 2580, {}, nb`2~580`],
    ['millions', 1234567, {}, nb`1~234~567`],
    ['decimal comma and unit after a no-break space', 14.5, { unit: '%', decimals: 1 }, nb`14,5~%`],
    ['hectares', 1.4, { unit: 'ha', decimals: 1 }, nb`1,4~ha`],
    ['signed positive', 7.2, { unit: 'mkr', decimals: 1, signed: true }, nb`+7,2~mkr`],
    ['signed negative uses U+2212', -7.2, { unit: 'mkr', decimals: 1, signed: true }, nb`−7,2~mkr`],
    ['signed zero is ±0', 0, { unit: 'mkr', signed: true }, nb`±0~mkr`],
    ['unsigned negative uses U+2212', -1500, {}, nb`−1~500`],
    ['rounds half away from zero', 26700.5, {}, nb`26~701`],
    ['26 700,519 at 0 decimals', 26700.519, {}, nb`26~701`],
    ['negative that rounds to zero loses its sign', -0.04, { decimals: 1 }, '0,0'],
    ['signed value that rounds to zero is ±0', -0.04, { decimals: 1, signed: true }, '±0,0'],
    ['fixed decimals pad with zeros', 36, { unit: '%', decimals: 1 }, nb`36,0~%`],
    ['empty unit adds nothing', 66, { unit: '' }, '66'],
    ['unit is trimmed', 66, { unit: ' index ' }, nb`66~index`],
  ])('%s', (_name, value, opts, expected) => {
    expect(formatValue(value, opts)).toBe(expected);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('missing value (%s) is an en dash without unit', (_name, value) => {
    expect(formatValue(value, { unit: '%' })).toBe('–');
    expect(MISSING_VALUE).toBe('–');
  });

  it('uses exactly U+00A0 and U+2212, not the narrow no-break space or hyphen', () => {
    const text = formatValue(-26602.5, { decimals: 1 });
    expect([...text].map((c) => c.codePointAt(0))).toEqual([
      0x2212, 0x32, 0x36, 0xa0, 0x36, 0x30, 0x32, 0x2c, 0x35,
    ]);
    expect(NBSP).toBe('\u00a0');
    expect(MINUS).toBe('\u2212');
  });
});

describe('formatValue (English)', () => {
  it.each([
    ['comma groups', 26602, {}, '26,602'],
    ['decimal point and unit', 14.5, { unit: '%', decimals: 1 }, nb`14.5~%`],
    ['signed', 7.2, { decimals: 1, signed: true, unit: 'MSEK' }, nb`+7.2~MSEK`],
    ['negative keeps the ASCII hyphen-minus', -26602, {}, '-26,602'],
  ])('%s', (_name, value, opts, expected) => {
    expect(formatValue(value, { ...opts, locale: 'en' })).toBe(expected);
  });
});

describe('formatNumber, formatPercentPoints, formatDifference', () => {
  it('formats a bare number', () => {
    expect(formatNumber(1.25, { decimals: 2 })).toBe('1,25');
    expect(formatNumber(null)).toBe('–');
  });
  it('percentage points are signed by default', () => {
    expect(formatPercentPoints(2)).toBe(nb`+2,0~procentenheter`);
    expect(formatPercentPoints(-2, { locale: 'en' })).toBe(nb`-2.0~percentage points`);
  });
  it('a difference of percentages is in percentage points, other units keep their unit', () => {
    expect(formatDifference(4, { unit: '%', decimals: 1 })).toBe(nb`+4,0~procentenheter`);
    expect(formatDifference(-9, { unit: 'invånare' })).toBe(nb`−9~invånare`);
  });
});

describe('roundTo', () => {
  it.each([
    [26700.519, 0, 26701],
    [26700.5, 0, 26701],
    [-26700.5, 0, -26701],
    [1.005, 2, 1.01],
    [14.45, 1, 14.5],
    [-0.04, 1, 0],
    [13.224, 0, 13],
  ])('%d at %d decimals is %d', (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });
  it('negative zero does not survive rounding', () => {
    expect(Object.is(roundTo(-0.04, 1), 0)).toBe(true);
  });
});

describe('dates', () => {
  it.each([
    ['2016-04-30', 'sv', '30 april 2016'],
    ['2016-04-30', 'en', '30 April 2016'],
    ['2016-01-01', 'sv', '1 januari 2016'],
    ['2016-12-31T23:00:00Z', 'sv', '31 december 2016'],
  ] as const)('formatDate(%s, %s) is %s', (iso, locale, expected) => {
    expect(formatDate(iso, locale)).toBe(expected);
  });

  it('day-month and month-year', () => {
    expect(formatDayMonth('2016-04-30')).toBe('30 april');
    expect(formatDayMonth('2016-08-31', 'en')).toBe('31 August');
    expect(formatMonthYear('2016-04-30')).toBe('april 2016');
  });

  it.each([
    ['2016-01-01', '2016-12-31', 'sv', '2016'],
    ['2016-04-01', '2016-04-30', 'sv', 'april 2016'],
    ['2016-01-01', '2016-04-30', 'sv', 'januari–april 2016'],
    ['2016-01-01', '2016-04-30', 'en', 'January–April 2016'],
    ['2016-05-01', '2016-08-31', 'sv', 'maj–augusti 2016'],
    ['2015-09-01', '2016-04-30', 'sv', 'september 2015–april 2016'],
    ['2016-04-30', '2016-04-30', 'sv', '30 april 2016'],
    ['2016-01-01', '2016-04-15', 'sv', '1 januari 2016–15 april 2016'],
    ['2016-02-01', '2016-02-29', 'en', 'February 2016'],
  ] as const)('formatPeriod(%s, %s, %s) is %s', (start, end, locale, expected) => {
    expect(formatPeriod(start, end, locale)).toBe(expected);
  });

  it('rejects something that is not a date', () => {
    expect(() => formatDate('30/4 2016')).toThrow(/Not an ISO date/);
  });
});

describe('translateUnit', () => {
  it.each([
    ['invånare', 'inhabitants'],
    ['mkr', 'MSEK'],
    ['st', ''],
    ['%', '%'],
    ['ha', 'ha'],
    ['okänd enhet', 'okänd enhet'],
  ])('%s is %s in English', (unit, expected) => {
    expect(translateUnit(unit, 'en')).toBe(expected);
    expect(translateUnit(unit, 'sv')).toBe(unit);
  });
});
