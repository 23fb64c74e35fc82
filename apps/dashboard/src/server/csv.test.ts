import { describe, expect, test } from 'vitest';
import { neutraliseCell, toCsv } from './csv.ts';

describe('neutraliseCell', () => {
  test.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+46 70', "'+46 70"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['Mjölby', 'Mjölby'],
    ['a=b', 'a=b'],
  ])('%j becomes %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });
});

describe('toCsv', () => {
  test('Swedish format: BOM, semicolons, decimal comma, negative numbers stay numbers', () => {
    const csv = toCsv(
      ['Område', 'Värde'],
      [
        ['Mjölby', -14.5],
        ['=cmd', 26611],
      ],
      'sv',
    );
    expect(csv).toBe("\ufeffOmråde;Värde\r\nMjölby;-14,5\r\n'=cmd;26611\r\n");
  });
  test('plain format: commas, decimal point, quoting of the delimiter', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x, y', 1.25],
        [null, null],
      ],
      'plain',
    );
    expect(csv).toBe('a,b\r\n"x, y",1.25\r\n,\r\n');
  });
  test('a cell with the other delimiter is quoted too, so no split can start a cell with a formula', () => {
    expect(toCsv(['a'], [['T;=1+2'], ['x,y'], ['rad\nbrytning']], 'plain')).toBe(
      'a\r\n"T;=1+2"\r\n"x,y"\r\n"rad\nbrytning"\r\n',
    );
    expect(toCsv(['a'], [['T,=1+2']], 'sv')).toBe('\ufeffa\r\n"T,=1+2"\r\n');
  });
});
