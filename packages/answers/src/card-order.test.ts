import type { GoalStatus } from '@malkoll/goals/vocabulary';
import { describe, expect, test } from 'vitest';
import { compareAttention, sortByAttention, worstByStatus } from './card-order.ts';

const item = (key: string, status: GoalStatus) => ({ key, status });

describe('sortByAttention', () => {
  test('off track first, then at risk, no new data, on track, achieved', () => {
    const goals = [
      item('a', 'achieved'),
      item('b', 'on_track'),
      item('c', 'no_data'),
      item('d', 'at_risk'),
      item('e', 'off_track'),
    ];
    expect(sortByAttention(goals).map((g) => g.key)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  test('goals of equal status keep plan order', () => {
    const goals = [
      item('boende', 'off_track'),
      item('halsa', 'no_data'),
      item('naringsliv', 'off_track'),
      item('arbete', 'at_risk'),
      item('trygghet', 'no_data'),
    ];
    expect(sortByAttention(goals).map((g) => g.key)).toEqual([
      'boende',
      'naringsliv',
      'arbete',
      'halsa',
      'trygghet',
    ]);
  });

  test('leaves the plan-order list as it was', () => {
    const goals = [item('a', 'achieved'), item('b', 'off_track')];
    sortByAttention(goals);
    expect(goals.map((g) => g.key)).toEqual(['a', 'b']);
  });
});

describe('worstByStatus', () => {
  test('an off-track nyckeltal beats one with no new data listed before it', () => {
    // Näringsliv as of 30 April 2016: the NKI ranking has no new data, verksamhetsmark is off track.
    const links = [
      item('nki', 'no_data'),
      item('foretag', 'on_track'),
      item('verksamhetsmark-framtagen', 'off_track'),
      item('verksamhetsmark-sald', 'off_track'),
    ];
    expect(worstByStatus(links)?.key).toBe('verksamhetsmark-framtagen');
  });

  test('no new data counts as worse than on track', () => {
    expect(worstByStatus([item('a', 'on_track'), item('b', 'no_data')])?.key).toBe('b');
  });

  test('all equal: the first in plan order', () => {
    expect(worstByStatus([item('a', 'achieved'), item('b', 'achieved')])?.key).toBe('a');
  });

  test('no nyckeltal: nothing', () => {
    expect(worstByStatus([])).toBeNull();
  });
});

test('compareAttention is negative when the first needs attention before the second', () => {
  expect(compareAttention('at_risk', 'no_data')).toBeLessThan(0);
  expect(compareAttention('achieved', 'on_track')).toBeGreaterThan(0);
  expect(compareAttention('no_data', 'no_data')).toBe(0);
});
