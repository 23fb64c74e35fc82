// Status snapshots per follow-up date: computed with their forecast, frozen once the follow-up is decided,
// kept as decided by later recomputes unless refrozen, and readable as a history.
import { parsePlanDefinition } from '@malkoll/goals/plan-definition';
import {
  applyPlan,
  createRun,
  freezeStatusSnapshots,
  listGoalStatus,
  listStatusHistory,
  recordRunSucceeded,
  runIngestTransaction,
  type StagedFact,
  upsertPeerGroup,
  upsertSource,
} from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recomputeStatus } from './recompute.ts';

let t: TestDatabase;
let mjolby: number;
let indicatorId: number;

const plan = (id: string) =>
  parsePlanDefinition({
    id,
    name: 'Verksamhetsplan 2016',
    organisation: 'Mjölby kommun',
    area: '0586',
    start: '2016-01-01',
    end: '2016-12-31',
    follow_ups: ['2016-04-30', '2016-08-31', '2016-12-31'],
    indicators: [
      { key: 'test.invanare', title: 'Invånare', unit: 'invånare', direction: 'higher', decimals: 0 },
    ],
    goals: [
      {
        key: 'boende',
        kind: 'municipal_goal',
        title: 'Attraktiva boendemiljöer',
        indicators: [
          {
            indicator: 'test.invanare',
            label: 'Förändring av invånarantal',
            kind: 'level',
            baseline: { value: 26602, date: '2016-01-01' },
            target: { type: 'at_least', value: 26900, date: '2016-12-31' },
          },
        ],
      },
    ],
  });

function month(m: number, value: number): StagedFact {
  const start = `2016-${String(m).padStart(2, '0')}-01`;
  return {
    indicatorId,
    areaId: mjolby,
    periodType: 'month',
    periodStart: start,
    periodEnd: new Date(Date.UTC(2016, m, 0)).toISOString().slice(0, 10),
    periodLabel: `månad ${m} 2016`,
    breakdown: 'T',
    value,
    valueNote: null,
  };
}

async function ingest(facts: StagedFact[]) {
  const runId = await createRun(t.db, { sourceId: 'src', trigger: 'manual' });
  const { counts } = await runIngestTransaction(
    t.pool,
    { runId, sourceId: 'src', origin: 'test.csv', mode: 'upsert' },
    (w) => w.writeFacts(facts),
    (client, c) =>
      recordRunSucceeded(client, runId, c, { rowsRead: facts.length, skipped: 0, rejected: 0, details: {} }),
  );
  return counts;
}

async function snapshot(planId: string, asOf: string) {
  const rows = await listGoalStatus(t.db, planId, asOf);
  expect(rows).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
}

beforeAll(async () => {
  t = await createTestDatabase();
  await upsertSource(t.db, { id: 'src', title: 'Test', kind: 'csv', definition: {}, schedule: null });
  await applyPlan(t.db, plan('live'));
  // The plan was in place before the year began, as a live plan is.
  await t.db
    .updateTable('plan.plans')
    .set({ created_at: new Date('2015-12-15T09:00:00Z') })
    .execute();
  mjolby = (
    await t.db.selectFrom('dim.areas').select('id').where('code', '=', '0586').executeTakeFirstOrThrow()
  ).id;
  indicatorId = (
    await t.db
      .selectFrom('dim.indicators')
      .select('id')
      .where('key', '=', 'test.invanare')
      .executeTakeFirstOrThrow()
  ).id;
  await ingest([month(1, 26610), month(2, 26630), month(3, 26640), month(4, 26611)]);
});
afterAll(() => t.drop());

