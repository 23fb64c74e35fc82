import { describe, expect, test } from 'vitest';
import { DuplicateKeys } from './duplicate-keys.ts';
import { dayPeriod, yearPeriod } from './period.ts';

const day = (n: number) =>
  dayPeriod(2016, 1 + Math.floor(n / 28), 1 + (n % 28)) as NonNullable<ReturnType<typeof dayPeriod>>;

describe('DuplicateKeys', () => {
  test('a key seen again returns the first line; a different breakdown or period is a new key', () => {
    const keys = new DuplicateKeys();
    const y2016 = yearPeriod(2016) as NonNullable<ReturnType<typeof yearPeriod>>;
    expect(keys.check('n1', '0586', 'T', y2016, 2)).toBeNull();
    expect(keys.check('n1', '0586', 'K', y2016, 3)).toBeNull();
    expect(keys.check('n1', '0586', 'T', yearPeriod(2017) as typeof y2016, 4)).toBeNull();
    // An equal period built from other text (a new object) is the same key.
    expect(keys.check('n1', '0586', 'T', { ...y2016 }, 5)).toBe(2);
  });

  test('more periods than the table first has room for keep every earlier line', () => {
    const keys = new DuplicateKeys();
    for (let n = 0; n < 200; n++) expect(keys.check('n1', '0586', 'T', day(n), n + 1)).toBeNull();
    for (let n = 0; n < 200; n++) expect(keys.check('n1', '0586', 'T', day(n), 1_000)).toBe(n + 1);
  });

  test('a sparse file (one period per series, many of each) switches to a map and still finds repeats', () => {
    const keys = new DuplicateKeys();
    for (let s = 0; s < 300; s++) {
      for (let a = 0; a < 20; a++)
        expect(keys.check(`n${s}`, `a${a}`, 'T', day(s), s * 20 + a + 1)).toBeNull();
    }
    for (let s = 0; s < 300; s += 7) expect(keys.check(`n${s}`, 'a3', 'T', day(s), 99_999)).toBe(s * 20 + 4);
    expect(keys.check('n1', 'a3', 'T', day(2), 99_999)).toBeNull();
  });

  test('more areas and breakdowns than the series table first has room for keep every series apart', () => {
    const keys = new DuplicateKeys();
    const y2016 = yearPeriod(2016) as NonNullable<ReturnType<typeof yearPeriod>>;
    let line = 1;
    for (let i = 0; i < 3; i++)
      for (let a = 0; a < 300; a++)
        for (const b of ['T', 'K', 'M', '0-17 år', '18-64 år'])
          expect(keys.check(`n${i}`, `a${a}`, b, y2016, line++)).toBeNull();
    expect(keys.check('n2', 'a299', '18-64 år', y2016, 99_999)).toBe(line - 1);
    expect(keys.check('n0', 'a0', 'T', y2016, 99_999)).toBe(1);
    expect(keys.check('n1', 'a7', 'K', y2016, 99_999)).toBe(1 + 300 * 5 + 7 * 5 + 1);
  });

  test('thousands of indicators with one area each switch the series numbering to a map and still find repeats', () => {
    const keys = new DuplicateKeys();
    const y2016 = yearPeriod(2016) as NonNullable<ReturnType<typeof yearPeriod>>;
    // Each indicator's own area: 4 000 × 4 000 areas would be 16 million cells in the dense table.
    for (let i = 0; i < 4_000; i++) expect(keys.check(`n${i}`, `a${i}`, 'T', y2016, i + 1)).toBeNull();
    for (let i = 0; i < 4_000; i += 97) expect(keys.check(`n${i}`, `a${i}`, 'T', y2016, 99_999)).toBe(i + 1);
    expect(keys.check('n1', 'a2', 'T', y2016, 99_999)).toBeNull();
  });
});
