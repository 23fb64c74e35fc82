import { describe, expect, test } from 'vitest';
import { parseNumberInput } from './plan-editing-api.ts';

describe('parseNumberInput: numbers as Swedes type them in a form', () => {
  test.each([
    ['14,5', 14.5],
    ['26 602', 26602],
    ['26\u00a0602', 26602],
    ['−3,2', -3.2],
    ['-3.5', -3.5],
    [' 300 ', 300],
    [',5', 0.5],
    ['14,5 %', 14.5],
    ['18,5%', 18.5],
    [365, 365],
  ])('%j reads as %d', (input, value) => {
    expect(parseNumberInput(input)).toEqual({ ok: true, value });
  });

  test.each([[''], ['  '], [null]])('%j is no value', (input) => {
    expect(parseNumberInput(input)).toEqual({ ok: true, value: null });
  });

  test.each([
    ['3,1,2'],
    ['1,2.3'],
    ['%'],
    ['5 st'],
    ['tjugo'],
    ['1e5'],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
  ])('%j is refused, not guessed', (input) => {
    expect(parseNumberInput(input)).toEqual({ ok: false });
  });
});
