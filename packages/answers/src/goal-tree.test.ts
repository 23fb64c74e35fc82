import { describe, expect, test } from 'vitest';
import { previousFollowUp } from './goal-tree.ts';

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
