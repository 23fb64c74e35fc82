import { describe, expect, test } from 'vitest';
import type { ForecastInput } from './forecast.ts';
import { computeStatus, type Observation, type StatusInput } from './status.ts';
import { nb } from './test-helpers.ts';
import {
  computeTrajectory,
  gradeRatio,
  naturalLimit,
  TRAJECTORY_FAIR,
  TRAJECTORY_ON_PACE,
} from './trajectory.ts';

function year(y: number, value: number | null): Observation {
  return { periodStart: `${y}-01-01`, periodEnd: `${y}-12-31`, periodLabel: String(y), value };
}

/** A share in per cent, yearly from 2019: 60,0; 60,6; 61,2; 61,8; 62,4 (0,6 a year). */
const share = [2019, 2020, 2021, 2022, 2023].map((y, i) => year(y, 60 + 0.6 * i));

function input(overrides: Partial<ForecastInput> = {}): ForecastInput {
  return {
    asOf: '2024-04-30',
    observations: share,
    targetDate: '2027-12-31',
    targetValue: 69.6,
    direction: 'higher',
    unit: '%',
    decimals: 1,
    ...overrides,
  };
}

describe('gradeRatio: the thresholds are inclusive', () => {
  test.each([
    [1.2, 'on_pace'],
    [TRAJECTORY_ON_PACE, 'on_pace'],
    [TRAJECTORY_ON_PACE - 0.001, 'too_slow'],
    [TRAJECTORY_FAIR, 'too_slow'],
    [TRAJECTORY_FAIR - 0.001, 'far_too_slow'],
    [0, 'far_too_slow'],
    [-0.001, 'wrong_way'],
  ] as const)('observed / needed = %s is %s', (ratio, verdict) => {
    expect(gradeRatio(ratio)).toBe(verdict);
  });
});

describe('computeTrajectory', () => {
  test('a share that must rise 1,8 points a year and rises 0,6 is far too slow, in one sentence', () => {
    const t = computeTrajectory(input());
    expect(t).not.toBeNull();
    // 62,4 at the end of 2023 to 69,6 at the end of 2027: 7,2 points in four years.
    expect(t?.neededPerYear).toBeCloseTo(1.8, 2);
    expect(t?.observedPerYear).toBeCloseTo(0.6, 2);
    expect(t?.ratio).toBeCloseTo(1 / 3, 2);
    expect(t?.verdict).toBe('far_too_slow');
    expect(t?.status).toBe('off_track');
    expect(t?.text).toBe(
      nb`Behöver öka med 1,80 procentenheter per år till 2027; har ökat med 0,60 per år sedan 2019 (33~% av den takt som krävs).`,
    );
    expect(t?.textEn).toBe(
      nb`Needs to increase by 1.80 percentage points a year by 2027; has increased by 0.60 a year since 2019 (33~% of the pace needed).`,
    );
  });

  test('moving at the pace needed is on track and says no share', () => {
    const t = computeTrajectory(input({ targetValue: 62.4 + 0.6 * 4 }));
    expect(t?.ratio).toBeCloseTo(1, 2);
    expect(t?.verdict).toBe('on_pace');
    expect(t?.status).toBe('on_track');
    expect(t?.text).not.toContain('av den takt');
  });

  test('a count falling while it must rise is the wrong way; the unit is written once', () => {
    const falling = [2021, 2022, 2023, 2024, 2025].map((y, i) => year(y, 15_900 - 40 * i));
    const t = computeTrajectory({
      asOf: '2026-04-30',
      observations: falling,
      targetDate: '2030-12-31',
      targetValue: 18_000,
      direction: 'higher',
      unit: 'invånare',
      decimals: 0,
    });
    expect(t?.verdict).toBe('wrong_way');
    expect(t?.ratio).toBeLessThan(0);
    // 15 740 to 18 000 in five years: 452 a year.
    expect(t?.text).toBe(
      nb`Behöver öka med 452~invånare per år till 2030; har minskat med 40 per år sedan 2021.`,
    );
  });

  test('a target already reached needs no pace', () => {
    const t = computeTrajectory(input({ targetValue: 62 }));
    expect(t?.verdict).toBe('reached');
    expect(t?.neededPerYear).toBe(0);
    expect(t?.ratio).toBeNull();
    expect(t?.status).toBeNull();
    expect(t?.text).toBe(nb`Målvärdet 62,0~% är redan nått (62,4~%, 31 december 2023).`);
  });

  test('fewer than three readings: the needed rate, and no verdict on the pace', () => {
    const t = computeTrajectory(input({ observations: share.slice(3) }));
    expect(t?.verdict).toBe('no_trend');
    expect(t?.observedPerYear).toBeNull();
    expect(t?.status).toBeNull();
    expect(t?.text).toBe(
      'Behöver öka med 1,80 procentenheter per år till 2027; för få mätpunkter för att säga hur snabbt det går.',
    );
  });

  test('a break on the first reading of the window: the latest reading alone still gives the need', () => {
    const t = computeTrajectory(input({ observations: [year(2023, 62.4)] }));
    expect(t?.verdict).toBe('no_trend');
    expect(t?.from).toEqual({ periodEnd: '2023-12-31', value: 62.4 });
  });

  test('no trajectory without a target value, without a reading, or once the target date is measured', () => {
    expect(computeTrajectory(input({ targetValue: null }))).toBeNull();
    expect(computeTrajectory(input({ observations: [] }))).toBeNull();
    expect(computeTrajectory(input({ targetDate: '2023-12-31' }))).toBeNull();
  });

  test('a lower-is-better target reads "minska"', () => {
    const waits = [2020, 2021, 2022, 2023].map((y, i) => year(y, 40 - 2 * i));
    const t = computeTrajectory(
      input({ observations: waits, targetValue: 22, direction: 'lower', unit: 'dagar', decimals: 0 }),
    );
    // 34 to 22 in four years: 3 a year; observed 2 a year.
    expect(t?.neededPerYear).toBeCloseTo(-3, 2);
    expect(t?.observedPerYear).toBeCloseTo(-2, 1);
    expect(t?.verdict).toBe('too_slow');
    expect(t?.status).toBe('at_risk');
    expect(t?.text).toMatch(
      /^Behöver minska med 3,0\u00a0dagar per år till 2027; har minskat med 2,0 per år sedan 2020/,
    );
  });
});

