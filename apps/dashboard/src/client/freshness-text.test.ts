import { describe, expect, test } from 'vitest';
import { describeFreshness } from './freshness-text.ts';
import { svPages } from './i18n/page-messages.ts';

const iso = (d: string) => d;
const base = { lastSourceId: 'x', latestPeriodEnd: null };

describe('describeFreshness', () => {
  test('a run at 02:13 Swedish time today reads "i natt"', () => {
    const lines = describeFreshness(
      { ...base, lastSuccessAt: '2026-11-30T01:13:00Z', lastChangeAt: '2026-11-30T01:13:00Z' },
      new Date('2026-11-30T09:00:00Z'),
      'sv',
      svPages,
      iso,
    );
    expect(lines).toEqual(['Uppdaterad 02:13 i natt']);
  });
  test('a run yesterday afternoon reads "i går"', () => {
    const lines = describeFreshness(
      { ...base, lastSuccessAt: '2026-11-29T14:05:00Z', lastChangeAt: null },
      new Date('2026-11-30T09:00:00Z'),
      'sv',
      svPages,
      iso,
    );
    expect(lines).toEqual(['Uppdaterad 15:05 i går']);
  });
  test('no change for more than 30 days says since which month', () => {
    const lines = describeFreshness(
      { ...base, lastSuccessAt: '2026-11-30T01:13:00Z', lastChangeAt: '2026-03-10T10:00:00Z' },
      new Date('2026-11-30T09:00:00Z'),
      'sv',
      svPages,
      iso,
    );
    expect(lines).toEqual(['Uppdaterad 02:13 i natt', 'inga nya data sedan mars']);
  });
  test('a change in an earlier year names the year', () => {
    const lines = describeFreshness(
      { ...base, lastSuccessAt: null, lastChangeAt: '2025-03-10T10:00:00Z' },
      new Date('2026-11-30T09:00:00Z'),
      'sv',
      svPages,
      iso,
    );
    expect(lines).toEqual(['inga nya data sedan mars 2025']);
  });
  test("with a plan, the period is the plan's own, said as such", () => {
    const at = new Date('2026-11-30T09:00:00Z');
    const plan = { ...base, lastSuccessAt: null, lastChangeAt: null, latestPeriodEnd: '2016-04-30' };
    expect(describeFreshness({ ...plan, planScoped: true }, at, 'sv', svPages, iso)).toEqual([
      'planens senaste mätperiod slutar 2016-04-30',
    ]);
    expect(describeFreshness(plan, at, 'sv', svPages, iso)).toEqual(['senaste mätperiod slutar 2016-04-30']);
  });
});
