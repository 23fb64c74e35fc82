import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition as parseSourceDefinition } from './definition.ts';
import { judgeRejections } from './policy.ts';

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
      'no limit never fails, whatever the share',
      undefined,
      0,
      10,
      { share: 1, limit: null, exceeded: false },
    ],
    [
      'exactly at the limit passes',
      { max_rejected_share: 0.25 },
      3,
      1,
      { share: 0.25, limit: 0.25, exceeded: false },
    ],
    [
      'just above the limit fails',
      { max_rejected_share: 0.25 },
      2,
      1,
      { share: 1 / 3, limit: 0.25, exceeded: true },
    ],
    [
      'a limit of 0 fails on the first rejection',
      { max_rejected_share: 0 },
      100,
      1,
      { share: 1 / 101, limit: 0, exceeded: true },
    ],
    ['an empty file has share 0', { max_rejected_share: 0 }, 0, 0, { share: 0, limit: 0, exceeded: false }],
  ])('%s', (_name, validation, loaded, rejected, expected) => {
    expect(judgeRejections(def(validation), loaded, rejected)).toEqual(expected);
  });

  it('refuses a share outside 0–1, naming the field', () => {
    expect(() => def({ max_rejected_share: 1.5 })).toThrow(/validation\.max_rejected_share/);
  });
});
