import { ACTIVITY_STATUS_LABELS } from '@malkoll/goals';
import type { ActivityStatus } from '@malkoll/goals/vocabulary';
import { type Insertable, sql, type Transaction } from 'kysely';
import type { Warehouse } from '../client.ts';
import type { DB } from '../db.generated.ts';

// Plan edits from the dashboard (docs/plan-editing.md): baselines and targets of a goal's nyckeltal,
// activity statuses and summary comments. Each edit is one transaction holding the change, one audit row
// per changed field, the plan's updated_at (the dashboard's data version) and, through the caller's hook,
// the recomputed status. An edit that changes nothing writes nothing. The caller sends the value it saw
// for every field it changes; when the stored value differs (someone else got there first) the edit is
// refused with PlanEditConflict, which carries the current values.

export type PlanAuditEntity = 'link' | 'activity' | 'comment' | 'assessment';

/** The actor of changes the plan file makes (malkoll plans apply). */
export const PLAN_FILE_ACTOR = 'planfil';

export interface PlanEditActor {
  name: string;
  /** ops.users.id when a signed-in user edits; null for the plan file, the CLI or DASHBOARD_AUTH=off. */
  userId: number | null;
}

export interface PlanEditHooks {
  /**
   * Runs inside the edit's transaction once the edit is known to change something, before it does:
   * bring the links' status up to date with the old values (the worker's recompute), which freezes any
   * follow-up whose freeze day has come, so the decided report keeps the values it was decided on.
   */
  beforeChange?: (trx: Transaction<DB>, linkIds: readonly number[]) => Promise<unknown>;
  /**
   * Runs inside the edit's transaction after a baseline or target changed, with the changed links:
   * recompute their status there (the worker's recomputeStatusIn) so value and status commit together.
   */
  recompute?: (trx: Transaction<DB>, linkIds: readonly number[]) => Promise<unknown>;
}