describe('near the natural limit of a percentage', () => {
  test('which targets are judged on the distance to 100 % or 0 %', () => {
    expect(naturalLimit('%', 'higher', 95)).toBe(100);
    expect(naturalLimit('%', 'higher', 90)).toBe(100);
    expect(naturalLimit('%', 'higher', 89.9)).toBeNull();
    expect(naturalLimit('%', 'higher', 100)).toBeNull();
    expect(naturalLimit('%', 'lower', 5)).toBe(0);
    expect(naturalLimit('invånare', 'higher', 95)).toBeNull();
  });

  test('halving what is left each year is the same pace at 90 % as at 99 %', () => {
    // 80, 90, 95, 97,5 %: the distance to 100 halves every year; the target 99,375 by 2026 needs the same.
    const halving = [2020, 2021, 2022, 2023].map((y, i) => year(y, 100 - 20 / 2 ** i));
    const t = computeTrajectory(
      input({ observations: halving, targetValue: 100 - 2.5 / 8, targetDate: '2026-12-31' }),
    );
    expect(t?.scale).toBe('shortfall');
    expect(t?.neededPerYear).toBeCloseTo(-0.5, 2);
    expect(t?.observedPerYear).toBeCloseTo(-0.5, 2);
    expect(t?.verdict).toBe('on_pace');
    expect(t?.text).toBe(
      nb`Behöver minska avståndet till 100~% med 50~% per år till 2026; har minskat det med 50~% per år sedan 2020.`,
    );
  });

  test('a reading at the limit falls back to the linear scale', () => {
    const t = computeTrajectory(
      input({ observations: [year(2021, 96), year(2022, 100), year(2023, 97)], targetValue: 99 }),
    );
    expect(t?.scale).toBe('linear');
  });
});

describe('a series break', () => {
  // Kolada replaced one survey method with another: 70 before 2022 is not comparable with 62 from 2022 on.
  const broken = [
    year(2019, 70),
    year(2020, 71),
    year(2021, 72),
    year(2022, 62),
    year(2023, 62.6),
    year(2024, 63.2),
  ];

  test('the trend is drawn only through readings from the break on', () => {
    const t = computeTrajectory(
      input({ asOf: '2025-04-30', observations: broken, targetValue: 66.2, seriesBreaks: ['2022-01-01'] }),
    );
    expect(t?.observedSince).toBe('2022-12-31');
    expect(t?.observedPerYear).toBeCloseTo(0.6, 2);
    // Across the break the fit would see a fall: the break is what keeps it from "the wrong way".
    const across = computeTrajectory(input({ asOf: '2025-04-30', observations: broken, targetValue: 66.2 }));
    expect(across?.verdict).toBe('wrong_way');
  });

  test('a break on the first reading changes nothing; a break after asOf is not yet in force', () => {
    const plain = computeTrajectory(input());
    expect(computeTrajectory(input({ seriesBreaks: ['2019-01-01'] }))).toEqual(plain);
    expect(computeTrajectory(input({ seriesBreaks: ['2025-01-01'] }))).toEqual(plain);
  });

  test('a break leaving fewer than three readings leaves no observed rate', () => {
    const t = computeTrajectory(input({ seriesBreaks: ['2022-01-01'] }));
    expect(t?.verdict).toBe('no_trend');
  });
});

describe('in the status result', () => {
  const statusInput = (over: Partial<StatusInput> = {}): StatusInput => ({
    asOf: '2024-04-30',
    kind: 'level',
    direction: 'higher',
    unit: '%',
    decimals: 1,
    baseline: { value: 60, date: '2019-01-01' },
    target: { type: 'at_least', value: 69.6, date: '2027-12-31' },
    observations: share,
    ...over,
  });

  test('an at_least target with a later date carries its trajectory; a series break is named in the inputs', () => {
    const r = computeStatus(statusInput());
    expect(r.trajectory?.verdict).toBe('far_too_slow');
    expect(r.trajectory?.text).toContain('Behöver öka med 1,80 procentenheter per år till 2027');
    expect(r.inputs.seriesBreak).toBeUndefined();
    const broken = computeStatus(statusInput({ seriesBreaks: ['2021-01-01'] }));
    expect(broken.inputs.seriesBreak).toBe('2021-01-01');
    expect(broken.trajectory?.observedSince).toBe('2021-12-31');
    expect(broken.forecast?.points.map((p) => p.periodEnd)).toEqual([
      '2021-12-31',
      '2022-12-31',
      '2023-12-31',
    ]);
  });

  test('targets without a value and year-to-date sums have none', () => {
    expect(
      computeStatus(statusInput({ target: { type: 'increase', date: '2027-12-31' } })).trajectory,
    ).toBeNull();
    expect(computeStatus(statusInput({ kind: 'ytd_sum' })).trajectory).toBeNull();
  });
});
