import { STATUS_LABELS } from '@malkoll/goals';
import { GOAL_STATUSES, type GoalStatus } from '@malkoll/goals/vocabulary';
import type { Warehouse } from '../client.ts';
import {
  assertFollowUp,
  emptyToNull,
  insertPlanAudit,
  type PlanEditActor,
  PlanEditConflict,
  PlanEditInvalid,
  PlanEditNotFound,
  type PlanEditResult,
  touchPlan,
} from './plan-edits.ts';

// The nämnd's own assessment of a nyckeltal at a follow-up, beside the computed status (issue 17, "two
// keys"): the seed report carries the nämnd's judgement next to every number. A steward records one of the
// five statuses with a required reason; each change is one audit row in ops.plan_audit; once the
// follow-up's snapshot of the link is frozen the assessment is frozen with it and cannot change.

export interface Assessment {
  status: GoalStatus;
  reason: string;
  actorName: string;
  recordedAt: Date;
}

export interface AssessmentEdit {
  planId: string;
  linkId: number;
  /** A follow-up date of the plan (YYYY-MM-DD). */
  date: string;
  /** The nämnd's status; null removes the assessment. */
  status: GoalStatus | null;
  /** Required with a status: why the nämnd judges so. */
  reason: string | null;
  /**
   * The status the client saw (null: none), so a concurrent change is refused, not overwritten; left out
   * by a caller with no page to be stale (the CLI).
   */
  expected?: GoalStatus | null;
  note?: string | null;
}

export async function recordAssessment(
  db: Warehouse,
  actor: PlanEditActor,
  edit: AssessmentEdit,
): Promise<PlanEditResult<{ status: GoalStatus | null; reason: string | null }>> {
  if (edit.status !== null && !(GOAL_STATUSES as readonly string[]).includes(edit.status)) {
    throw new PlanEditInvalid(
      `Okänd status "${String(edit.status)}"; välj en av ${GOAL_STATUSES.join(', ')}.`,
    );
  }
  const reason = emptyToNull(edit.reason?.trim() ?? null);
  if (edit.status !== null && reason === null) {
    throw new PlanEditInvalid('Skriv nämndens motivering: en bedömning utan motivering sparas inte.');
  }
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('plan.goal_indicators as gi')
      .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
      .innerJoin('plan.plans as p', 'p.id', 'g.plan_id')
      .innerJoin('dim.indicators as i', 'i.id', 'gi.indicator_id')
      .innerJoin('dim.areas as a', 'a.id', 'gi.area_id')
      .select([
        'gi.id',
        'gi.label',
        'gi.breakdown',
        'g.key as goal_key',
        'p.follow_ups',
        'i.key as indicator_key',
        'a.code',
      ])
      .where('g.plan_id', '=', edit.planId)
      .where('gi.id', '=', edit.linkId)
      // Serialises assessments of this link, including the first one for a date.
      .forUpdate('gi')
      .executeTakeFirst();
    if (!link) throw new PlanEditNotFound('Nyckeltalet finns inte i planen.');
    assertFollowUp(link.follow_ups, edit.date);
    const frozen = await trx
      .selectFrom('ops.status_snapshots')
      .select('frozen_at')
      .where('goal_indicator_id', '=', link.id)
      .where('as_of', '=', edit.date)
      .where('frozen_at', 'is not', null)
      .executeTakeFirst();
    if (frozen) {
      throw new PlanEditInvalid(
        `Uppföljningen per ${edit.date} är fastställd: nämndens bedömning ligger fast med den och kan inte ändras.`,
      );
    }
    const row = await trx
      .selectFrom('plan.assessments')
      .select(['status', 'reason'])
      .where('goal_indicator_id', '=', link.id)
      .where('follow_up_date', '=', edit.date)
      .executeTakeFirst();
    const stored = { status: (row?.status ?? null) as GoalStatus | null, reason: row?.reason ?? null };
    const next = { status: edit.status, reason: edit.status === null ? null : reason };
    if (stored.status === next.status && stored.reason === next.reason) {
      return { changed: false, fields: [], current: stored };
    }
    if (edit.expected !== undefined && stored.status !== edit.expected) {
      throw new PlanEditConflict(
        'Någon annan har ändrat nämndens bedömning sedan du öppnade sidan. Ladda om och försök igen.',
        stored,
      );
    }
    if (next.status === null) {
      await trx
        .deleteFrom('plan.assessments')
        .where('goal_indicator_id', '=', link.id)
        .where('follow_up_date', '=', edit.date)
        .execute();
    } else {
      const values = {
        status: next.status,
        reason: next.reason as string,
        actor_name: actor.name,
        actor_user_id: actor.userId,
        recorded_at: new Date(),
      };
      await trx
        .insertInto('plan.assessments')
        .values({ goal_indicator_id: link.id, follow_up_date: edit.date, ...values })
        .onConflict((oc) => oc.columns(['goal_indicator_id', 'follow_up_date']).doUpdateSet(values))
        .execute();
    }
    const base = {
      actor_name: actor.name,
      actor_user_id: actor.userId,
      plan_id: edit.planId,
      goal_key: link.goal_key,
      entity: 'assessment',
      entity_id: link.id,
      entity_key: `${link.indicator_key}|${link.code}|${link.breakdown}|${edit.date}`,
      entity_label: `${link.label}: nämndens bedömning ${edit.date}`,
      note: edit.note ?? null,
    };
    const fields = (['status', 'reason'] as const).filter((f) => stored[f] !== next[f]);
    await insertPlanAudit(
      trx,
      fields.map((f) => ({ ...base, field: f, old_value: stored[f], new_value: next[f] })),
    );
    await touchPlan(trx, edit.planId);
    return { changed: true, fields: [...fields], current: next };
  });
}