/** The thing to edit is not in the plan (404). */
export class PlanEditNotFound extends Error {
  override name = 'PlanEditNotFound';
}
/** The edit does not fit the stored row, e.g. a target value for a "Minskning" target (400). */
export class PlanEditInvalid extends Error {
  override name = 'PlanEditInvalid';
}
/** Someone else changed the value since the client read it (409); `current` is what is stored now. */
export class PlanEditConflict extends Error {
  override name = 'PlanEditConflict';
  constructor(
    message: string,
    readonly current: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface PlanEditResult<Current> {
  /** False when every field already had the asked-for value: nothing was written. */
  changed: boolean;
  /** The fields written (audit field names), in order. */
  fields: string[];
  current: Current;
}

type AuditInsert = Omit<Insertable<DB['ops.plan_audit']>, 'id' | 'at'>;

/** Equal as stored: null and undefined are the same "no value"; numbers compare by value. */
export function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/**
 * Whether a plan's wording only restates its number ("26 602" for 26602, "14,5%" for 14.5) rather than
 * adding to it ("Medelnivå med likvärdiga kommuner"). A restating text is cleared when the number changes,
 * or the goal page would show the old figure beside the new one.
 */
export function textRestatesValue(text: string | null, value: number | null): boolean {
  if (text === null || value === null) return false;
  const digits = (s: string) => s.replace(/[^\d,]/g, '');
  return digits(text) === digits(String(value).replace('.', ','));
}

/** Comments and assessments belong to a follow-up date of the plan; any other date is refused. */
export function assertFollowUp(followUps: readonly string[], date: string): void {
  if (!followUps.includes(date)) {
    throw new PlanEditInvalid(`${date} är inte ett av planens uppföljningsdatum (${followUps.join(', ')}).`);
  }
}

export async function insertPlanAudit(trx: Transaction<DB>, rows: readonly AuditInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('ops.plan_audit')
    .values(
      rows.map((r) => ({
        ...r,
        // jsonb: node-pg would send a string as text, not as a JSON string.
        old_value: sql`${JSON.stringify(r.old_value ?? null)}::jsonb`,
        new_value: sql`${JSON.stringify(r.new_value ?? null)}::jsonb`,
      })),
    )
    .execute();
}

/**
 * Moves the plan's updated_at, which the dashboard's data version reads (loadDataVersion): cached answers
 * about this plan are then stale. clock_timestamp, and never backwards, so the version always moves.
 */
export async function touchPlan(trx: Transaction<DB>, planId: string): Promise<void> {
  await sql`update plan.plans set updated_at = greatest(clock_timestamp(), updated_at + interval '1 microsecond')
    where id = ${planId}`.execute(trx);
}

// ---------------------------------------------------------------------------------------------------------
// Baseline and target of a goal's nyckeltal

export interface LinkValues {
  baselineValue: number | null;
  targetValue: number | null;
  targetMin: number | null;
  targetMax: number | null;
}
export type LinkField = keyof LinkValues;

export interface LinkEdit {
  planId: string;
  linkId: number;
  /** The new values; a field left out is not changed. */
  changes: Partial<LinkValues>;
  /** The value the client saw for each changed field. */
  expected: Partial<LinkValues>;
  note?: string | null;
}

const LINK_COLUMNS = {
  baselineValue: 'baseline_value',
  targetValue: 'target_value',
  targetMin: 'target_min',
  targetMax: 'target_max',
} as const satisfies Record<LinkField, string>;

/** Swedish names of the fields, for messages. */
export const LINK_FIELD_WORDS: Record<LinkField, string> = {
  baselineValue: 'ingångsvärdet',
  targetValue: 'målvärdet',
  targetMin: 'målintervallets lägsta värde',
  targetMax: 'målintervallets högsta värde',
};

const formatPlain = (v: unknown) =>
  v === null || v === undefined
    ? 'inget värde'
    : typeof v === 'number'
      ? String(v).replace('.', ',')
      : `"${v}"`;

export async function editLinkValues(
  db: Warehouse,
  actor: PlanEditActor,
  edit: LinkEdit,
  hooks: PlanEditHooks = {},
): Promise<PlanEditResult<LinkValues>> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('plan.goal_indicators as gi')
      .innerJoin('plan.goals as g', 'g.id', 'gi.goal_id')
      .innerJoin('dim.indicators as i', 'i.id', 'gi.indicator_id')
      .innerJoin('dim.areas as a', 'a.id', 'gi.area_id')
      .select([
        'gi.id',
        'gi.label',
        'gi.breakdown',
        'gi.baseline_value',
        'gi.baseline_text',
        'gi.target_type',
        'gi.target_value',
        'gi.target_min',
        'gi.target_max',
        'gi.target_text',
        'g.key as goal_key',
        'i.key as indicator_key',
        'a.code as area_code',
      ])
      .where('gi.id', '=', edit.linkId)
      .where('g.plan_id', '=', edit.planId)
      .forUpdate('gi')
      .executeTakeFirst();
    if (!row) throw new PlanEditNotFound('Nyckeltalet finns inte i planen.');
    const stored: LinkValues = {
      baselineValue: row.baseline_value,
      targetValue: row.target_value,
      targetMin: row.target_min,
      targetMax: row.target_max,
    };

    const fields = (Object.keys(edit.changes) as LinkField[]).filter(
      (f) => edit.changes[f] !== undefined && !sameValue(edit.changes[f], stored[f]),
    );
    if (fields.length === 0) return { changed: false, fields: [], current: stored };

    const stale = fields.filter((f) => !(f in edit.expected) || !sameValue(edit.expected[f], stored[f]));
    if (stale.length > 0) {
      const words = stale.map((f) => `${LINK_FIELD_WORDS[f]} (nu ${formatPlain(stored[f])})`).join(', ');
      throw new PlanEditConflict(
        `Någon annan har ändrat ${words} sedan du öppnade sidan. Ladda om och försök igen.`,
        { ...stored },
      );
    }

    const next: LinkValues = { ...stored };
    for (const f of fields) next[f] = edit.changes[f] ?? null;
    checkTarget(row.target_type, fields, next);
    await hooks.beforeChange?.(trx, [row.id]);

    const audit: AuditInsert[] = [];
    const base = {
      actor_name: actor.name,
      actor_user_id: actor.userId,
      plan_id: edit.planId,
      goal_key: row.goal_key,
      entity: 'link' as const,
      entity_id: row.id,
      entity_key: `${row.indicator_key}|${row.area_code}|${row.breakdown}`,
      entity_label: row.label,
      note: edit.note ?? null,
    };
    const update: Record<string, number | string | null> = {};
    for (const f of fields) {
      update[LINK_COLUMNS[f]] = next[f];
      audit.push({ ...base, field: LINK_COLUMNS[f], old_value: stored[f], new_value: next[f] });
    }
    // Wording that only restated the old number would now contradict the new one. Clearing it is part
    // of the value's change, not a change of its own: the history shows one entry per edited value.
    if (fields.includes('baselineValue') && textRestatesValue(row.baseline_text, stored.baselineValue)) {
      update.baseline_text = null;
    }
    if (fields.includes('targetValue') && textRestatesValue(row.target_text, stored.targetValue)) {
      update.target_text = null;
    }
    await trx.updateTable('plan.goal_indicators').set(update).where('id', '=', row.id).execute();
    await insertPlanAudit(trx, audit);
    await touchPlan(trx, edit.planId);
    await hooks.recompute?.(trx, [row.id]);
    return { changed: true, fields: audit.map((a) => a.field), current: next };
  });
}

