import { describe, expect, test } from 'vitest';
import { defaultAsOf } from './dates.ts';

describe('defaultAsOf: the follow-up date the dashboard opens on', () => {
  const followUps = ['2016-04-30', '2016-08-31', '2016-12-31'];
  test.each([
    ['during the plan, the latest follow-up that has passed', '2016-09-15', '2016-08-20', '2016-08-31'],
    ['on a follow-up day, that follow-up', '2016-08-31', '2016-08-31', '2016-08-31'],
    ['before the first follow-up, the first', '2016-02-01', null, '2016-04-30'],
    [
      'after the plan, where its data ends (the seed: data to April)',
      '2026-11-22',
      '2016-04-30',
      '2016-04-30',
    ],
    ['after the plan with data to the end, the last follow-up', '2026-11-22', '2016-12-31', '2016-12-31'],
    ['newest data after the last passed follow-up, that follow-up', '2016-09-15', '2016-09-01', '2016-08-31'],
    ['no data at all, the latest passed follow-up', '2026-11-22', null, '2016-12-31'],
  ])('%s', (_name, today, latestData, expected) => {
    expect(defaultAsOf(followUps, today, latestData)).toBe(expected);
  });
});
