import { describe, expect, test } from 'vitest';
import { toDayNumber } from './dates.ts';
import { computeForecast, type ForecastInput, selectForecastPoints, theilSen } from './forecast.ts';
import { computeStatus, type Observation } from './status.ts';
import { nb } from './test-helpers.ts';

function month(end: string, value: number | null): Observation {
  return { periodStart: `${end.slice(0, 7)}-01`, periodEnd: end, periodLabel: end.slice(0, 7), value };
}

// Mjölby's population, one reading per month, 30 a month from 26 602 at the end of 2015.
const population: Observation[] = [
  month('2016-01-31', 26632),
  month('2016-02-29', 26662),
  month('2016-03-31', 26692),
  month('2016-04-30', 26722),
];

function input(overrides: Partial<ForecastInput> = {}): ForecastInput {
  return {
    asOf: '2016-04-30',
    observations: population,
    targetDate: '2016-12-31',
    targetValue: 26900,
    direction: 'higher',
    unit: 'invånare',
    decimals: 0,
    ...overrides,
  };
}

describe('theilSen', () => {
  test('a straight line is recovered exactly', () => {
    expect(
      theilSen([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
  });

  test('one wild point does not move the line (an ordinary least-squares fit would)', () => {
    const points = [0, 1, 2, 3, 4, 5].map((x) => ({ x, y: 10 + x }));
    (points[3] as { y: number }).y = 1000;
    const { slope, intercept } = theilSen(points);
    expect(slope).toBe(1);
    expect(intercept).toBe(10);
  });

  test('refuses points that share one x', () => {
    expect(() =>
      theilSen([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toThrow(/two distinct x/);
  });
});

describe('selectForecastPoints', () => {
  test('skips nulls, readings after the as-of date and readings older than five years', () => {
    const points = selectForecastPoints(
      [month('2011-04-30', 1), month('2011-05-31', 2), month('2016-04-30', null), month('2016-05-31', 9)],
      '2016-04-30',
    );
    expect(points).toEqual([{ periodEnd: '2011-05-31', value: 2 }]);
  });

  test('on equal period ends the shortest period counts', () => {
    const points = selectForecastPoints(
      [
        { periodStart: '2016-01-01', periodEnd: '2016-04-30', periodLabel: 'T1 2016', value: 5 },
        month('2016-04-30', 7),
      ],
      '2016-04-30',
    );
    expect(points).toEqual([{ periodEnd: '2016-04-30', value: 7 }]);
  });
});

describe('computeForecast', () => {
  test('fewer than three points give no forecast', () => {
    expect(computeForecast(input({ observations: population.slice(0, 2) }))).toBeNull();
  });

  test('exactly three points give one', () => {
    expect(computeForecast(input({ observations: population.slice(0, 3) }))).not.toBeNull();
  });

  test('projects to the end of the target date and finds the day the line meets the target', () => {
    const f = computeForecast(input());
    if (!f) throw new Error('expected a forecast');
    // Slope from the month ends: 30 per month of 29–31 days, the median pair slope is 30/30 per day.
    const perDay = 1;
    expect(f.slopePerYear).toBeCloseTo(perDay * 365, 6);
    // From 26 722 at the end of 30 April, 245 days to the end of 31 December.
    expect(f.value).toBeCloseTo(26722 + 245, 6);
    // 178 more: 26 900 at the end of 25 October.
    expect(f.reachesTargetOn).toBe('2016-10-25');
    expect(f.points).toHaveLength(4);
    expect(f.text).toBe(
      nb`Prognos (trend genom 4 mätpunkter): 26~967~invånare den 31 december 2016; 26~900 nås 25 oktober 2016.`,
    );
    expect(f.textEn).toBe(
      nb`Forecast (trend through 4 readings): 26,967~inhabitants on 31 December 2016; 26,900 is reached on 25 October 2016.`,
    );
  });

  test('a line moving away from the target never reaches it', () => {
    const falling = population.map((o, i) => ({ ...o, value: 26602 - 10 * (i + 1) }));
    const f = computeForecast(input({ observations: falling }));
    expect(f?.reachesTargetOn).toBeNull();
    expect(f?.text).toMatch(/med den takten nås inte 26\u00a0900\.$/);
  });

  test('a flat line below the target never reaches it', () => {
    const flat = population.map((o) => ({ ...o, value: 26602 }));
    expect(computeForecast(input({ observations: flat }))?.reachesTargetOn).toBeNull();
  });

  test('already at the target on the as-of date: reached on the as-of date', () => {
    expect(computeForecast(input({ targetValue: 26700 }))?.reachesTargetOn).toBe('2016-04-30');
  });

  test('a decrease target (at most 300 from 312) is reached when the line falls to it', () => {
    const ame = [month('2016-01-31', 310), month('2016-02-29', 308), month('2016-03-31', 306)];
    const f = computeForecast(
      input({ observations: ame, asOf: '2016-03-31', targetValue: 300, direction: 'lower', unit: '' }),
    );
    if (!f?.reachesTargetOn) throw new Error('expected a day');
    expect(f.slopePerYear).toBeLessThan(0);
    // About 2 a month: 300 three months after 306, around the end of June.
    expect(toDayNumber(f.reachesTargetOn) - toDayNumber('2016-06-30')).toBeLessThanOrEqual(3);
    expect(toDayNumber(f.reachesTargetOn) - toDayNumber('2016-06-30')).toBeGreaterThanOrEqual(-3);
  });

  test('without a target value: a value at the target date, no day', () => {
    const f = computeForecast(input({ targetValue: null }));
    expect(f?.reachesTargetOn).toBeNull();
    expect(f?.text).toBe(nb`Prognos (trend genom 4 mätpunkter): 26~967~invånare den 31 december 2016.`);
  });
});

describe('in computeStatus', () => {
  const base = {
    asOf: '2016-04-30',
    direction: 'higher' as const,
    unit: 'invånare',
    decimals: 0,
    baseline: { value: 26602, date: '2016-01-01' },
    target: { type: 'at_least' as const, value: 26900, date: '2016-12-31' },
    observations: population,
  };

  test('a level indicator with four readings carries a forecast beside, not inside, its verdict', () => {
    const result = computeStatus({ ...base, kind: 'level' });
    expect(result.forecast?.reachesTargetOn).toBe('2016-10-25');
    // The verdict is on the measured 26 722, not on the forecast 26 967.
    expect(result.current?.value).toBe(26722);
    expect(result.explanation).not.toMatch(/Prognos/);
  });

  test('a year-to-date sum has no forecast: its running sum restarts in January', () => {
    expect(computeStatus({ ...base, kind: 'ytd_sum' }).forecast).toBeNull();
  });

  test('increase without a target value: a forecast value, no day', () => {
    const result = computeStatus({
      ...base,
      kind: 'level',
      target: { type: 'increase', date: '2016-12-31' },
    });
    expect(result.forecast?.value).toBeCloseTo(26967, 6);
    expect(result.forecast?.reachesTargetOn).toBeNull();
  });
});
