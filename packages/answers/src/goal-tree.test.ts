import { describe, expect, test } from 'vitest';
import { buildGoalTree, previousFollowUp } from './goal-tree.ts';

describe('previousFollowUp', () => {
  const followUps = ['2016-04-30', '2016-08-31', '2016-12-31'];
  test.each([
    ['2016-04-30', null],
    ['2016-08-31', '2016-04-30'],
    ['2016-12-31', '2016-08-31'],
    ['2016-10-01', '2016-08-31'],
    ['2016-01-15', null],
  ])('as of %s the previous follow-up is %s', (asOf, expected) => {
    expect(previousFollowUp(followUps, asOf)).toBe(expected);
  });
});

describe('buildGoalTree: the card’s worst nyckeltal', () => {
  type Rows = Parameters<typeof buildGoalTree>[0];
  const goal = (id: number, key: string, parent: number | null) => ({
    id,
    key,
    parent_id: parent,
    kind: parent === null ? 'municipal_goal' : 'committee_goal',
    title: key,
    responsible: null,
    position: id,
  });
  const link = (id: number, goalId: number, key: string, status: string | null, current: number | null) => ({
    id,
    goal_id: goalId,
    position: id,
    label: key,
    kind: 'ytd_sum',
    breakdown: 'T',
    baseline_value: 10,
    baseline_date: '2016-01-01',
    baseline_text: null,
    target_type: 'at_least',
    target_value: 5,
    target_min: null,
    target_max: null,
    target_date: '2016-12-31',
    target_text: '5 ha',
    milestones: null,
    indicator_key: key,
    unit: 'ha',
    decimals: 1,
    direction: 'higher',
    area_code: '0586',
    status,
    current_value: current,
    current_period_end: current === null ? null : '2016-04-30',
    current_period_label: current === null ? null : 'april 2016',
    progress: null,
    expected_progress: null,
    explanation: null,
    explanation_en: null,
    forecast_value: null,
    forecast_reaches_target_on: null,
    forecast_text: null,
    frozen_at: null,
  });
  const point = (linkId: number, end: string, value: number) => ({
    link_id: linkId,
    end_date: end,
    label: end.slice(0, 7),
    value,
    value_note: null,
  });
  // A kommunmål whose nämndmål has a ranking without new data (with a series) before a red nyckeltal.
  const rows = {
    goals: [goal(1, 'naringsliv', null), goal(2, 'naringsliv.ks', 1)],
    links: [link(10, 2, 'nki', 'no_data', null), link(11, 2, 'verksamhetsmark', 'off_track', 0)],
    series: [point(10, '2015-12-31', 64), point(11, '2016-03-31', 0), point(11, '2016-04-30', 0)],
    activities: [],
    comments: [],
  } as unknown as Rows;

  test('is the red one from the nämndmål, with its value, target and own series', () => {
    const [card] = buildGoalTree(rows, { kind: 'worst' });
    expect(card?.worst).toMatchObject({
      indicatorKey: 'verksamhetsmark',
      status: 'off_track',
      current: { value: 0, periodLabel: 'april 2016' },
      target: { type: 'at_least', value: 5, text: '5 ha' },
      unit: 'ha',
    });
    expect(card?.worst?.series.map((p) => p.periodEnd)).toEqual(['2016-03-31', '2016-04-30']);
  });

  test('a link not yet computed counts as no new data', () => {
    const fresh = { ...rows, links: [link(10, 2, 'nki', null, null)] } as unknown as Rows;
    expect(buildGoalTree(fresh, { kind: 'worst' })[0]?.worst?.status).toBe('no_data');
  });
});
