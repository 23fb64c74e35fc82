import { todayInSweden } from '@malkoll/goals';
import {
  countPreparedAnswers,
  loadAnswerVersion,
  loadPlanRow,
  loadPreparedAnswer,
  storePreparedAnswers,
  type Warehouse,
} from '@malkoll/warehouse';
import { sql } from 'kysely';
import {
  AnswerNotFound,
  buildGoalPage,
  buildPlanOverview,
  loadExplorer,
  type PlanRow,
  toPlanSummary,
  trimOverview,
} from './compose.ts';

/** One page answer the dashboard serves; a plan answer without asOf is the plan's default date today. */
export type AnswerRequest =
  | { kind: 'overview' | 'report'; planId: string; asOf?: string | undefined }
  | { kind: 'goal'; planId: string; asOf?: string | undefined; goalKey: string }
  | { kind: 'explorer'; indicator: string; areas: readonly string[] };

/**
 * The answer's key in mart.answers. Without asOf the answer depends on today (defaultAsOf), so the
 * day is part of the key. Explorer areas keep their order: it is the order of the series.
 */
export function answerKey(request: AnswerRequest, today: string): string {
  if (request.kind === 'explorer') return `${request.indicator}|${request.areas.join(',')}`;
  const asOf = request.asOf ?? `default@${today}`;
  return request.kind === 'goal'
    ? `${request.planId}|${asOf}|${request.goalKey}`
    : `${request.planId}|${asOf}`;
}

/** At most this many answers of one kind are stored on demand per data version (arbitrary dates, areas). */
const ON_DEMAND_LIMIT = 1000;

export interface ServeOptions {
  today?: string;
  /** Store an answer composed on demand so the next request is served prepared (default true). */
  storeOnDemand?: boolean;
}

/**
 * The answer as JSON text: the prepared one when it was composed at the current data version, else
 * composed now in one consistent snapshot (and stored for the next request). Throws AnswerNotFound.
 */
export async function serveAnswer(
  db: Warehouse,
  request: AnswerRequest,
  options: ServeOptions = {},
): Promise<string> {
  const today = options.today ?? todayInSweden();
  const key = answerKey(request, today);
  const prepared = await loadPreparedAnswer(db, request.kind, key);
  if (prepared !== null) return prepared;
  const { version, body } = await composeAtVersion(db, (trx) => composeAnswer(trx, request, today));
  if (options.storeOnDemand !== false) {
    if ((await countPreparedAnswers(db, request.kind, version)) < ON_DEMAND_LIMIT) {
      await storePreparedAnswers(db, version, [{ kind: request.kind, key, body }]);
    }
  }
  return body;
}

/**
 * Runs `compose` in a read-only repeatable-read transaction and reads the data version in the same
 * snapshot: the answer is exactly the data of that version, whatever commits meanwhile.
 */
export async function composeAtVersion<T>(
  db: Warehouse,
  compose: (trx: Warehouse) => Promise<T>,
): Promise<{ version: number; body: string; value: T }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      const version = await loadAnswerVersion(trx);
      const value = await compose(trx);
      return { version, value, body: JSON.stringify(value) };
    });
}

async function findPlan(db: Warehouse, planId: string): Promise<PlanRow> {
  const plan = await loadPlanRow(db, planId);
  if (!plan) throw new AnswerNotFound('Planen finns inte.');
  return plan;
}

/** Composes one answer live (no prepared answer is read or written). */
export async function composeAnswer(db: Warehouse, request: AnswerRequest, today: string): Promise<unknown> {
  if (request.kind === 'explorer') {
    const result = await loadExplorer(db, request.indicator, request.areas);
    if (!result) throw new AnswerNotFound(`Nyckeltalet "${request.indicator}" finns inte.`);
    return result;
  }
  const plan = await findPlan(db, request.planId);
  const summary = toPlanSummary(plan, today);
  const asOf = request.asOf ?? summary.defaultAsOf;
  if (request.kind === 'goal') return buildGoalPage(db, plan, summary, asOf, request.goalKey);
  return trimOverview(await buildPlanOverview(db, plan, summary, asOf), request.kind === 'overview');
}
