// The JSON contract of plan editing (server/plan-editing.ts ↔ client/components/plan-edit-*.tsx), and
// the reading of numbers as Swedes type them, shared so the form and the server agree on "14,5".

import type { ActivityStatus } from './api-types.ts';

/** The audit actor when the dashboard runs without sign-in (DASHBOARD_AUTH=off, the demo). */
export const ANONYMOUS_ACTOR = 'anonym';

/** PATCH /api/plans/:planId/links/:linkId. Numbers as numbers or as Swedish text ("26 602", "14,5"). */
export interface LinkEditRequest {
  baselineValue?: number | string | null;
  targetValue?: number | string | null;
  targetMin?: number | string | null;
  targetMax?: number | string | null;
  /** The values the client saw for the fields it changes (stale ones get 409). */
  expected: Partial<Record<'baselineValue' | 'targetValue' | 'targetMin' | 'targetMax', number | null>>;
  note?: string | null;
}

/** PATCH /api/plans/:planId/activities/:activityId */
export interface ActivityEditRequest {
  status?: ActivityStatus;
  comment?: string | null;
  expected: { status?: ActivityStatus; comment?: string | null };
  note?: string | null;
}

/** PUT /api/plans/:planId/comments: the summary comment of a goal at a follow-up date; "" removes it. */
export interface CommentEditRequest {
  goal: string;
  date: string;
  text: string;
  expected: string | null;
  note?: string | null;
}

/** 200 of every edit. `changed: false`: the stored value already was that; nothing was written. */
export interface EditResponse<Current> {
  changed: boolean;
  fields: string[];
  current: Current;
}

/** 409: someone else changed the value first. */
export interface EditConflictResponse {
  error: string;
  current: Record<string, unknown>;
}

export interface HistoryEntry {
  id: number;
  at: string;
  /**
   * The user name, "planfil" or "anonym"; null for an anonymous reader (DASHBOARD_AUTH=public-read):
   * account names are sign-in names and are not shown to the public.
   */
  actor: string | null;
  /** True for changes the plan file made (malkoll plans apply). */
  byPlanFile: boolean;
  goalKey: string;
  entity: 'link' | 'activity' | 'comment' | 'assessment';
  /** indicator|area|breakdown for a link, the title for an activity, the follow-up date for a comment. */
  entityKey: string;
  entityLabel: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  note: string | null;
  /** For link fields: the indicator's unit and decimals, to write the numbers as on the goal page. */
  unit: string | null;
  decimals: number | null;
}

export interface HistoryResponse {
  planId: string;
  goal: string | null;
  entries: HistoryEntry[];
}

export type NumberInput = { ok: true; value: number | null } | { ok: false };

/**
 * A number as a Swede types it: "26 602", "26602", "14,5", "14,5 %", "−3,2", "-3.5" (a point is read
 * as the decimal sign too: nobody groups thousands with one in a form; a trailing percent sign is the
 * unit of a share, stored as 14.5). Empty means no value. Anything else (two decimal signs, letters,
 * "1,2,3") is refused rather than guessed.
 */
export function parseNumberInput(input: number | string | null): NumberInput {
  if (input === null) return { ok: true, value: null };
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input } : { ok: false };
  const text = input
    .trim()
    .replace(/[ \u00a0\u202f\u2009]/g, '')
    .replace(/^[\u2212\u2013]/, '-')
    .replace(/(\d)%$/, '$1');
  if (text === '') return { ok: true, value: null };
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(text)) return { ok: false };
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}
