import { describe, expect, test } from 'vitest';
import overviewFixture from '../../test/fixtures/overview.json' with { type: 'json' };
import type { IndicatorLinkView, PlanOverview } from '../shared/api-types.ts';
import { addsToValue } from './components/indicator-card.tsx';
import { translate } from './i18n/i18n.tsx';
import { buildTrendData, hasMeasuredValues } from './trend-rows.ts';

// The fixture predates the change fields (previousAsOf, changes, sparkline); only the series are read here.
const overview = overviewFixture as unknown as PlanOverview;

function findIndicator(key: string): IndicatorLinkView {
  const stack = [...overview.goals];
  while (stack.length > 0) {
    const goal = stack.pop();
    if (!goal) break;
    const hit = goal.indicators.find((i) => i.indicatorKey === key);
    if (hit) return hit;
    stack.push(...goal.children);
  }
  throw new Error(`fixture has no indicator ${key}`);
}

describe('buildTrendData', () => {
  test('a missing value is a gap in the line, not a zero', () => {
    const data = buildTrendData(findIndicator('medborgarundersokning.rekommendation'));
    const y2012 = data.rows.find((r) => r.label === '2012');
    expect(y2012?.values.value).toBeUndefined();
    expect(y2012?.values.target).toBe(68);
  });

  test('a level indicator draws its target and baseline as flat lines', () => {
    const data = buildTrendData(findIndicator('scb.folkmangd'));
    expect(data.series).toEqual(['value', 'target', 'baseline']);
    expect(data.startAtZero).toBe(false);
    expect(new Set(data.rows.map((r) => r.values.target))).toEqual(new Set([26900]));
  });

  test("a year-to-date sum is drawn against the target's pace, reaching a third of 800 by 30 April", () => {
    const data = buildTrendData(findIndicator('expresskort.bokningar'));
    expect(data.series).toEqual(['value', 'pace']);
    expect(data.startAtZero).toBe(true);
    const april = data.rows.at(-1)?.values.pace ?? 0;
    expect(april).toBeGreaterThan(262);
    expect(april).toBeLessThan(268);
  });

  test('a direction-only target ("Ökning") draws no target line', () => {
    const data = buildTrendData(findIndicator('fordon.fossilfria'));
    expect(data.series).toEqual(['value', 'baseline']);
  });

  test('an indicator without any measured value has nothing to chart', () => {
    expect(hasMeasuredValues(buildTrendData(findIndicator('bygglov.nyproducerade-bostader')))).toBe(false);
  });
});

describe('addsToValue: the plan text is shown beside the number only when it says more', () => {
  test.each([
    ['26 602', 26602, false],
    ['100%', 100, false],
    ['5 ha', 5, false],
    ['14,5%', 14.5, false],
    ['+7,2 mkr', 7.2, false],
    ['2% trakasserier, 3% diskriminering, 9% kränkning', 2, true],
    ['Medelnivå med likvärdiga kommuner', 50, true],
    [null, 1, false],
  ])('%s for %d → %s', (text, value, expected) => {
    expect(addsToValue(text, value)).toBe(expected);
  });
});

describe('translate', () => {
  test('an unknown placeholder stays visible instead of vanishing', () => {
    expect(translate('Läget per {date}, {missing}', { date: '30 april 2016' })).toBe(
      'Läget per 30 april 2016, {missing}',
    );
  });
});
