// `malkoll status assess` (the nämnd's own assessment beside the computed status) and `malkoll indicators
// break` (a declared break in a series): issue 17, docs/status-rules.md. The work is in @malkoll/warehouse
// (recordAssessment, declareSeriesBreak); here only options become arguments.
import os from 'node:os';
import { GOAL_STATUSES, type GoalStatus, STATUS_LABELS } from '@malkoll/goals';
import { recomputeStatus, refreshAnswers } from '@malkoll/pipeline';
import {
  declareSeriesBreak,
  recordAssessment,
  removeSeriesBreak,
  resolveLinkId,
  type Warehouse,
} from '@malkoll/warehouse';

/** Who did it, in the audit: the operator's login on this machine. */
const cliActor = () => ({ name: `cli:${os.userInfo().username}`, userId: null });

/** A status by its key ("at_risk") or its Swedish or English words ("Risk", "Ej i fas", "off track"). */
export function parseStatus(text: string): GoalStatus {
  const wanted = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  for (const status of GOAL_STATUSES) {
    const names = [status, STATUS_LABELS.sv[status], STATUS_LABELS.en[status]];
    if (names.some((n) => n.toLowerCase().replace(/[\s_-]+/g, ' ') === wanted)) return status;
  }
  const choices = GOAL_STATUSES.map((s) => `"${STATUS_LABELS.sv[s]}"`).join(', ');
  throw new Error(`--status "${text}": okänd status; välj en av ${choices}.`);
}

export interface AssessOptions {
  plan: string;
  goal: string;
  indicator: string;
  asOf: string;
  area?: string;
  status?: string;
  reason?: string;
  clear?: boolean;
}

export async function runStatusAssess(db: Warehouse, opts: AssessOptions): Promise<string> {
  if (!opts.clear && opts.status === undefined) throw new Error('Ange --status och --reason, eller --clear.');
  const linkId = await resolveLinkId(db, opts.plan, opts.goal, opts.indicator, opts.area);
  const status = opts.clear ? null : parseStatus(opts.status as string);
  const r = await recordAssessment(db, cliActor(), {
    planId: opts.plan,
    linkId,
    date: opts.asOf,
    status,
    reason: opts.reason ?? null,
  });
  if (!r.changed) return 'Oförändrat: nämndens bedömning var redan den.';
  await refreshAnswers(db);
  return status === null
    ? `Nämndens bedömning per ${opts.asOf} borttagen.`
    : `Nämndens bedömning per ${opts.asOf}: ${STATUS_LABELS.sv[status]} (${r.current.reason}).`;
}

export interface BreakOptions {
  date: string;
  reason?: string;
  successor?: string;
  remove?: boolean;
}

export async function runIndicatorsBreak(db: Warehouse, key: string, opts: BreakOptions): Promise<string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.date))
    throw new Error(`--date ska vara ÅÅÅÅ-MM-DD, fick "${opts.date}".`);
  let indicatorId: number;
  if (opts.remove) {
    const removed = await removeSeriesBreak(db, key, opts.date);
    if (removed === null) return `${key} har inget seriebrott ${opts.date}.`;
    indicatorId = removed;
  } else {
    if (!opts.reason) throw new Error('Ange --reason: varför serien bryts (ny metod, ny definition …).');
    indicatorId = await declareSeriesBreak(db, {
      indicatorKey: key,
      date: opts.date,
      reason: opts.reason,
      successorKey: opts.successor ?? null,
      declaredBy: cliActor().name,
    });
  }
  // Trends and forecasts are drawn differently from now on: recompute the links of this indicator.
  const r = await recomputeStatus(db, { indicatorIds: [indicatorId] });
  await refreshAnswers(db);
  const what = opts.remove ? `Seriebrottet ${opts.date} borttaget` : `Seriebrott ${opts.date} i ${key}`;
  return `${what}; ${r.links} kopplingar omräknade.`;
}
