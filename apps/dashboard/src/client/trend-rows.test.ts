import { describe, expect, test } from 'vitest';
import overviewFixture from '../../test/fixtures/overview.json' with { type: 'json' };
import type { IndicatorLinkView, PlanOverview } from '../shared/api-types.ts';
import { pickDefaultFollowUp } from './i18n/format.ts';
import { translate } from './i18n/i18n.tsx';
import { buildTrendData, hasMeasuredValues } from './trend-rows.ts';

const overview = overviewFixture as PlanOverview;

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

describe('pickDefaultFollowUp', () => {
  const followUps = ['2016-04-30', '2016-08-31', '2016-12-31'];
  test.each([
    ['on the follow-up day itself, that follow-up', '2016-08-31', '2016-08-31'],
    ['the day before a follow-up, the previous one', '2016-08-30', '2016-04-30'],
    ['before the first follow-up, the first', '2016-01-15', '2016-04-30'],
    ['after the plan, the last', '2026-11-22', '2016-12-31'],
  ])('%s', (_name, today, expected) => {
    expect(pickDefaultFollowUp(followUps, today)).toBe(expected);
  });
  test('a plan without follow-ups has no default', () => {
    expect(pickDefaultFollowUp([], '2016-01-01')).toBeNull();
  });
});

describe('translate', () => {
  test('an unknown placeholder stays visible instead of vanishing', () => {
    expect(translate('Läget per {date}, {missing}', { date: '30 april 2016' })).toBe(
      'Läget per 30 april 2016, {missing}',
    );
  });
});
