import { describe, expect, it } from 'vitest';
import { SOURCES_MESSAGES } from './i18n/sources-messages.ts';
import { formatInstant, runResult, scheduleInWords } from './sources-format.ts';

const sv = SOURCES_MESSAGES.sv;
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('scheduleInWords', () => {
  it.each([
    ['0 2 * * *', 'Varje dag kl. 02.00'],
    ['30 6 * * 1-5', 'Vardagar kl. 06.30'],
    ['0 2 * * 1', 'Varje måndag kl. 02.00'],
    ['0 2 * * 0', 'Varje söndag kl. 02.00'],
    ['0 2 1 * *', 'Den 1:e varje månad kl. 02.00'],
    ['*/15 * * * *', 'Schema (cron) */15 * * * *'],
    ['0 2 1 6 *', 'Schema (cron) 0 2 1 6 *'],
  ])('"%s" reads "%s"', (cron, words) => {
    expect(scheduleInWords(cron, 'sv', sv.schedule)).toBe(words);
  });
});

describe('formatInstant', () => {
  it('writes the day with the shared date format and the time in Swedish time', () => {
    expect(formatInstant('2026-12-07T01:00:00.000Z', 'sv', sv)).toBe('7 december 2026 kl. 02.00');
    // Summer time: UTC+2.
    expect(formatInstant('2026-06-30T22:30:00.000Z', 'sv', sv)).toBe('1 juli 2026 kl. 00.30');
  });
});

describe('runResult', () => {
  const run = { status: 'succeeded', rowsRejected: 0, rejected: 0, warning: null };
  it('a success with one rejected row is a warning that says so', () => {
    expect(runResult({ ...run, rowsRejected: 1, rejected: 1, warning: 'x' }, sv)).toEqual({
      text: 'Lyckades med 1 avvisad rad',
      warning: true,
    });
  });
  it('counts rows in Swedish', () => {
    const result = runResult({ ...run, rowsRejected: 1200, rejected: 1200, warning: 'x' }, sv);
    expect(plain(result.text)).toBe('Lyckades med 1 200 avvisade rader');
  });
  it('values rejected from rows that loaded are counted as values', () => {
    expect(runResult({ ...run, rejected: 2, warning: 'x' }, sv).text).toBe('Lyckades med 2 avvisade värden');
  });
  it('a clean success is a plain success', () => {
    expect(runResult(run, sv)).toEqual({ text: 'Lyckades', warning: false });
  });
});
