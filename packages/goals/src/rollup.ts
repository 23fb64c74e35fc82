// From the statuses of a goal's indicators (or sub-goals) to the goal's own status, plus the words users
// see for each status. Rules are described in docs/status-rules.md, "Rollup".

import type { ActivityStatus, GoalStatus } from './vocabulary.ts';

export type RollupKind = 'worst' | 'share_on_track';

export interface RollupRule {
  kind: RollupKind;
  /** share_on_track only: share of children with data that must be achieved or on track. Default 0.75. */
  shareThreshold?: number;
}

export const DEFAULT_SHARE_THRESHOLD = 0.75;

const RANK: Record<GoalStatus, number> = {
  no_data: -1,
  off_track: 0,
  at_risk: 1,
  on_track: 2,
  achieved: 3,
};

/** Orders statuses from worst to best, with no_data first: for sorting tables, worst on top. */
export function compareStatus(a: GoalStatus, b: GoalStatus): number {
  return RANK[a] - RANK[b];
}

/**
 * One status for a set of children. `no_data` children are left out (stale data must not turn a goal red,
 * nor hide a red sibling); only when every child is `no_data`, or there are none, is the result `no_data`.
 */
export function rollupStatus(
  children: readonly GoalStatus[],
  rule: RollupRule = { kind: 'worst' },
): GoalStatus {
  const withData = children.filter((s) => s !== 'no_data');
  if (withData.length === 0) return 'no_data';
  if (withData.every((s) => s === 'achieved')) return 'achieved';

  if (rule.kind === 'worst') {
    return withData.reduce((worst, s) => (RANK[s] < RANK[worst] ? s : worst));
  }

  const threshold = rule.shareThreshold ?? DEFAULT_SHARE_THRESHOLD;
  if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) {
    throw new Error(`shareThreshold: expected a number in (0, 1], got ${String(threshold)}`);
  }
  const good = withData.filter((s) => s === 'achieved' || s === 'on_track').length;
  const share = good / withData.length;
  // A small slack so that 3 of 4 meets a 0.75 threshold despite floating point.
  if (share >= threshold - 1e-9) return 'on_track';
  if (share >= threshold / 2 - 1e-9) return 'at_risk';
  return 'off_track';
}

export const STATUS_LABELS: Readonly<Record<'sv' | 'en', Readonly<Record<GoalStatus, string>>>> = {
  sv: {
    achieved: 'Uppnått',
    on_track: 'I fas',
    at_risk: 'Risk',
    off_track: 'Ej i fas',
    no_data: 'Inga nya data',
  },
  en: {
    achieved: 'Achieved',
    on_track: 'On track',
    at_risk: 'At risk',
    off_track: 'Off track',
    no_data: 'No new data',
  },
};

export const ACTIVITY_STATUS_LABELS: Readonly<Record<'sv' | 'en', Readonly<Record<ActivityStatus, string>>>> =
  {
    sv: { not_started: 'Ej inlett', in_progress: 'Pågår', done: 'Klart' },
    en: { not_started: 'Not started', in_progress: 'In progress', done: 'Done' },
  };

const ACTIVITY_WORDS: Record<string, ActivityStatus> = {
  'ej inlett': 'not_started',
  'inte inlett': 'not_started',
  'ej påbörjat': 'not_started',
  'inte påbörjat': 'not_started',
  'ej påbörjad': 'not_started',
  'ej startat': 'not_started',
  pågår: 'in_progress',
  påbörjat: 'in_progress',
  påbörjad: 'in_progress',
  pågående: 'in_progress',
  klart: 'done',
  klar: 'done',
  genomfört: 'done',
  genomförd: 'done',
  avslutat: 'done',
  avslutad: 'done',
};

/**
 * The activity status behind the words a report uses ("Pågår", "pågår", "Påbörjat", "klart", "Inte
 * inlett"); null when the words are not recognised, so the caller can ask a person rather than guess.
 */
export function parseActivityStatus(text: string): ActivityStatus | null {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!]$/, '');
  return ACTIVITY_WORDS[key] ?? null;
}
