// The nämnd's own assessment beside the computed status, against a real, migrated Postgres: a reason is
// required, every change is audited, a concurrent change is refused, a frozen follow-up keeps its
// assessment, and the list says where the two keys differ.
import { parsePlanDefinition } from '@malkoll/goals/plan-definition';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { assessmentLine, listAssessments, recordAssessment } from './assessments.ts';
import { loadDataVersion } from './dashboard-pages.ts';
import { listPlanAudit, PlanEditConflict, PlanEditInvalid, PlanEditNotFound } from './plan-edits.ts';
import { applyPlan } from './plans.ts';

let t: TestDatabase;
let linkId: number;
const kerstin = { name: 'kerstin', userId: null };

beforeAll(async () => {
  t = await createTestDatabase();
  await applyPlan(
    t.db,
    parsePlanDefinition({
      id: 'p',
      name: 'Verksamhetsplan 2016',
      organisation: 'Mjölby kommun',
      area: '0586',
      start: '2016-01-01',
      end: '2016-12-31',
      follow_ups: ['2016-04-30', '2016-08-31'],
      indicators: [{ key: 't.ame', title: 'Deltagare AME', unit: 'st', direction: 'lower' }],
      goals: [
        {
          key: 'arbete',
          kind: 'municipal_goal',
          title: 'Fler i arbete',
          indicators: [
            {
              indicator: 't.ame',
              label: 'Antal inskrivna deltagare AME',
              kind: 'level',
              baseline: { value: 312, date: '2016-01-01' },
              target: { type: 'at_most', value: 300, date: '2016-12-31' },
            },
          ],
        },
      ],
    }),
  );
  linkId = Number((await t.db.selectFrom('plan.goal_indicators').select('id').executeTakeFirstOrThrow()).id);
  // The computed status per 30 April (a snapshot as the recompute writes it) and a frozen one per 31 August.
  for (const [asOf, frozen] of [
    ['2016-04-30', null],
    ['2016-08-31', new Date()],
  ] as const) {
    await t.db
      .insertInto('ops.status_snapshots')
      .values({
        goal_indicator_id: linkId,
        as_of: asOf,
        status: 'on_track',
        rule: 'at_most.progress_vs_time',
        explanation: 'I fas.',
        explanation_en: 'On track.',
        inputs: '{}',
        frozen_at: frozen,
      })
      .execute();
  }
});
afterAll(() => t?.drop());

const edit = (over: Partial<Parameters<typeof recordAssessment>[2]> = {}) => ({
  planId: 'p',
  linkId,
  date: '2016-04-30',
  status: 'at_risk' as const,
  reason: 'Två upphandlingar har dragit ut på tiden.',
  expected: null,
  ...over,
});

test('an assessment needs a reason and a follow-up date of the plan', async () => {
  await expect(recordAssessment(t.db, kerstin, edit({ reason: '  ' }))).rejects.toThrow(
    /Skriv nämndens motivering/,
  );
  await expect(recordAssessment(t.db, kerstin, edit({ date: '2016-05-31' }))).rejects.toBeInstanceOf(
    PlanEditInvalid,
  );
  await expect(recordAssessment(t.db, kerstin, edit({ linkId: -1 }))).rejects.toBeInstanceOf(
    PlanEditNotFound,
  );
  expect(await t.db.selectFrom('plan.assessments').selectAll().execute()).toEqual([]);
});

test('recorded beside the computed status: audited, visible as a difference, and moving the data version', async () => {
  const version = await loadDataVersion(t.db);
  const r = await recordAssessment(t.db, kerstin, edit());
  expect(r).toMatchObject({ changed: true, fields: ['status', 'reason'] });
  expect(await loadDataVersion(t.db)).not.toEqual(version);
  const [row] = await listAssessments(t.db, 'p', '2016-04-30');
  expect(row).toMatchObject({
    linkId,
    computed: 'on_track',
    assessment: {
      status: 'at_risk',
      reason: 'Två upphandlingar har dragit ut på tiden.',
      actorName: 'kerstin',
    },
    differs: true,
  });
  expect(assessmentLine(row as NonNullable<typeof row>)).toBe('Nämnden bedömer Risk; beräknad status I fas.');
  const audit = await listPlanAudit(t.db, 'p');
  expect(audit.map((a) => [a.entity, a.field, a.oldValue, a.newValue])).toEqual(
    expect.arrayContaining([
      ['assessment', 'status', null, 'at_risk'],
      ['assessment', 'reason', null, 'Två upphandlingar har dragit ut på tiden.'],
    ]),
  );
  // The same again changes nothing and writes nothing.
  const again = await recordAssessment(t.db, kerstin, edit({ expected: 'at_risk' }));
  expect(again.changed).toBe(false);
  expect((await listPlanAudit(t.db, 'p')).length).toBe(audit.length);
});

test('a change made on a stale page is refused with what is stored now', async () => {
  const stale = recordAssessment(t.db, kerstin, edit({ status: 'off_track', expected: null }));
  await expect(stale).rejects.toBeInstanceOf(PlanEditConflict);
  await expect(stale).rejects.toMatchObject({ current: { status: 'at_risk' } });
});

test('agreeing with the computed status is no difference; removing the assessment is audited too', async () => {
  await recordAssessment(
    t.db,
    kerstin,
    edit({ status: 'on_track', reason: 'Enligt plan.', expected: 'at_risk' }),
  );
  const [row] = await listAssessments(t.db, 'p', '2016-04-30');
  expect(row?.differs).toBe(false);
  expect(assessmentLine(row as NonNullable<typeof row>)).toBe('Nämnden bedömer I fas.');
  await recordAssessment(t.db, kerstin, edit({ status: null, reason: null, expected: 'on_track' }));
  expect((await listAssessments(t.db, 'p', '2016-04-30'))[0]?.assessment).toBeNull();
  const removal = (await listPlanAudit(t.db, 'p')).slice(0, 2);
  expect(removal.map((a) => [a.field, a.oldValue, a.newValue]).sort()).toEqual([
    ['reason', 'Enligt plan.', null],
    ['status', 'on_track', null],
  ]);
});

test('a frozen follow-up keeps its assessment', async () => {
  await expect(recordAssessment(t.db, kerstin, edit({ date: '2016-08-31' }))).rejects.toThrow(
    /Uppföljningen per 2016-08-31 är fastställd/,
  );
});
