import { describe, expect, it } from 'vitest';
import {
  buildTimeScale,
  dateMs,
  fourStepDomain,
  listTimeTicks,
  niceStep,
  niceValueTicks,
  plotPadding,
  stepDecimals,
  timeDomain,
} from './chart-geometry.ts';

describe('nice value ticks', () => {
  it('steps are 1, 2 or 5 times a power of ten, never 2,5 or 7', () => {
    for (const [range, count] of [
      [28, 4],
      [1400, 4],
      [0.9, 4],
      [26_900 - 26_100, 4],
      [13, 4],
    ] as const) {
      const step = niceStep(range, count);
      const norm = step / 10 ** Math.floor(Math.log10(step));
      expect([range, [1, 2, 5].includes(Math.round(norm * 1e6) / 1e6)]).toEqual([range, true]);
    }
  });

  it('a survey between 56 and 84 is labelled 55, 60 … 85 (or by tens), not 56/63/70/77/84', () => {
    const { ticks } = niceValueTicks([56, 63, 70, 77, 84], false);
    expect(ticks.every((t) => t % 5 === 0)).toBe(true);
    expect(ticks[0]).toBeLessThanOrEqual(56);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(84);
  });

  it('whole steps are labelled without decimals: 0 … 1 400, not 0,00 … 1 400,00', () => {
    const t = niceValueTicks([0, 1380], true);
    expect(t.step).toBe(500);
    expect(t.ticks).toEqual([0, 500, 1000, 1500]);
    expect(t.decimals).toBe(0);
  });

  it('a fractional step gets just the decimals it needs', () => {
    expect(stepDecimals(0.2)).toBe(1);
    expect(stepDecimals(0.05)).toBe(2);
    expect(stepDecimals(5)).toBe(0);
    const t = niceValueTicks([1.1, 1.9], false);
    expect(t.ticks).toEqual([1, 1.2, 1.4, 1.6, 1.8, 2]);
    expect(t.decimals).toBe(1);
  });

  it('a year-to-date sum starts at zero', () => {
    expect(niceValueTicks([7, 40], true).ticks[0]).toBe(0);
  });
});

describe('x domain', () => {
  it('ends exactly at the last date given (the target date), with no padding years', () => {
    const times = ['2016-12-31', '2020-12-31', '2025-12-31', '2030-12-31'].map(dateMs);
    expect(timeDomain(times)).toEqual([dateMs('2016-12-31'), dateMs('2030-12-31')]);
  });

  it('a single date gets half a year each way', () => {
    const [x0, x1] = timeDomain([dateMs('2016-04-30')]) ?? [0, 0];
    expect(new Date(x0).toISOString().slice(0, 10)).toBe('2015-10-31');
    expect(new Date(x1).toISOString().slice(0, 10)).toBe('2016-10-30');
  });

  it('year ticks step 1, 2 or 5 years and fit the width; none falls outside the domain', () => {
    const x0 = dateMs('2012-01-31');
    const x1 = dateMs('2030-12-31');
    const wide = listTimeTicks(x0, x1, 900);
    expect(wide[0]).toBe('2013-01-01');
    expect(wide.at(-1)).toBe('2030-01-01');
    const narrow = listTimeTicks(x0, x1, 220);
    expect(narrow).toEqual(['2015-01-01', '2020-01-01', '2025-01-01', '2030-01-01']);
  });

  it('the scale maps the domain into the plot, in the pixels it was given', () => {
    const scale = buildTimeScale({
      times: [dateMs('2016-01-01'), dateMs('2030-12-31')],
      values: [15_000, 18_000],
      width: 320,
      height: 220,
      startAtZero: false,
      padding: plotPadding(6),
    });
    expect(scale).not.toBeNull();
    if (!scale) return;
    expect(scale.width).toBe(320);
    expect(scale.sx(dateMs('2030-12-31'))).toBeLessThanOrEqual(320 - scale.padding.right);
    expect(scale.sx(dateMs('2016-01-01'))).toBeGreaterThanOrEqual(scale.padding.left);
    expect(scale.yTicks).toEqual([15_000, 16_000, 17_000, 18_000]);
  });
});

describe('four-step domain for the explorer chart', () => {
  it('covers the values in four round steps: 50, 60 … 90 for a survey between 56 and 84', () => {
    expect(fourStepDomain([56, 63, 70, 77, 84])).toEqual({ min: 50, max: 90, step: 10 });
  });

  it('moves to the next round step when four do not reach: 0–80 000 by 20 000, not 11 000, 22 000', () => {
    expect(fourStepDomain([15_100, 16_000, 51_500, 54_900])).toEqual({ min: 0, max: 80_000, step: 20_000 });
  });
});