const TARGET_WORDS: Record<string, string> = {
  increase: 'Ökning',
  decrease: 'Minskning',
  better_than_peers: 'Bättre än likvärdiga kommuner',
  same_level: 'Samma nivå',
  at_least: 'minst',
  at_most: 'högst',
  range: 'intervall',
};

/** The same rules as the plan file's (packages/goals plan-definition), for the fields an edit may touch. */
function checkTarget(type: string, fields: readonly LinkField[], next: LinkValues): void {
  const word = TARGET_WORDS[type] ?? type;
  const valued = type === 'at_least' || type === 'at_most';
  if (fields.includes('targetValue')) {
    if (!valued) {
      throw new PlanEditInvalid(
        `Målet är "${word}" och har inget målvärde att ändra; ändra måltypen i planfilen.`,
      );
    }
    if (next.targetValue === null)
      throw new PlanEditInvalid('Målvärdet får inte vara tomt för det här målet.');
  }
  if (fields.includes('targetMin') || fields.includes('targetMax')) {
    if (type !== 'range') {
      throw new PlanEditInvalid(`Målet är "${word}" och har inget intervall att ändra.`);
    }
    if (next.targetMin === null || next.targetMax === null) {
      throw new PlanEditInvalid('Målintervallet behöver både ett lägsta och ett högsta värde.');
    }
    if (!(next.targetMin < next.targetMax)) {
      throw new PlanEditInvalid('Målintervallets lägsta värde ska vara mindre än dess högsta.');
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Activities

export interface ActivityValues {
  status: ActivityStatus;
  /** The plan's own word for the status ("Påbörjat"); cleared when the status changes. */
  statusText: string | null;
  comment: string | null;
}

export interface ActivityEdit {
  planId: string;
  activityId: number;
  changes: { status?: ActivityStatus; comment?: string | null };
  expected: { status?: ActivityStatus; comment?: string | null };
  note?: string | null;
}

const ACTIVITY_WORDS = { status: 'statusen', comment: 'kommentaren' } as const;

export async function editActivity(
  db: Warehouse,
  actor: PlanEditActor,
  edit: ActivityEdit,
): Promise<PlanEditResult<ActivityValues>> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('plan.activities as a')
      .innerJoin('plan.goals as g', 'g.id', 'a.goal_id')
      .select(['a.id', 'a.title', 'a.status', 'a.status_text', 'a.comment', 'g.key as goal_key'])
      .where('a.id', '=', edit.activityId)
      .where('g.plan_id', '=', edit.planId)
      .forUpdate('a')
      .executeTakeFirst();
    if (!row) throw new PlanEditNotFound('Aktiviteten finns inte i planen.');
    const stored: ActivityValues = {
      status: row.status as ActivityStatus,
      statusText: row.status_text,
      comment: row.comment,
    };
    const normalised = {
      ...edit.changes,
      ...(edit.changes.comment === undefined ? {} : { comment: emptyToNull(edit.changes.comment) }),
    };
    const fields = (['status', 'comment'] as const).filter(
      (f) => normalised[f] !== undefined && !sameValue(normalised[f], stored[f]),
    );
    if (fields.length === 0) return { changed: false, fields: [], current: stored };
    const stale = fields.filter(
      (f) =>
        !(f in edit.expected) ||
        !sameValue(
          f === 'comment' ? emptyToNull(edit.expected.comment ?? null) : edit.expected[f],
          stored[f],
        ),
    );
    if (stale.length > 0) {
      const words = stale
        .map(
          (f) =>
            `${ACTIVITY_WORDS[f]} (nu ${f === 'status' ? `"${ACTIVITY_STATUS_LABELS.sv[stored.status]}"` : formatPlain(stored.comment)})`,
        )
        .join(', ');
      throw new PlanEditConflict(
        `Någon annan har ändrat ${words} sedan du öppnade sidan. Ladda om och försök igen.`,
        { ...stored },
      );
    }
    const next: ActivityValues = { ...stored };
    const base = {
      actor_name: actor.name,
      actor_user_id: actor.userId,
      plan_id: edit.planId,
      goal_key: row.goal_key,
      entity: 'activity' as const,
      entity_id: row.id,
      entity_key: row.title,
      entity_label: row.title,
      note: edit.note ?? null,
    };
    const audit: AuditInsert[] = [];
    if (fields.includes('status') && normalised.status !== undefined) {
      next.status = normalised.status;
      audit.push({ ...base, field: 'status', old_value: stored.status, new_value: next.status });
      // "Påbörjat" described the old status; the new one is shown by its own name.
      if (stored.statusText !== null) {
        next.statusText = null;
        audit.push({ ...base, field: 'status_text', old_value: stored.statusText, new_value: null });
      }
    }
    if (fields.includes('comment')) {
      next.comment = normalised.comment ?? null;
      audit.push({ ...base, field: 'comment', old_value: stored.comment, new_value: next.comment });
    }
    await trx
      .updateTable('plan.activities')
      .set({ status: next.status, status_text: next.statusText, comment: next.comment })
      .where('id', '=', row.id)
      .execute();
    await insertPlanAudit(trx, audit);
    await touchPlan(trx, edit.planId);
    return { changed: true, fields: audit.map((a) => a.field), current: next };
  });
}

