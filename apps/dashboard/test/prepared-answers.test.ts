// Prepared answers through the real app over a real, migrated Postgres: the demo plan's pages served
// from mart.answers equal the ones composed live, and after a plan edit, a run or a freeze the page a
// visitor gets says what the data now say (never a stale prepared answer), and is prepared again.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type AnswerRequest, answerKey, composeAnswer } from '@malkoll/answers';
import { todayInSweden } from '@malkoll/goals';
import { parsePlanDefinition } from '@malkoll/goals/plan-definition';
import {
  applyPlanAndRecompute,
  createAnswerPreparer,
  recomputeStatus,
  refreshAnswers,
} from '@malkoll/pipeline';
import {
  addUser,
  createRun,
  freezeStatusSnapshots,
  loadAnswerVersion,
  loadPreparedAnswer,
  recordRunSucceeded,
  runIngestTransaction,
} from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/server/auth.ts';
import type { GoalPage, PlanOverview } from '../src/shared/api-types.ts';
import { loadPlanFixture } from './plan-fixture.ts';

const DEMO = 'mjolby-ks-2016';
const demoFile = fileURLToPath(new URL('../../../packages/demo/plans/mjolby-ks-2016.yaml', import.meta.url));
const ORIGIN = 'http://localhost';
const sameOrigin = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };

let t: TestDatabase;
let app: ReturnType<typeof createApp>;
let preparer: ReturnType<typeof createAnswerPreparer>;
let steward: string;

