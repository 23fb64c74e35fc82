import { type PlanDefinition, PlanDefinitionError } from '@malkoll/goals/plan-definition';
import type { Transaction } from 'kysely';
import type { Warehouse } from '../client.ts';
import type { DB } from '../db.generated.ts';
import { DerivedIndicatorError, defineDerivedIndicators } from './derived.ts';
import { upsertIndicators } from './indicators.ts';
import { insertPlanAudit, PLAN_FILE_ACTOR, sameValue } from './plan-edits.ts';

type Goal = PlanDefinition['goals'][number];

export interface ApplyPlanResult {
  goals: number;
  links: number;
  activities: number;
  comments: number;
  /** Values edited in the dashboard that the file left as it had them, so they were kept. */
  keptEdits: number;
  /** Stored values the file changed (each written to ops.plan_audit as "planfil"). */
  fileChanges: number;
  /** Derived indicators the file declares (defined or confirmed). */
  derivedIndicators: number;
  /**
   * Derived indicators whose values changed (ids): other plans linking to them need their status
   * recomputed too.
   */
  derivedChanged: number[];
}

type Activity = Goal['activities'][number];
type LinkDef = Goal['indicators'][number];

/** The previous file, indexed by natural keys: the base of the three-way merge in applyPlan. */
interface PreviousFile {
  links: Map<string, LinkDef>;
  activities: Map<string, Activity[]>;
  comments: Map<string, string>;
}

function indexPreviousFile(plan: PlanDefinition | null): PreviousFile | null {
  if (!plan) return null;
  const index: PreviousFile = { links: new Map(), activities: new Map(), comments: new Map() };
  const visit = (goal: Goal) => {
    for (const link of goal.indicators ?? []) {
      index.links.set(
        `${goal.key}|${link.indicator}|${link.area ?? plan.area}|${link.breakdown ?? 'T'}`,
        link,
      );
    }
    for (const a of goal.activities ?? []) {
      const key = `${goal.key}|${a.title}`;
      index.activities.set(key, [...(index.activities.get(key) ?? []), a]);
    }
    for (const c of goal.comments ?? []) index.comments.set(`${goal.key}|${c.date}`, c.text);
    for (const child of goal.children ?? []) visit(child);
  };
  for (const goal of plan.goals ?? []) visit(goal);
  return index;
}

/**
 * The three-way rule for one editable field (docs/plan-editing.md): the previous file is the base, the
 * stored value may carry a dashboard edit, the new file says what it says now. When the file did not
 * change the field since it was last applied, the stored value stays (a dashboard edit survives the
 * re-apply); when it did, the file wins. Without a previous file the file wins.
 */
function mergeField<T>(
  base: { value: T } | null,
  stored: { value: T } | null,
  file: T,
): { value: T; kept: boolean } {
  if (base && stored && sameValue(base.value, file) && !sameValue(stored.value, base.value)) {
    return { value: stored.value, kept: true };
  }
  return { value: file, kept: false };
}

async function areaId(trx: Transaction<DB>, code: string): Promise<number> {
  const row = await trx.selectFrom('dim.areas').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) throw new Error(`Unknown area code "${code}" (not in dim.areas)`);
  return row.id;
}

type AuditRow = Parameters<typeof insertPlanAudit>[1][number];

/** One apply in progress: its transaction, the file and its base, the ids looked up, and what was done. */
interface PlanApply {
  trx: Transaction<DB>;
  plan: PlanDefinition;
  previous: PreviousFile | null;
  indicatorIds: Map<string, number>;
  areaIds: Map<string, number>;
  /** Goals the file still has; the others are deleted at the end. */
  keptGoalIds: number[];
  /** Written in one insert at the end, in the order the changes were found. */
  audit: AuditRow[];
  result: ApplyPlanResult;
}

/**
 * Loads a plan definition in one transaction. Goals, links and activities keep their ids across
 * re-applies (matched by key, indicator/area/breakdown and title), so status snapshots and audit rows
 * stay attached. Baselines, targets, activity statuses/comments and summary comments follow a three-way
 * merge with the previously applied file (mergeField): a value edited in the dashboard survives a
 * re-apply of a file that did not change it; a value the file changed is overwritten and audited as
 * "planfil" (docs/plan-editing.md).
 */
