import { describe, expect, test } from 'vitest';
import { findReportDate, isEmptyCell, parseCellNumber, slugify } from './swedish-cell.ts';

describe('parseCellNumber', () => {
  test.each([
    ['26 602', { value: 26602, unit: '', decimals: 0, plusSign: false, footnote: false }],
    ['2580', { value: 2580, unit: '', decimals: 0, plusSign: false, footnote: false }],
    ['14,5%', { value: 14.5, unit: '%', decimals: 1, plusSign: false, footnote: false }],
    ['1,4 ha', { value: 1.4, unit: 'ha', decimals: 1, plusSign: false, footnote: false }],
    ['+7,2 mkr', { value: 7.2, unit: 'mkr', decimals: 1, plusSign: true, footnote: false }],
    ['+0', { value: 0, unit: '', decimals: 0, plusSign: true, footnote: false }],
    ['*68', { value: 68, unit: '', decimals: 0, plusSign: false, footnote: true }],
    ['\u22123,5', { value: -3.5, unit: '', decimals: 1, plusSign: false, footnote: false }],
    ['26\u00a0611', { value: 26611, unit: '', decimals: 0, plusSign: false, footnote: false }],
  ])('%j is a number', (text, expected) => {
    expect(parseCellNumber(text)).toEqual(expected);
  });

  test.each([
    'Inga nya data',
    '-',
    '',
    'Medel',
    '2% trakasserier, 3% diskriminering, 9% kränkning',
    '26 60',
    'Genomförs 2016',
  ])('%j is not one number', (text) => {
    expect(parseCellNumber(text)).toBeNull();
  });
});

test.each([
  ['', true],
  ['-', true],
  [' – ', true],
  ['0', false],
  ['Uppgift saknas', false],
])('isEmptyCell(%j) = %j', (text, expected) => {
  expect(isEmptyCell(text)).toBe(expected);
});

describe('findReportDate', () => {
  test.each([
    ['Ingångsvärde 160101', '2016-01-01'],
    ['Uppföljning av verksamhetsplan 2016 per 160430', '2016-04-30'],
    ['Status 20160831', '2016-08-31'],
    ['Utfall 2016-12-31', '2016-12-31'],
    ['Ingångsvärde 160431', null],
    ['Ingångsvärde', null],
  ])('%j -> %j', (text, expected) => {
    expect(findReportDate(text)).toBe(expected);
  });
});

describe('slugify', () => {
  test('Swedish letters become ASCII and punctuation a dash', () => {
    expect(slugify('Antal inskrivna/ aktiva deltagare i insatser AME')).toBe(
      'antal-inskrivna-aktiva-deltagare-i-insatser-ame',
    );
    expect(slugify('Förändring av invånarantal')).toBe('forandring-av-invanarantal');
  });
  test('a long label is cut at a word boundary within the limit', () => {
    const slug = slugify('Andel elever på grund- och gymnasieskolan som druckit alkohol innan 18 år', 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('andel-elever-pa-grund-och-gymnasieskolan');
  });
});