export function emptyToNull(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

// ---------------------------------------------------------------------------------------------------------
// Summary comments per goal and follow-up date

export interface CommentEdit {
  planId: string;
  goalKey: string;
  /** A follow-up date of the plan (YYYY-MM-DD). */
  date: string;
  /** The new text; empty removes the comment. */
  text: string;
  /** The text the client saw; null when there was none. */
  expected: string | null;
  note?: string | null;
}

export async function editGoalComment(
  db: Warehouse,
  actor: PlanEditActor,
  edit: CommentEdit,
): Promise<PlanEditResult<{ text: string | null }>> {
  return db.transaction().execute(async (trx) => {
    // Locking the goal row serialises edits of its comments, including the first one for a date
    // (there is no comment row to lock yet).
    const goal = await trx
      .selectFrom('plan.goals as g')
      .innerJoin('plan.plans as p', 'p.id', 'g.plan_id')
      .select(['g.id', 'g.key', 'p.follow_ups'])
      .where('g.plan_id', '=', edit.planId)
      .where('g.key', '=', edit.goalKey)
      .forUpdate('g')
      .executeTakeFirst();
    if (!goal) throw new PlanEditNotFound('Målet finns inte i planen.');
    assertFollowUp(goal.follow_ups, edit.date);
    const row = await trx
      .selectFrom('plan.goal_comments')
      .select('text')
      .where('goal_id', '=', goal.id)
      .where('follow_up_date', '=', edit.date)
      .executeTakeFirst();
    const stored = row?.text ?? null;
    const next = emptyToNull(edit.text);
    if (sameValue(next, stored)) return { changed: false, fields: [], current: { text: stored } };
    if (!sameValue(emptyToNull(edit.expected), stored)) {
      throw new PlanEditConflict(
        stored === null
          ? 'Någon annan har tagit bort kommentaren sedan du öppnade sidan. Ladda om och försök igen.'
          : 'Någon annan har ändrat kommentaren sedan du öppnade sidan. Ladda om och försök igen.',
        { text: stored },
      );
    }
    if (next === null) {
      await trx
        .deleteFrom('plan.goal_comments')
        .where('goal_id', '=', goal.id)
        .where('follow_up_date', '=', edit.date)
        .execute();
    } else {
      await trx
        .insertInto('plan.goal_comments')
        .values({ goal_id: goal.id, follow_up_date: edit.date, text: next })
        .onConflict((oc) =>
          oc.columns(['goal_id', 'follow_up_date']).doUpdateSet({ text: next, updated_at: new Date() }),
        )
        .execute();
    }
    await insertPlanAudit(trx, [
      {
        actor_name: actor.name,
        actor_user_id: actor.userId,
        plan_id: edit.planId,
        goal_key: goal.key,
        entity: 'comment',
        entity_id: null,
        entity_key: edit.date,
        entity_label: `Sammanfattande kommentar ${edit.date}`,
        field: 'text',
        old_value: stored,
        new_value: next,
        note: edit.note ?? null,
      },
    ]);
    await touchPlan(trx, edit.planId);
    return { changed: true, fields: ['text'], current: { text: next } };
  });
}

// ---------------------------------------------------------------------------------------------------------
// History

export interface PlanAuditEntry {
  id: number;
  at: Date;
  actorName: string;
  actorUserId: number | null;
  goalKey: string;
  entity: PlanAuditEntity;
  entityId: number | null;
  entityKey: string;
  entityLabel: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  note: string | null;
  /** Unit and decimals of a link's indicator (null for activities and comments), to format numbers. */
  unit: string | null;
  decimals: number | null;
}

/** Whether the plan exists: its history is then an answer, though it may be empty. */
export async function planExists(db: Warehouse, planId: string): Promise<boolean> {
  const row = await db.selectFrom('plan.plans').select('id').where('id', '=', planId).executeTakeFirst();
  return row !== undefined;
}

/** Whether the plan has a goal with this key now (a history asked for by goal names a current goal). */
export async function goalExists(db: Warehouse, planId: string, goalKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('plan.goals')
    .select('id')
    .where('plan_id', '=', planId)
    .where('key', '=', goalKey)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A plan's change history, newest first; with `goalKey`, that goal's and its nämndåtaganden's changes
 * only (by key, so changes of a link the plan file later removed still show).
 */
export async function listPlanAudit(
  db: Warehouse,
  planId: string,
  options: { goalKey?: string; limit?: number } = {},
): Promise<PlanAuditEntry[]> {
  const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
  const result = await sql<{
    id: number;
    at: Date;
    actor_name: string;
    actor_user_id: number | null;
    goal_key: string;
    entity: PlanAuditEntity;
    entity_id: number | null;
    entity_key: string;
    entity_label: string;
    field: string;
    old_value: unknown;
    new_value: unknown;
    note: string | null;
    unit: string | null;
    decimals: number | null;
  }>`
    with recursive subtree as (
      select id, key from plan.goals where plan_id = ${planId} and key = ${options.goalKey ?? null}
      union all
      select g.id, g.key from plan.goals g join subtree s on g.parent_id = s.id
    )
    select a.id, a.at, a.actor_name, a.actor_user_id, a.goal_key, a.entity, a.entity_id, a.entity_key,
      a.entity_label, a.field, a.old_value, a.new_value, a.note, i.unit, i.decimals
    from ops.plan_audit a
    left join dim.indicators i on a.entity = 'link' and i.key = split_part(a.entity_key, '|', 1)
    where a.plan_id = ${planId}
      ${options.goalKey === undefined ? sql`` : sql`and (a.goal_key in (select key from subtree) or a.goal_key = ${options.goalKey})`}
    order by a.at desc, a.id desc
    limit ${limit}`.execute(db);
  return result.rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at),
    actorName: r.actor_name,
    actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
    goalKey: r.goal_key,
    entity: r.entity,
    entityId: r.entity_id === null ? null : Number(r.entity_id),
    entityKey: r.entity_key,
    entityLabel: r.entity_label,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    note: r.note,
    unit: r.unit,
    decimals: r.decimals,
  }));
}