export async function applyPlan(db: Warehouse, plan: PlanDefinition): Promise<ApplyPlanResult> {
  return db.transaction().execute(async (trx) => {
    const previous = await lockPreviousFile(trx, plan.id);
    await upsertPlanIndicators(trx, plan);
    const derivedChanged = await definePlanDerivedIndicators(trx, plan);
    const indicatorIds = new Map(
      (await trx.selectFrom('dim.indicators').select(['id', 'key']).execute()).map((r) => [r.key, r.id]),
    );
    const planAreaId = await upsertPlanRow(trx, plan);
    const apply: PlanApply = {
      trx,
      plan,
      previous,
      indicatorIds,
      areaIds: new Map([[plan.area, planAreaId]]),
      keptGoalIds: [],
      audit: [],
      result: {
        goals: 0,
        links: 0,
        activities: 0,
        comments: 0,
        keptEdits: 0,
        fileChanges: 0,
        derivedIndicators: (plan.derived_indicators ?? []).length,
        derivedChanged,
      },
    };
    for (const [i, goal] of plan.goals.entries()) await applyGoal(apply, goal, null, i);

    // Goals the file no longer has (children cascade).
    await trx
      .deleteFrom('plan.goals')
      .where('plan_id', '=', plan.id)
      .where('id', 'not in', apply.keptGoalIds)
      .execute();
    await insertPlanAudit(trx, apply.audit);
    return apply.result;
  });
}

/** The previously applied file, its row locked so that two applies of one plan take turns. */
async function lockPreviousFile(trx: Transaction<DB>, planId: string): Promise<PreviousFile | null> {
  const previousRow = await trx
    .selectFrom('plan.plans')
    .select('definition')
    .where('id', '=', planId)
    .forUpdate()
    .executeTakeFirst();
  return indexPreviousFile((previousRow?.definition ?? null) as PlanDefinition | null);
}

async function upsertPlanIndicators(trx: Transaction<DB>, plan: PlanDefinition): Promise<void> {
  // A plan's indicator is an IndicatorInput without external ids; indicatorRow fills in the rest.
  await upsertIndicators(trx, plan.indicators);
}

/**
 * Derived indicators, by the same code as `malkoll indicators derive`, in this transaction: an unknown
 * input rolls the whole apply back, with the field path of the file. Returns the ids whose values changed.
 */
async function definePlanDerivedIndicators(trx: Transaction<DB>, plan: PlanDefinition): Promise<number[]> {
  const derived = plan.derived_indicators ?? [];
  try {
    return await defineDerivedIndicators(trx, derived);
  } catch (error) {
    if (!(error instanceof DerivedIndicatorError)) throw error;
    const index = derived.findIndex((d) => d.key === error.key);
    throw new PlanDefinitionError([
      {
        path: index < 0 ? 'derived_indicators' : `derived_indicators.${index}.${error.field}`,
        message: error.message,
      },
    ]);
  }
}

/** The plan's own row, with the file as applied (the base of the next apply's merge); returns its area id. */
async function upsertPlanRow(trx: Transaction<DB>, plan: PlanDefinition): Promise<number> {
  const planAreaId = await areaId(trx, plan.area);
  const planRow = {
    name: plan.name,
    organisation: plan.organisation,
    area_id: planAreaId,
    start_date: plan.start,
    end_date: plan.end,
    follow_ups: plan.follow_ups,
    demo_note: plan.demo_note ?? null,
    status_rule: JSON.stringify(plan.status_rule ?? {}),
    definition: JSON.stringify(plan),
    updated_at: new Date(),
  };
  await trx
    .insertInto('plan.plans')
    .values({ id: plan.id, ...planRow })
    .onConflict((oc) => oc.column('id').doUpdateSet(planRow))
    .execute();
  return planAreaId;
}

