import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_STATUS_LABELS,
  compareStatus,
  parseActivityStatus,
  rollupStatus,
  STATUS_LABELS,
} from './rollup.ts';
import type { GoalStatus } from './vocabulary.ts';

describe('rollupStatus, worst', () => {
  it.each<[string, GoalStatus[], GoalStatus]>([
    ['no children is no_data', [], 'no_data'],
    ['all no_data is no_data', ['no_data', 'no_data'], 'no_data'],
    ['no_data children are ignored, not counted as red', ['no_data', 'on_track', 'no_data'], 'on_track'],
    ['a red child is not hidden by stale siblings', ['no_data', 'off_track'], 'off_track'],
    ['worst wins', ['achieved', 'on_track', 'at_risk'], 'at_risk'],
    ['off_track beats at_risk', ['at_risk', 'off_track', 'achieved'], 'off_track'],
    ['all achieved is achieved', ['achieved', 'achieved'], 'achieved'],
    ['achieved plus no_data is achieved', ['achieved', 'no_data'], 'achieved'],
    ['achieved and on_track is on_track', ['achieved', 'on_track'], 'on_track'],
  ])('%s', (_name, children, expected) => {
    expect(rollupStatus(children, { kind: 'worst' })).toBe(expected);
  });

  it('defaults to worst', () => {
    expect(rollupStatus(['on_track', 'off_track'])).toBe('off_track');
  });
});

describe('rollupStatus, share_on_track (threshold 0.75)', () => {
  const rule = { kind: 'share_on_track' as const, shareThreshold: 0.75 };
  it.each<[string, GoalStatus[], GoalStatus]>([
    ['exactly 3 of 4 meets the threshold', ['on_track', 'achieved', 'on_track', 'off_track'], 'on_track'],
    ['2 of 3 is below 0.75 but at least half of it', ['on_track', 'on_track', 'off_track'], 'at_risk'],
    [
      'exactly threshold/2 (3 of 8) is at_risk',
      ['on_track', 'on_track', 'achieved', 'off_track', 'off_track', 'off_track', 'at_risk', 'at_risk'],
      'at_risk',
    ],
    ['below threshold/2 (1 of 3) is off_track', ['on_track', 'off_track', 'at_risk'], 'off_track'],
    ['at_risk children do not count as on track', ['at_risk', 'at_risk', 'on_track', 'on_track'], 'at_risk'],
    [
      'no_data is left out of the share',
      ['on_track', 'on_track', 'on_track', 'no_data', 'no_data', 'off_track'],
      'on_track',
    ],
    ['all achieved is achieved', ['achieved', 'achieved', 'no_data'], 'achieved'],
    ['all no_data is no_data', ['no_data'], 'no_data'],
  ])('%s', (_name, children, expected) => {
    expect(rollupStatus(children, rule)).toBe(expected);
  });

  it('threshold defaults to 0.75', () => {
    expect(rollupStatus(['on_track', 'on_track', 'on_track', 'off_track'], { kind: 'share_on_track' })).toBe(
      'on_track',
    );
    expect(rollupStatus(['on_track', 'on_track', 'off_track'], { kind: 'share_on_track' })).toBe('at_risk');
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => rollupStatus(['on_track'], { kind: 'share_on_track', shareThreshold: 0 })).toThrow(
      /shareThreshold/,
    );
    expect(() => rollupStatus(['on_track'], { kind: 'share_on_track', shareThreshold: 1.5 })).toThrow(
      /shareThreshold/,
    );
  });
});

describe('labels', () => {
  it('has the Swedish and English words', () => {
    expect(STATUS_LABELS.sv).toEqual({
      achieved: 'Uppnått',
      on_track: 'I fas',
      at_risk: 'Risk',
      off_track: 'Ej i fas',
      no_data: 'Inga nya data',
    });
    expect(STATUS_LABELS.en.no_data).toBe('No new data');
    expect(ACTIVITY_STATUS_LABELS.sv).toEqual({
      not_started: 'Ej inlett',
      in_progress: 'Pågår',
      done: 'Klart',
    });
  });

  it.each([
    ['Pågår', 'in_progress'],
    ['pågår', 'in_progress'],
    ['Påbörjat', 'in_progress'],
    ['klart', 'done'],
    ['Klart', 'done'],
    ['Ej inlett', 'not_started'],
    ['Inte inlett', 'not_started'],
    ['  Ej   inlett ', 'not_started'],
    ['Kanske', null],
  ])('activity words from seed 002: %s -> %s', (text, expected) => {
    expect(parseActivityStatus(text)).toBe(expected);
  });

  it('orders worst first', () => {
    const sorted: GoalStatus[] = ['achieved', 'no_data', 'on_track', 'off_track', 'at_risk'];
    expect(sorted.sort(compareStatus)).toEqual(['no_data', 'off_track', 'at_risk', 'on_track', 'achieved']);
  });
});
