import { describe, expect, it } from 'vitest';
import { type Period, parsePeriod } from './period.ts';

describe('parsePeriod', () => {
  const cases: [string, Period][] = [
    ['2016', { type: 'year', start: '2016-01-01', end: '2016-12-31', label: '2016' }],
    ['2016-04', { type: 'month', start: '2016-04-01', end: '2016-04-30', label: 'april 2016' }],
    ['201604', { type: 'month', start: '2016-04-01', end: '2016-04-30', label: 'april 2016' }],
    ['2016M04', { type: 'month', start: '2016-04-01', end: '2016-04-30', label: 'april 2016' }],
    ['2016/4', { type: 'month', start: '2016-04-01', end: '2016-04-30', label: 'april 2016' }],
    ['april 2016', { type: 'month', start: '2016-04-01', end: '2016-04-30', label: 'april 2016' }],
    ['apr 2016', { type: 'month', start: '2016-04-01', end: '2016-04-30', label: 'april 2016' }],
    ['Apr. 2016', { type: 'month', start: '2016-04-01', end: '2016-04-30', label: 'april 2016' }],
    ['maj 2016', { type: 'month', start: '2016-05-01', end: '2016-05-31', label: 'maj 2016' }],
    ['okt 2016', { type: 'month', start: '2016-10-01', end: '2016-10-31', label: 'oktober 2016' }],
    ['2016 december', { type: 'month', start: '2016-12-01', end: '2016-12-31', label: 'december 2016' }],
    ['2016-02', { type: 'month', start: '2016-02-01', end: '2016-02-29', label: 'februari 2016' }],
    ['T1 2016', { type: 'tertial', start: '2016-01-01', end: '2016-04-30', label: 'T1 2016' }],
    ['tertial 2 2016', { type: 'tertial', start: '2016-05-01', end: '2016-08-31', label: 'T2 2016' }],
    ['2015T3', { type: 'tertial', start: '2015-09-01', end: '2015-12-31', label: 'T3 2015' }],
    ['Q1 2016', { type: 'quarter', start: '2016-01-01', end: '2016-03-31', label: 'kv1 2016' }],
    ['kv1 2016', { type: 'quarter', start: '2016-01-01', end: '2016-03-31', label: 'kv1 2016' }],
    ['kv 4 2016', { type: 'quarter', start: '2016-10-01', end: '2016-12-31', label: 'kv4 2016' }],
    ['2016K1', { type: 'quarter', start: '2016-01-01', end: '2016-03-31', label: 'kv1 2016' }],
    ['2016Q2', { type: 'quarter', start: '2016-04-01', end: '2016-06-30', label: 'kv2 2016' }],
    ['2016H1', { type: 'half_year', start: '2016-01-01', end: '2016-06-30', label: 'H1 2016' }],
    ['H2 2016', { type: 'half_year', start: '2016-07-01', end: '2016-12-31', label: 'H2 2016' }],
    ['2016-04-30', { type: 'day', start: '2016-04-30', end: '2016-04-30', label: '30 april 2016' }],
    ['20160430', { type: 'day', start: '2016-04-30', end: '2016-04-30', label: '30 april 2016' }],
    ['30/4/2016', { type: 'day', start: '2016-04-30', end: '2016-04-30', label: '30 april 2016' }],
    ['30.4.2016', { type: 'day', start: '2016-04-30', end: '2016-04-30', label: '30 april 2016' }],
    ['30 april 2016', { type: 'day', start: '2016-04-30', end: '2016-04-30', label: '30 april 2016' }],
    ['160430', { type: 'day', start: '2016-04-30', end: '2016-04-30', label: '30 april 2016' }],
    ['160101', { type: 'day', start: '2016-01-01', end: '2016-01-01', label: '1 januari 2016' }],
    ['  2016  ', { type: 'year', start: '2016-01-01', end: '2016-12-31', label: '2016' }],
  ];
  it.each(cases)('"%s"', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
  });

  const pivot: [string, string][] = [
    ['680101 is 2068 (last year of the 2000s side of the pivot)', '2068-01-01'],
    ['690101 is 1969 (first year of the 1900s side)', '1969-01-01'],
    ['991231 is 1999', '1999-12-31'],
    ['000229 is 2000, a leap day', '2000-02-29'],
  ];
  it.each(pivot)('two-digit years: %s', (name, start) => {
    expect(parsePeriod(name.slice(0, 6))?.start).toBe(start);
  });

  it('six digits read as YYYYMM when that is a month (200104 is April 2001, not 4 Jan 2020)', () => {
    expect(parsePeriod('200104')).toMatchObject({ type: 'month', start: '2001-04-01' });
  });

  const unknown = [
    '',
    'okänd',
    '2016-13',
    '2016-02-30',
    '31/4/2016',
    'T4 2016',
    'kv5 2016',
    'H3 2016',
    'smarch 2016',
    '1899',
    '2016/17',
    '161332',
  ];
  it.each(unknown)('"%s" is not a period', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});
