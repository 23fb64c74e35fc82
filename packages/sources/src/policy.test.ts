import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition as parseSourceDefinition } from './definition.ts';
import { DEFAULT_MAX_REJECTED_SHARE, judgeRejections } from './policy.ts';

const def = (validation?: Record<string, unknown>) =>
  parseSourceDefinition({
    id: 'p',
    title: 'P',
    owner: { name: 'T' },
    kind: 'csv',
    location: { inbox: 'p.csv' },
    mapping: {
      layout: 'long',
      indicator: { value: 'x' },
      area: { value: '0586' },
      period: { column: 'År' },
      value: { column: 'V' },
    },
    ...(validation ? { validation } : {}),
  });

describe('judgeRejections', () => {
  it.each([
    [
      'no limit in the definition: the default applies, and a run below it with rejections warns',
      undefined,
      9,
      1,
      { share: 0.1, limit: DEFAULT_MAX_REJECTED_SHARE, defaulted: true, exceeded: false, warn: true },
    ],
    [
      'no limit in the definition: exactly half rejected still loads, with a warning',
      undefined,
      5,
      5,
      { share: 0.5, limit: 0.5, defaulted: true, exceeded: false, warn: true },
    ],
    [
      'no limit in the definition: most values rejected fails',
      undefined,
      4,
      6,
      { share: 0.6, limit: 0.5, defaulted: true, exceeded: true, warn: false },
    ],
    [
      'no rejection: a plain success',
      undefined,
      10,
      0,
      { share: 0, limit: 0.5, defaulted: true, exceeded: false, warn: false },
    ],
    [
      'exactly at the limit passes, with a warning',
      { max_rejected_share: 0.25 },
      3,
      1,
      { share: 0.25, limit: 0.25, defaulted: false, exceeded: false, warn: true },
    ],
    [
      'just above the limit fails',
      { max_rejected_share: 0.25 },
      2,
      1,
      { share: 1 / 3, limit: 0.25, defaulted: false, exceeded: true, warn: false },
    ],
    [
      'a definition may allow more than the default',
      { max_rejected_share: 0.9 },
      2,
      8,
      { share: 0.8, limit: 0.9, defaulted: false, exceeded: false, warn: true },
    ],
    [
      'a limit of 0 fails on the first rejection',
      { max_rejected_share: 0 },
      100,
      1,
      { share: 1 / 101, limit: 0, defaulted: false, exceeded: true, warn: false },
    ],
    [
      'an empty file has share 0',
      { max_rejected_share: 0 },
      0,
      0,
      { share: 0, limit: 0, defaulted: false, exceeded: false, warn: false },
    ],
  ])('%s', (_name, validation, loaded, rejected, expected) => {
    expect(judgeRejections(def(validation), loaded, rejected)).toEqual(expected);
  });

  it('refuses a share outside 0–1, naming the field', () => {
    expect(() => def({ max_rejected_share: 1.5 })).toThrow(/validation\.max_rejected_share/);
  });
});
