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
});