/** A goal with its links, activities and comments, then its children, depth first. */
async function applyGoal(
  apply: PlanApply,
  goal: Goal,
  parentId: number | null,
  position: number,
): Promise<void> {
  const values = {
    parent_id: parentId,
    kind: goal.kind,
    title: goal.title,
    responsible: goal.responsible ?? null,
    position,
  };
  const { id: goalId } = await apply.trx
    .insertInto('plan.goals')
    .values({ plan_id: apply.plan.id, key: goal.key, ...values })
    .onConflict((oc) => oc.columns(['plan_id', 'key']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  apply.keptGoalIds.push(goalId);
  apply.result.goals++;

  await applyLinks(apply, goal, goalId);
  await applyActivities(apply, goal, goalId);
  await applyComments(apply, goal, goalId);
  for (const [i, child] of (goal.children ?? []).entries()) await applyGoal(apply, child, goalId, i);
}

// ---------------------------------------------------------------------------------------------------------
// The three-way merge of stored rows

type FieldValue = string | number;

/** Per editable column: its value in the previous file, in this file, and whether a stored edit may stay. */
type EditableFields = Record<
  string,
  readonly [base: FieldValue | null | undefined, file: FieldValue | null | undefined, mergeable: boolean]
>;

/** A value the file changed in a stored row: counted, and audited as "planfil". */
function recordFileChange(
  apply: PlanApply,
  goal: Goal,
  change: Pick<
    AuditRow,
    'entity' | 'entity_id' | 'entity_key' | 'entity_label' | 'field' | 'old_value' | 'new_value'
  >,
): void {
  apply.result.fileChanges++;
  apply.audit.push({
    actor_name: PLAN_FILE_ACTOR,
    actor_user_id: null,
    plan_id: apply.plan.id,
    goal_key: goal.key,
    note: null,
    ...change,
  });
}

/** The editable columns of a link or an activity, each merged by mergeField; kept edits are counted. */
function mergeEditableFields(
  apply: PlanApply,
  goal: Goal,
  fields: EditableFields,
  hasBase: boolean,
  stored: ({ id: number } & Record<string, FieldValue | null>) | undefined,
  entity: { entity: 'link' | 'activity'; key: string; label: string },
): Record<string, FieldValue | null> {
  const merged: Record<string, FieldValue | null> = {};
  for (const [column, [baseValue, fileValue, mergeable]] of Object.entries(fields)) {
    const storedValue = stored ? (stored[column] ?? null) : null;
    const m = mergeField<FieldValue | null>(
      hasBase && mergeable ? { value: baseValue ?? null } : null,
      stored ? { value: storedValue } : null,
      fileValue ?? null,
    );
    merged[column] = m.value;
    if (m.kept) apply.result.keptEdits++;
    else if (stored && !sameValue(storedValue, m.value)) {
      recordFileChange(apply, goal, {
        entity: entity.entity,
        entity_id: stored.id,
        entity_key: entity.key,
        entity_label: entity.label,
        field: column,
        old_value: storedValue,
        new_value: m.value,
      });
    }
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------------------
// Links, activities and comments of one goal

async function applyLinks(apply: PlanApply, goal: Goal, goalId: number): Promise<void> {
  const keptLinkIds: number[] = [];
  for (const [i, link] of (goal.indicators ?? []).entries()) {
    keptLinkIds.push(await applyLink(apply, goal, goalId, link, i));
    apply.result.links++;
  }
  let removeLinks = apply.trx.deleteFrom('plan.goal_indicators').where('goal_id', '=', goalId);
  if (keptLinkIds.length > 0) removeLinks = removeLinks.where('id', 'not in', keptLinkIds);
  await removeLinks.execute();
}

/** One link, matched on indicator, area and breakdown; returns its id. */
async function applyLink(
  apply: PlanApply,
  goal: Goal,
  goalId: number,
  link: LinkDef,
  position: number,
): Promise<number> {
  const { trx } = apply;
  const code = link.area ?? apply.plan.area;
  if (!apply.areaIds.has(code)) apply.areaIds.set(code, await areaId(trx, code));
  const linkAreaId = apply.areaIds.get(code) as number;
  const indicatorId = apply.indicatorIds.get(link.indicator);
  if (indicatorId === undefined) throw new Error(`Unknown indicator "${link.indicator}"`);
  const breakdown = link.breakdown ?? 'T';
  const naturalKey = `${link.indicator}|${code}|${breakdown}`;
  const stored = await loadStoredLink(trx, { goalId, indicatorId, areaId: linkAreaId, breakdown });
  const merged = mergeLinkFields(apply, goal, link, naturalKey, stored);
  const linkValues = {
    label: link.label,
    kind: link.kind,
    baseline_value: merged.baseline_value as number | null,
    baseline_date: link.baseline.date,
    baseline_text: merged.baseline_text as string | null,
    target_type: link.target.type,
    target_value: merged.target_value as number | null,
    target_min: merged.target_min as number | null,
    target_max: merged.target_max as number | null,
    target_date: link.target.date,
    target_text: merged.target_text as string | null,
    peer_group_id: link.target.peer_group ?? null,
    milestones: JSON.stringify(link.target.milestones ?? []),
    tolerance: link.tolerance ?? null,
    note: link.note ?? null,
    position,
  };
  const { id } = await trx
    .insertInto('plan.goal_indicators')
    .values({ goal_id: goalId, indicator_id: indicatorId, area_id: linkAreaId, breakdown, ...linkValues })
    .onConflict((oc) =>
      oc.columns(['goal_id', 'indicator_id', 'area_id', 'breakdown']).doUpdateSet(linkValues),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function loadStoredLink(
  trx: Transaction<DB>,
  at: { goalId: number; indicatorId: number; areaId: number; breakdown: string },
) {
  return trx
    .selectFrom('plan.goal_indicators')
    .select([
      'id',
      'baseline_value',
      'baseline_text',
      'target_type',
      'target_value',
      'target_min',
      'target_max',
      'target_text',
    ])
    .where('goal_id', '=', at.goalId)
    .where('indicator_id', '=', at.indicatorId)
    .where('area_id', '=', at.areaId)
    .where('breakdown', '=', at.breakdown)
    .executeTakeFirst();
}

/** Baseline and target of a link, merged with the stored row and the previous file's link. */
function mergeLinkFields(
  apply: PlanApply,
  goal: Goal,
  link: LinkDef,
  naturalKey: string,
  stored: Awaited<ReturnType<typeof loadStoredLink>>,
): Record<string, FieldValue | null> {
  const baseLink = apply.previous?.links.get(`${goal.key}|${naturalKey}`) ?? null;
  // Target fields keep a dashboard edit only while the target type is the same in all three.
  const sameType =
    baseLink !== null &&
    stored !== undefined &&
    baseLink.target.type === link.target.type &&
    stored.target_type === link.target.type;
  return mergeEditableFields(
    apply,
    goal,
    {
      baseline_value: [baseLink?.baseline.value, link.baseline.value, true],
      baseline_text: [baseLink?.baseline.text, link.baseline.text, true],
      target_value: [baseLink?.target.value, link.target.value, sameType],
      target_min: [baseLink?.target.min, link.target.min, sameType],
      target_max: [baseLink?.target.max, link.target.max, sameType],
      target_text: [baseLink?.target.text, link.target.text, sameType],
    },
    baseLink !== null,
    stored,
    { entity: 'link', key: naturalKey, label: link.label },
  );
}

/**
 * Activities keep their ids across re-applies (matched by title within the goal), so an edit's audit
 * rows and the dashboard's links to them stay valid; status and comment follow the three-way rule.
 */
async function applyActivities(apply: PlanApply, goal: Goal, goalId: number): Promise<void> {
  const { trx } = apply;
  const storedRows = await trx
    .selectFrom('plan.activities')
    .select(['id', 'title', 'status', 'status_text', 'comment'])
    .where('goal_id', '=', goalId)
    .orderBy('position')
    .execute();
  const unused = [...storedRows];
  // The previous file's activities of the same title, taken in order: a title may repeat within a goal.
  const baseLeft = new Map<string, Activity[]>();
  for (const a of goal.activities ?? []) {
    const key = `${goal.key}|${a.title}`;
    if (!baseLeft.has(key)) baseLeft.set(key, [...(apply.previous?.activities.get(key) ?? [])]);
  }
  const keptIds: number[] = [];
  for (const [position, a] of (goal.activities ?? []).entries()) {
    const index = unused.findIndex((r) => r.title === a.title);
    const stored = index >= 0 ? unused.splice(index, 1)[0] : undefined;
    const base = baseLeft.get(`${goal.key}|${a.title}`)?.shift() ?? null;
    const merged = mergeEditableFields(
      apply,
      goal,
      {
        status: [base?.status, a.status, true],
        status_text: [base?.status_text, a.status_text, true],
        comment: [base?.comment, a.comment, true],
      },
      base !== null,
      stored,
      { entity: 'activity', key: a.title, label: a.title },
    );
    const values = {
      title: a.title,
      desired_state: a.desired_state ?? null,
      status: merged.status as string,
      status_text: (merged.status_text ?? null) as string | null,
      partners: a.partners ?? null,
      comment: (merged.comment ?? null) as string | null,
      position,
    };
    if (stored) {
      await trx.updateTable('plan.activities').set(values).where('id', '=', stored.id).execute();
      keptIds.push(stored.id);
    } else {
      const { id } = await trx
        .insertInto('plan.activities')
        .values({ goal_id: goalId, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      keptIds.push(id);
    }
    apply.result.activities++;
  }
  let remove = trx.deleteFrom('plan.activities').where('goal_id', '=', goalId);
  if (keptIds.length > 0) remove = remove.where('id', 'not in', keptIds);
  await remove.execute();
}

/**
 * Summary comments per follow-up date, by the same rule: a comment written in the dashboard for a date
 * the file has never had one stays; one the file changed is replaced (and audited).
 */
async function applyComments(apply: PlanApply, goal: Goal, goalId: number): Promise<void> {
  const { trx, previous } = apply;
  const storedRows = await trx
    .selectFrom('plan.goal_comments')
    .select(['follow_up_date', 'text'])
    .where('goal_id', '=', goalId)
    .execute();
  const stored = new Map(storedRows.map((r) => [r.follow_up_date, r.text]));
  const file = new Map((goal.comments ?? []).map((c) => [c.date, c.text]));
  const dates = new Set([...stored.keys(), ...file.keys()]);
  for (const date of [...dates].sort()) {
    const storedText = stored.get(date) ?? null;
    const m = mergeField(
      previous ? { value: previous.comments.get(`${goal.key}|${date}`) ?? null } : null,
      { value: storedText },
      file.get(date) ?? null,
    );
    if (m.kept) apply.result.keptEdits++;
    if (m.value !== null) apply.result.comments++;
    if (sameValue(m.value, storedText)) continue;
    if (previous) {
      recordFileChange(apply, goal, {
        entity: 'comment',
        entity_id: null,
        entity_key: date,
        entity_label: `Sammanfattande kommentar ${date}`,
        field: 'text',
        old_value: storedText,
        new_value: m.value,
      });
    }
    const text = m.value;
    if (text === null) {
      await trx
        .deleteFrom('plan.goal_comments')
        .where('goal_id', '=', goalId)
        .where('follow_up_date', '=', date)
        .execute();
    } else {
      await trx
        .insertInto('plan.goal_comments')
        .values({ goal_id: goalId, follow_up_date: date, text })
        .onConflict((oc) =>
          oc.columns(['goal_id', 'follow_up_date']).doUpdateSet({ text, updated_at: new Date() }),
        )
        .execute();
    }
  }
}

function selectPlans(db: Warehouse) {
  return db
    .selectFrom('plan.plans as p')
    .innerJoin('dim.areas as a', 'a.id', 'p.area_id')
    .select((eb) => [
      // End of the newest period any of the plan's indicators has a value for.
      eb
        .selectFrom('plan.goals as g')
        .innerJoin('plan.goal_indicators as gi', 'gi.goal_id', 'g.id')
        .innerJoin('fact.indicator_values as f', (j) =>
          j
            .onRef('f.indicator_id', '=', 'gi.indicator_id')
            .onRef('f.area_id', '=', 'gi.area_id')
            .onRef('f.breakdown', '=', 'gi.breakdown'),
        )
        .innerJoin('dim.periods as per', 'per.id', 'f.period_id')
        .whereRef('g.plan_id', '=', 'p.id')
        .where('f.value', 'is not', null)
        .select((e) => e.fn.max('per.end_date').as('d'))
        .as('latest_data'),
      'p.id',
      'p.name',
      'p.organisation',
      'a.code as area_code',
      'p.start_date',
      'p.end_date',
      'p.follow_ups',
      'p.demo_note',
      'p.status_rule',
    ])
    .orderBy('p.start_date', 'desc');
}

export async function listPlans(db: Warehouse) {
  return selectPlans(db).execute();
}

/** One plan as listPlans describes it, without computing the others' newest data (a page's lookup). */
export async function loadPlanRow(db: Warehouse, planId: string) {
  return selectPlans(db).where('p.id', '=', planId).executeTakeFirst();
}
