import { describe, expect, test } from 'vitest';
import { assessFreshness } from './freshness.ts';

describe('freshness: the next period and when it is due', () => {
  test.each([
    // rule, latest period end, today → state, expected period, due
    [{ cadence: 'monthly' }, '2026-09-30', '2026-11-15', 'fresh', 'oktober 2026', '2026-11-15'],
    [{ cadence: 'monthly' }, '2026-09-30', '2026-11-16', 'stale', 'oktober 2026', '2026-11-15'],
    [{ cadence: 'monthly', due_day: 31 }, '2026-12-31', '2027-02-28', 'fresh', 'januari 2027', '2027-02-28'],
    [{ cadence: 'quarterly', due_day: 10 }, '2026-06-30', '2026-10-11', 'stale', 'kv3 2026', '2026-10-10'],
    [{ cadence: 'tertial', due_month: 2 }, '2026-04-30', '2026-10-15', 'fresh', 'T2 2026', '2026-10-15'],
    [{ cadence: 'yearly' }, '2025-12-31', '2026-11-30', 'fresh', '2026', '2027-03-15'],
    [
      { cadence: 'yearly', due_month: 4, due_day: 30 },
      '2024-12-31',
      '2026-04-30',
      'fresh',
      '2025',
      '2026-04-30',
    ],
    [
      { cadence: 'yearly', due_month: 4, due_day: 30 },
      '2024-12-31',
      '2026-05-01',
      'stale',
      '2025',
      '2026-04-30',
    ],
  ] as const)('%o after %s on %s is %s (%s due %s)', (rule, lastEnd, today, state, label, due) => {
    const f = assessFreshness(rule, lastEnd, today);
    expect([f.state, f.expected?.period.label, f.expected?.due]).toEqual([state, label, due]);
  });

  test('no rule or no data yet: nothing is expected and nothing is stale', () => {
    expect(assessFreshness(undefined, '2026-09-30', '2027-01-01')).toEqual({
      state: 'no_rule',
      expected: null,
    });
    expect(assessFreshness({ cadence: 'monthly' }, null, '2027-01-01')).toEqual({
      state: 'no_data',
      expected: null,
    });
  });
});
