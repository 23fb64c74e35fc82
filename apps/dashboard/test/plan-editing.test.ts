// Plan editing through the real app (createApp, DASHBOARD_AUTH=required) over a real, migrated Postgres:
// who may edit, what is audited, stale and no-op edits, the status recomputed in the edit's transaction
// while a frozen follow-up stays as decided, the cached goal page seeing the change, and a re-applied
// plan file keeping the dashboard's edits.
import { addUser, applyPlan, freezeStatusSnapshots } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/server/auth.ts';
import type { GoalPage } from '../src/shared/api-types.ts';
import type { HistoryResponse } from '../src/shared/plan-editing-api.ts';
import { loadPlanFixture, planFile } from './plan-fixture.ts';

let t: TestDatabase;
let app: ReturnType<typeof createApp>;
let steward: string;
let viewer: string;
let linkId: number;
let activityId: number;

const ORIGIN = 'http://localhost';
const sameOrigin = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };

async function signIn(name: string, password: string): Promise<string> {
  const res = await app.request(`${ORIGIN}/api/session`, {
    method: 'POST',
    headers: { ...sameOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const match = res.headers.get('set-cookie')?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`));
  if (!match?.[1]) throw new Error(`sign-in failed (${res.status})`);
  return `${SESSION_COOKIE}=${match[1]}`;
}

function send(method: string, path: string, body: unknown, cookie?: string) {
  return app.request(`${ORIGIN}${path}`, {
    method,
    headers: { ...sameOrigin, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

async function snapshot(asOf: string) {
  return t.db
    .selectFrom('ops.status_snapshots')
    .select(['status', 'computed_at', 'frozen_at', 'inputs'])
    .where('goal_indicator_id', '=', linkId)
    .where('as_of', '=', asOf)
    .executeTakeFirstOrThrow();
}

async function history(query = ''): Promise<HistoryResponse> {
  const res = await app.request(`/api/plans/ks/history${query}`, { headers: { cookie: viewer } });
  expect(res.status).toBe(200);
  return (await res.json()) as HistoryResponse;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await loadPlanFixture(t);
  linkId = (await t.db.selectFrom('plan.goal_indicators').select('id').executeTakeFirstOrThrow()).id;
  activityId = (await t.db.selectFrom('plan.activities').select('id').executeTakeFirstOrThrow()).id;
  app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'required' } });
  steward = await signIn('kerstin', (await addUser(t.db, 'kerstin', 'steward')).password);
  viewer = await signIn('ville', (await addUser(t.db, 'ville', 'viewer')).password);
});
afterAll(() => t.drop());

describe('who may edit', () => {
  test('a viewer gets 403 and an anonymous caller 401 on every edit route; nothing is written', async () => {
    const edits: [string, string, unknown][] = [
      ['PATCH', `/api/plans/ks/links/${linkId}`, { targetValue: 1, expected: { targetValue: 300 } }],
      [
        'PATCH',
        `/api/plans/ks/activities/${activityId}`,
        { status: 'done', expected: { status: 'in_progress' } },
      ],
      ['PUT', '/api/plans/ks/comments', { goal: 'ame', date: '2016-04-30', text: 'x', expected: null }],
    ];
    for (const [method, path, body] of edits) {
      expect((await send(method, path, body, viewer)).status, `${method} ${path}`).toBe(403);
      expect((await send(method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    expect((await history()).entries).toEqual([]);
    // Reading the history needs sign-in too, a viewer's is enough.
    expect((await app.request('/api/plans/ks/history')).status).toBe(401);
  });
});

describe('a steward edits a target', () => {
  test('the status follows in the same transaction, a frozen follow-up stays as decided, the goal page sees it', async () => {
    // The board decided the first follow-up's report.
    await freezeStatusSnapshots(t.db, { planId: 'ks', asOf: '2016-04-30', today: '2026-11-30' });
    const frozenBefore = await snapshot('2016-04-30');
    expect(frozenBefore.status).toBe('off_track');
    expect((await snapshot('2016-08-31')).status).toBe('off_track');
    // The goal page is cached at this data version.
    const page = async () => {
      const res = await app.request('/api/plans/ks/goals/arbete?asOf=2016-08-31', {
        headers: { cookie: viewer },
      });
      return (await res.json()) as GoalPage;
    };
    expect((await page()).goal.children[0]?.indicators[0]?.status).toBe('off_track');

    const res = await send(
      'PATCH',
      `/api/plans/ks/links/${linkId}`,
      { targetValue: '365', expected: { targetValue: 300 }, note: 'Nytt mottagningstal' },
      steward,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ changed: true, current: { targetValue: 365 } });

    // 360 at the end of August against at most 365: the status of 31 August moved.
    const after = await snapshot('2016-08-31');
    expect(after.status).toBe('achieved');
    expect(after.inputs).toMatchObject({ target: { value: 365 } });
    // The frozen follow-up still says what the board decided, computed when it was.
    const frozenAfter = await snapshot('2016-04-30');
    expect(frozenAfter).toEqual(frozenBefore);

    const fresh = await page();
    expect(fresh.goal.children[0]?.indicators[0]).toMatchObject({
      status: 'achieved',
      target: { value: 365 },
    });
  });

  test('Swedish numbers are read ("14,5"), a bad one gets a Swedish 400', async () => {
    const ok = await send(
      'PATCH',
      `/api/plans/ks/links/${linkId}`,
      { baselineValue: '312,5', expected: { baselineValue: 312 } },
      steward,
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ current: { baselineValue: 312.5 } });
    const bad = await send(
      'PATCH',
      `/api/plans/ks/links/${linkId}`,
      { targetValue: '3,6,5', expected: { targetValue: 365 } },
      steward,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe(
      'Ogiltig ändring: målvärde: ska vara ett tal, t.ex. 14,5 eller 26 602.',
    );
  });

  test('a no-op edit writes nothing; a stale edit gets 409 with a Swedish message and the current value', async () => {
    const before = (await history()).entries.length;
    const same = await send(
      'PATCH',
      `/api/plans/ks/links/${linkId}`,
      { targetValue: 365, expected: { targetValue: 365 } },
      steward,
    );
    expect(await same.json()).toMatchObject({ changed: false, fields: [] });
    const stale = await send(
      'PATCH',
      `/api/plans/ks/links/${linkId}`,
      { targetValue: 350, expected: { targetValue: 300 } },
      steward,
    );
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({
      error: 'Någon annan har ändrat målvärdet (nu 365) sedan du öppnade sidan. Ladda om och försök igen.',
      current: { baselineValue: 312.5, targetValue: 365, targetMin: null, targetMax: null },
    });
    expect((await history()).entries.length).toBe(before);
  });

  test('the history says who, when, old → new, for the goal and its nämndåtaganden', async () => {
    const { entries } = await history('?goal=arbete');
    expect(entries.map((e) => [e.actor, e.field, e.oldValue, e.newValue])).toEqual([
      ['kerstin', 'baseline_value', 312, 312.5],
      ['kerstin', 'target_value', 300, 365],
    ]);
    expect(entries[1]).toMatchObject({ note: 'Nytt mottagningstal', unit: 'st', byPlanFile: false });
    expect(Date.parse(entries[0]?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(
      (await app.request('/api/plans/ks/history?goal=finns-inte', { headers: { cookie: viewer } })).status,
    ).toBe(404);
  });
});

describe('activities and comments', () => {
  test('an activity status and a follow-up comment are edited and audited', async () => {
    const activity = await send(
      'PATCH',
      `/api/plans/ks/activities/${activityId}`,
      { status: 'done', expected: { status: 'in_progress' } },
      steward,
    );
    expect(await activity.json()).toMatchObject({ changed: true, current: { status: 'done' } });
    const bad = await send(
      'PATCH',
      `/api/plans/ks/activities/${activityId}`,
      { status: 'klar', expected: {} },
      steward,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(
      /^Ogiltig ändring: status: ska vara not_started, in_progress, done/,
    );

    const comment = await send(
      'PUT',
      '/api/plans/ks/comments',
      { goal: 'ame', date: '2016-08-31', text: 'Halvårets utfall är bättre än väntat.', expected: null },
      steward,
    );
    expect(comment.status).toBe(200);
    const wrongDate = await send(
      'PUT',
      '/api/plans/ks/comments',
      { goal: 'ame', date: '2016-09-01', text: 'x', expected: null },
      steward,
    );
    expect(wrongDate.status).toBe(400);
    expect((await wrongDate.json()).error).toMatch(/inte ett av planens uppföljningsdatum/);

    const { entries } = await history('?goal=ame');
    expect(entries.slice(0, 2).map((e) => [e.entity, e.field, e.oldValue, e.newValue])).toEqual([
      ['comment', 'text', null, 'Halvårets utfall är bättre än väntat.'],
      ['activity', 'status', 'in_progress', 'done'],
    ]);
  });
});

describe('re-applying the plan file', () => {
  test('an unchanged file keeps every dashboard edit; a file that changed the target wins, audited as planfil', async () => {
    const kept = await applyPlan(t.db, planFile());
    expect(kept.fileChanges).toBe(0);
    const row = await t.db.selectFrom('plan.goal_indicators').selectAll().executeTakeFirstOrThrow();
    expect([row.target_value, row.baseline_value]).toEqual([365, 312.5]);
    expect(
      await t.db.selectFrom('plan.activities').select(['id', 'status']).executeTakeFirstOrThrow(),
    ).toEqual({ id: activityId, status: 'done' });

    const changed = await applyPlan(t.db, planFile(320));
    expect(changed.fileChanges).toBe(1);
    const [last] = (await history()).entries;
    expect(last).toMatchObject({
      actor: 'planfil',
      byPlanFile: true,
      field: 'target_value',
      oldValue: 365,
      newValue: 320,
    });
  });
});

describe('an edit after a follow-up’s freeze day', () => {
  test('the follow-up is frozen with the values it was decided on before the edit lands', async () => {
    // The plan was in place all year, so 31 August froze 30 days later; the nightly recompute has not
    // run since (the snapshot is still open).
    await t.db
      .updateTable('plan.plans')
      .set({ created_at: new Date('2015-12-15T09:00:00Z') })
      .execute();
    expect((await snapshot('2016-08-31')).frozen_at).toBeNull();
    const res = await send(
      'PATCH',
      `/api/plans/ks/links/${linkId}`,
      { targetValue: 400, expected: { targetValue: 320 } },
      steward,
    );
    expect(res.status).toBe(200);
    const decided = await snapshot('2016-08-31');
    expect(decided.frozen_at).not.toBeNull();
    // Decided on the target stored before the edit (the plan file's 320), not on the new 400.
    expect(decided.inputs).toMatchObject({ target: { value: 320 } });
    expect(decided.status).toBe('at_risk'); // 360 against at most 320, within tolerance of the pace; 400 would be achieved
  });
});

describe('DASHBOARD_AUTH=public-read', () => {
  test('anyone reads the history, without account names; editing still needs a steward', async () => {
    const open = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'public-read' } });
    const res = await open.request('/api/plans/ks/history');
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as HistoryResponse;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => !e.byPlanFile).map((e) => e.actor)).toEqual(
      entries.filter((e) => !e.byPlanFile).map(() => null),
    );
    expect(entries.find((e) => e.byPlanFile)?.actor).toBe('planfil');
    const edit = await open.request(`${ORIGIN}/api/plans/ks/links/${linkId}`, {
      method: 'PATCH',
      headers: { ...sameOrigin, 'content-type': 'application/json' },
      body: JSON.stringify({ targetValue: 1, expected: { targetValue: 400 } }),
    });
    expect(edit.status).toBe(401);
  });
});