describe('status snapshots and their freezing', () => {
  test('before the freeze day: every follow-up and today computed, with a forecast, nothing frozen', async () => {
    const r = await recomputeStatus(t.db, { planId: 'live' }, { today: '2016-05-10' });
    expect(r).toMatchObject({ links: 1, snapshots: 4, keptFrozen: 0, frozen: 0 });
    const april = await snapshot('live', '2016-04-30');
    expect(april).toMatchObject({ status: 'off_track', current_value: 26611, frozen_at: null });
    // Four monthly readings: a forecast beside the measured value, never in its place.
    expect(april.forecast_value).not.toBeNull();
    expect(april.forecast_value).not.toBe(april.current_value);
  });

  test('30 days after the follow-up the next recompute computes it a last time and freezes it', async () => {
    const r = await recomputeStatus(t.db, { planId: 'live' }, { today: '2016-06-01' });
    // Today's snapshot is new; the follow-ups say what they said, so they are not rewritten.
    expect(r).toMatchObject({ snapshots: 1, unchanged: 3, frozen: 1 });
    expect((await snapshot('live', '2016-04-30')).frozen_at).not.toBeNull();
    expect((await snapshot('live', '2016-08-31')).frozen_at).toBeNull();
  });

  test('a revised April value moves today’s status but not the decided report for 30 April', async () => {
    const counts = await ingest([month(4, 26700)]);
    expect(counts.changedIndicatorIds).toEqual([indicatorId]);
    const r = await recomputeStatus(
      t.db,
      { indicatorIds: counts.changedIndicatorIds },
      { today: '2016-06-02' },
    );
    expect(r).toMatchObject({ keptFrozen: 1, snapshots: 3 });
    expect(await snapshot('live', '2016-04-30')).toMatchObject({ current_value: 26611, status: 'off_track' });
    expect(await snapshot('live', '2016-06-02')).toMatchObject({ current_value: 26700, status: 'on_track' });
  });

  test('--refreeze recomputes the frozen report and keeps it frozen', async () => {
    const before = (await snapshot('live', '2016-04-30')).frozen_at as Date;
    const r = await recomputeStatus(t.db, { planId: 'live' }, { today: '2016-06-03', refreeze: true });
    expect(r.keptFrozen).toBe(0);
    const april = await snapshot('live', '2016-04-30');
    expect(april).toMatchObject({ current_value: 26700, status: 'on_track' });
    expect(april.frozen_at).not.toBeNull();
    expect((april.frozen_at as Date).getTime()).toBeGreaterThanOrEqual(before.getTime());
    const refrozen = await t.db
      .selectFrom('ops.status_snapshots')
      .select('refrozen_count')
      .where('as_of', '=', '2016-04-30')
      .executeTakeFirstOrThrow();
    expect(refrozen.refrozen_count).toBe(1);
  });

  test('an unchanged file changes no indicator, so nothing is recomputed after it', async () => {
    const counts = await ingest([month(4, 26700)]);
    expect(counts.changedIndicatorIds).toEqual([]);
    expect(counts.touchedIndicatorIds).toEqual([indicatorId]);
  });

  test('the history shows the status per follow-up and the latest snapshot, oldest first', async () => {
    const [history] = await listStatusHistory(t.db, 'live', { includeLatest: true });
    expect(history?.label).toBe('Förändring av invånarantal');
    expect(history?.points.map((p) => [p.as_of, p.is_follow_up, p.status, p.frozen_at !== null])).toEqual([
      ['2016-04-30', true, 'on_track', true],
      ['2016-06-03', false, 'on_track', false],
      // 26 700 is a third of the way: behind the August and year-end expectations.
      ['2016-08-31', true, 'off_track', false],
      ['2016-12-31', true, 'off_track', false],
    ]);
    const followUpsOnly = await listStatusHistory(t.db, 'live');
    expect(followUpsOnly[0]?.points.map((p) => p.as_of)).toEqual(['2016-04-30', '2016-08-31', '2016-12-31']);
  });

  test('an old report applied today is not frozen automatically; freezing it is explicit', async () => {
    await applyPlan(t.db, plan('imported'));
    const r = await recomputeStatus(t.db, { planId: 'imported' }, { today: '2026-11-30' });
    expect(r).toMatchObject({ snapshots: 3, frozen: 0 });
    const frozen = await freezeStatusSnapshots(t.db, {
      planId: 'imported',
      asOf: '2016-04-30',
      today: '2026-11-30',
    });
    expect(frozen).toEqual([{ as_of: '2016-04-30', links: 1 }]);
    const again = await recomputeStatus(t.db, { planId: 'imported' }, { today: '2026-11-30' });
    expect(again).toMatchObject({ snapshots: 0, unchanged: 2, keptFrozen: 1 });
  });
});

describe('peer groups', () => {
  test('upsertPeerGroup replaces the members and refuses unknown codes', async () => {
    expect(await upsertPeerGroup(t.db, { id: 'likn', title: 'Liknande', areaCodes: ['0586', '2029'] })).toBe(
      2,
    );
    expect(await upsertPeerGroup(t.db, { id: 'likn', title: 'Liknande', areaCodes: ['0586'] })).toBe(1);
    await expect(upsertPeerGroup(t.db, { id: 'likn', title: 'x', areaCodes: ['9999'] })).rejects.toThrow(
      /Jämförelsegruppen .*: okända områdeskoder 9999/,
    );
  });
});