export interface AssessmentRow {
  linkId: number;
  goalKey: string;
  label: string;
  /** The computed status of the follow-up's snapshot; null before the first recompute. */
  computed: GoalStatus | null;
  assessment: Assessment | null;
  /** Both keys are there and they disagree. */
  differs: boolean;
}

/** Every link of the plan with its computed status and the nämnd's assessment at the follow-up `date`. */
export async function listAssessments(db: Warehouse, planId: string, date: string): Promise<AssessmentRow[]> {
  const rows = await db
    .selectFrom('plan.goal_indicators as gi')
    .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
    .leftJoin('ops.status_snapshots as s', (j) =>
      j.onRef('s.goal_indicator_id', '=', 'gi.id').on('s.as_of', '=', date),
    )
    .leftJoin('plan.assessments as x', (j) =>
      j.onRef('x.goal_indicator_id', '=', 'gi.id').on('x.follow_up_date', '=', date),
    )
    .select([
      'gi.id',
      'gi.label',
      'g.key as goal_key',
      's.status as computed',
      'x.status',
      'x.reason',
      'x.actor_name',
      'x.recorded_at',
    ])
    .where('g.plan_id', '=', planId)
    .orderBy('g.position')
    .orderBy('gi.position')
    .execute();
  return rows.map((r) => {
    const assessment =
      r.status === null
        ? null
        : {
            status: r.status as GoalStatus,
            reason: r.reason as string,
            actorName: r.actor_name as string,
            recordedAt: r.recorded_at as Date,
          };
    const computed = (r.computed ?? null) as GoalStatus | null;
    return {
      linkId: Number(r.id),
      goalKey: r.goal_key,
      label: r.label,
      computed,
      assessment,
      differs: assessment !== null && computed !== null && assessment.status !== computed,
    };
  });
}

/** "Nämnden bedömer Risk, beräknat I fas": the two keys in one line, Swedish. */
export function assessmentLine(row: Pick<AssessmentRow, 'computed' | 'assessment'>): string | null {
  if (!row.assessment) return null;
  const own = STATUS_LABELS.sv[row.assessment.status];
  if (row.computed === null || row.computed === row.assessment.status) return `Nämnden bedömer ${own}.`;
  return `Nämnden bedömer ${own}; beräknad status ${STATUS_LABELS.sv[row.computed]}.`;
}

/**
 * The link of a plan's goal to an indicator, for callers that name it rather than know its id (the CLI):
 * throws in Swedish when there is none, or when the goal links the indicator more than once (by area or
 * breakdown) and `areaCode` does not tell them apart.
 */
export async function resolveLinkId(
  db: Warehouse,
  planId: string,
  goalKey: string,
  indicatorKey: string,
  areaCode?: string,
): Promise<number> {
  let query = db
    .selectFrom('plan.goal_indicators as gi')
    .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
    .innerJoin('dim.indicators as i', 'i.id', 'gi.indicator_id')
    .innerJoin('dim.areas as a', 'a.id', 'gi.area_id')
    .select(['gi.id', 'a.code', 'gi.breakdown'])
    .where('g.plan_id', '=', planId)
    .where('g.key', '=', goalKey)
    .where('i.key', '=', indicatorKey);
  if (areaCode !== undefined) query = query.where('a.code', '=', areaCode);
  const rows = await query.execute();
  if (rows.length === 0) {
    throw new PlanEditNotFound(
      `Målet ${goalKey} i plan ${planId} följs inte upp med nyckeltalet ${indicatorKey}.`,
    );
  }
  if (rows.length > 1) {
    const which = rows.map((r) => `${r.code}/${r.breakdown}`).join(', ');
    throw new PlanEditInvalid(
      `Nyckeltalet ${indicatorKey} finns flera gånger under ${goalKey} (${which}): ange --area.`,
    );
  }
  return Number(rows[0]?.id);
}