async function getJson<T>(path: string): Promise<T> {
  const res = await app.request(`${ORIGIN}${path}`, { headers: { cookie: steward } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** The goal page's AME target and status as a visitor sees them. */
async function ameOnGoalPage(asOf: string) {
  const page = await getJson<GoalPage>(`/api/plans/ks/goals/ame?asOf=${asOf}`);
  const link = page.goal.indicators[0];
  return { target: link?.target.value, status: link?.status, current: link?.current?.value ?? null };
}

async function isPrepared(request: AnswerRequest): Promise<boolean> {
  return (await loadPreparedAnswer(t.db, request.kind, answerKey(request, todayInSweden()))) !== null;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await loadPlanFixture(t);
  preparer = createAnswerPreparer(t.db);
  // As a dashboard does at start-up; from then on every change prepares again (the plan apply here).
  preparer.request();
  await preparer.idle();
  await applyPlanAndRecompute(t.db, parsePlanDefinition(parse(await readFile(demoFile, 'utf8'))));
  // Memory cache off: every answer below comes from mart.answers or is composed for the request.
  app = createApp({
    db: t.db,
    clientDir: '/nonexistent',
    auth: { mode: 'required' },
    cacheAnswers: false,
    answerPreparer: preparer,
  });
  const { password } = await addUser(t.db, 'kerstin', 'steward');
  const res = await app.request(`${ORIGIN}/api/session`, {
    method: 'POST',
    headers: { ...sameOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'kerstin', password }),
  });
  const match = res.headers.get('set-cookie')?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`));
  if (!match?.[1]) throw new Error(`sign-in failed (${res.status})`);
  steward = `${SESSION_COOKIE}=${match[1]}`;
  // The sign-in wrote no data the answers show: the plan apply's preparation still stands.
});
afterAll(() => t.drop());

describe('the demo plan served prepared', () => {
  test('every default page is prepared, and each equals the answer composed live', async () => {
    const today = todayInSweden();
    const plans = await getJson<{ id: string; defaultAsOf: string; areaCode: string }[]>('/api/plans');
    const demo = plans.find((p) => p.id === DEMO);
    if (!demo) throw new Error('demo plan missing');
    const asOf = demo.defaultAsOf;
    const overview = await getJson<PlanOverview>(`/api/plans/${DEMO}/overview?asOf=${asOf}`);
    const goalKeys = overview.goals.flatMap(function keys(g): string[] {
      return [g.key, ...g.children.flatMap(keys)];
    });
    expect(goalKeys.length).toBeGreaterThan(5);
    const requests: [string, AnswerRequest][] = [
      [`/api/plans/${DEMO}/overview?asOf=${asOf}&view=cards`, { kind: 'overview', planId: DEMO, asOf }],
      [`/api/plans/${DEMO}/overview?asOf=${asOf}`, { kind: 'report', planId: DEMO, asOf }],
      [`/api/plans/${DEMO}/overview?view=cards`, { kind: 'overview', planId: DEMO }],
      ...goalKeys.map(
        (goalKey) =>
          [
            `/api/plans/${DEMO}/goals/${goalKey}?asOf=${asOf}`,
            { kind: 'goal', planId: DEMO, asOf, goalKey },
          ] as [string, AnswerRequest],
      ),
    ];
    for (const [path, request] of requests) {
      expect(await isPrepared(request), path).toBe(true);
      const served = await getJson<unknown>(path);
      expect(served, path).toEqual(JSON.parse(JSON.stringify(await composeAnswer(t.db, request, today))));
    }
  });
});

describe('a change is never answered from before it', () => {
  test('a plan edit: the goal page shows the new target at once, and is prepared again', async () => {
    const before = await ameOnGoalPage('2016-08-31');
    expect(before.target).toBe(300);
    const versionBefore = await loadAnswerVersion(t.db);
    const linkId = (
      await t.db
        .selectFrom('plan.goal_indicators')
        .select('id')
        .where('label', 'like', '%AME%')
        .executeTakeFirstOrThrow()
    ).id;
    const edit = await app.request(`${ORIGIN}/api/plans/ks/links/${linkId}`, {
      method: 'PATCH',
      headers: { ...sameOrigin, 'content-type': 'application/json', cookie: steward },
      body: JSON.stringify({ targetValue: 400, expected: { targetValue: 300 } }),
    });
    expect(edit.status).toBe(200);
    // Asked before the background preparation is done: composed for the request, never the old one.
    const after = await ameOnGoalPage('2016-08-31');
    expect(after.target).toBe(400);
    expect(after.status).not.toBe(before.status);
    await preparer.idle();
    expect(await loadAnswerVersion(t.db)).toBeGreaterThan(versionBefore);
    // ks's default date is one of its follow-ups; the prepared goal page there carries the new target.
    const plans = await getJson<{ id: string; defaultAsOf: string }[]>('/api/plans');
    const asOf = plans.find((p) => p.id === 'ks')?.defaultAsOf ?? '';
    const prepared = await loadPreparedAnswer(
      t.db,
      'goal',
      answerKey({ kind: 'goal', planId: 'ks', asOf, goalKey: 'ame' }, todayInSweden()),
    );
    expect(JSON.parse(prepared ?? 'null')?.goal.indicators[0].target.value).toBe(400);
  });

  test('a run and its recompute: the new value is on the page before and after preparing', async () => {
    await refreshAnswers(t.db);
    expect((await ameOnGoalPage('2016-08-31')).current).toBe(360);
    const [area, indicator] = await Promise.all([
      t.db.selectFrom('dim.areas').select('id').where('code', '=', '0586').executeTakeFirstOrThrow(),
      t.db.selectFrom('dim.indicators').select('id').where('key', '=', 't.ame').executeTakeFirstOrThrow(),
    ]);
    const runId = await createRun(t.db, { sourceId: 'src', trigger: 'manual' });
    await runIngestTransaction(
      t.pool,
      { runId, sourceId: 'src', origin: 'revised.csv', mode: 'upsert' },
      (w) =>
        w.writeFacts([
          {
            indicatorId: indicator.id,
            areaId: area.id,
            periodType: 'month',
            periodStart: '2016-08-01',
            periodEnd: '2016-08-31',
            periodLabel: 'månad 8 2016',
            breakdown: 'T',
            value: 280,
            valueNote: null,
          },
        ]),
      (client, c) =>
        recordRunSucceeded(client, runId, c, { rowsRead: 1, skipped: 0, rejected: 0, details: {} }),
    );
    await recomputeStatus(t.db, { planId: 'ks' });
    expect((await ameOnGoalPage('2016-08-31')).current).toBe(280);
    await refreshAnswers(t.db);
    expect((await ameOnGoalPage('2016-08-31')).current).toBe(280);
  });

  test('a failed or running run does not move the version; a freeze does, and is prepared again', async () => {
    await refreshAnswers(t.db);
    const version = await loadAnswerVersion(t.db);
    await createRun(t.db, { sourceId: 'src', trigger: 'manual' });
    expect(await loadAnswerVersion(t.db)).toBe(version);
    const report = { kind: 'report', planId: 'ks', asOf: '2016-04-30' } as const;
    await getJson(`/api/plans/ks/overview?asOf=2016-04-30`);
    expect(await isPrepared(report)).toBe(true); // stored on demand at this version
    const frozen = await freezeStatusSnapshots(t.db, { planId: 'ks', today: '2017-01-01' });
    expect(frozen.length).toBeGreaterThan(0);
    expect(await loadAnswerVersion(t.db)).toBeGreaterThan(version);
    expect(await isPrepared(report)).toBe(false);
    await refreshAnswers(t.db);
    await getJson(`/api/plans/ks/overview?asOf=2016-04-30`);
    expect(await isPrepared(report)).toBe(true);
  });
});
