import { MONTH_NAMES } from '@malkoll/goals/vocabulary';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayPeriod,
  halfYearPeriod,
  monthPeriod,
  type Period,
  parsePeriod,
  quarterPeriod,
  tertialPeriod,
  yearPeriod,
} from './period.ts';

/*
 * Property: any period written the way Swedish sources write it parses back to the same period, and its
 * own Swedish label does too.
 */

const monthNames = MONTH_NAMES.sv;
const pad2 = (n: number) => String(n).padStart(2, '0');
const year = fc.integer({ min: 1900, max: 2100 });

/** A period and the ways it is written in exports. */
const written: fc.Arbitrary<{ period: Period; texts: string[] }> = fc.oneof(
  year.map((y) => ({ period: yearPeriod(y) as Period, texts: [`${y}`, ` ${y} `] })),
  fc.tuple(year, fc.integer({ min: 1, max: 2 })).map(([y, h]) => ({
    period: halfYearPeriod(y, h) as Period,
    texts: [`H${h} ${y}`, `${y}H${h}`, `${y}-H${h}`, `halvår ${h} ${y}`],
  })),
  fc.tuple(year, fc.integer({ min: 1, max: 3 })).map(([y, t]) => ({
    period: tertialPeriod(y, t) as Period,
    texts: [`T${t} ${y}`, `tertial ${t} ${y}`, `${y}T${t}`, `${y}-T${t}`],
  })),
  fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => ({
    period: quarterPeriod(y, q) as Period,
    texts: [`Q${q} ${y}`, `kv${q} ${y}`, `kv ${q} ${y}`, `kvartal ${q} ${y}`, `${y}K${q}`, `${y}Q${q}`],
  })),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => ({
    period: monthPeriod(y, m) as Period,
    texts: [
      `${y}-${pad2(m)}`,
      `${y}${pad2(m)}`,
      `${y}M${pad2(m)}`,
      `${monthNames[m - 1]} ${y}`,
      `${(monthNames[m - 1] as string).slice(0, 3)} ${y}`,
      `${(monthNames[m - 1] as string).toUpperCase()} ${y}`,
    ],
  })),
  fc
    .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .filter(([y, m, d]) => dayPeriod(y, m, d) !== null)
    .map(([y, m, d]) => {
      const texts = [
        `${y}-${pad2(m)}-${pad2(d)}`,
        `${y}${pad2(m)}${pad2(d)}`,
        `${d}/${m}/${y}`,
        `${d}.${m}.${y}`,
      ];
      // YYMMDD ("160430", as the follow-up reports write dates) for 2000–2068, unless the six digits
      // also read as a month YYYYMM, which wins by rule (see period.ts).
      const yy = y % 100;
      const yymm = Number(`${pad2(yy)}${pad2(m)}`);
      if (y >= 2000 && y <= 2068 && !(yymm >= 1900 && d <= 12)) texts.push(`${pad2(yy)}${pad2(m)}${pad2(d)}`);
      return { period: dayPeriod(y, m, d) as Period, texts };
    }),
);

describe('parsePeriod (property)', () => {
  it('every way of writing a period parses back to that period', () => {
    fc.assert(
      fc.property(written, ({ period, texts }) => {
        for (const text of texts) expect(parsePeriod(text), text).toEqual(period);
      }),
      { numRuns: 3_000 },
    );
  });

  it("a period's Swedish label parses back to the period", () => {
    fc.assert(
      fc.property(written, ({ period }) => {
        expect(parsePeriod(period.label)).toEqual(period);
      }),
      { numRuns: 3_000 },
    );
  });
});
