import type { GoalStatus } from '@malkoll/goals/vocabulary';
import { describe, expect, test } from 'vitest';
import type { GoalView, IndicatorLinkView, PlanOverview, SeriesPoint } from './api-types.ts';
import { REPORT_POINTS, trimOverview } from './compose.ts';

const counts = (): Record<GoalStatus, number> => ({
  achieved: 0,
  on_track: 0,
  at_risk: 0,
  off_track: 0,
  no_data: 1,
});

function points(n: number): SeriesPoint[] {
  return Array.from({ length: n }, (_, k) => ({
    periodEnd: `${2000 + k}-12-31`,
    periodLabel: String(2000 + k),
    value: k,
    note: null,
  }));
}

function link(linkId: number, series: SeriesPoint[]): IndicatorLinkView {
  return {
    linkId,
    indicatorKey: `k${linkId}`,
    label: `Nyckeltal ${linkId}`,
    unit: 'antal',
    decimals: 0,
    direction: 'higher',
    areaCode: '0586',
    breakdown: 'T',
    kind: 'level',
    baseline: { value: 0, date: '2015-12-31', text: null },
    target: { type: 'at_least', value: 40, date: '2019-12-31', text: null },
    current: null,
    status: 'no_data',
    explanation: '',
    explanationEn: '',
    progress: null,
    expectedProgress: null,
    series,
  };
}

function goal(key: string, indicators: IndicatorLinkView[], children: GoalView[] = []): GoalView {
  return {
    key,
    kind: children.length ? 'municipal_goal' : 'committee_goal',
    title: key,
    status: 'no_data',
    statusCounts: counts(),
    indicators,
    activities: [],
    comment: null,
    children,
    responsible: null,
    changes: [],
    worst: null,
  };
}

const overview: PlanOverview = {
  plan: {
    id: 'p',
    name: 'P',
    organisation: 'O',
    areaCode: '0586',
    start: '2016-01-01',
    end: '2016-12-31',
    followUps: ['2016-04-30'],
    defaultAsOf: '2016-04-30',
    isDemo: true,
  },
  asOf: '2016-04-30',
  freshness: { lastSuccessAt: null, lastSourceId: null, lastChangeAt: null, latestPeriodEnd: null },
  previousAsOf: null,
  goals: [goal('g', [link(1, points(30)), link(2, points(3))], [goal('c', [link(3, points(40))])])],
};

describe('trimOverview', () => {
  test('the report keeps the recent readings of every nyckeltal, its nämndåtaganden included', () => {
    const [g] = trimOverview(overview, false).goals;
    expect(g?.indicators.map((i) => i.series.length)).toEqual([REPORT_POINTS, 3]);
    // The newest readings, in order: the chart ends where the data end.
    expect(g?.indicators[0]?.series.at(-1)?.periodLabel).toBe('2029');
    expect(g?.indicators[0]?.series[0]?.periodLabel).toBe(String(2030 - REPORT_POINTS));
    expect(g?.children[0]?.indicators[0]?.series).toHaveLength(REPORT_POINTS);
  });

  test('the overview cards carry no nyckeltal rows at all', () => {
    const [g] = trimOverview(overview, true).goals;
    expect(g?.indicators).toEqual([]);
    expect(g?.children[0]?.indicators).toEqual([]);
  });
});
