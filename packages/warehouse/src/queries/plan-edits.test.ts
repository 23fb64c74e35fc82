// Plan edits against a real, migrated Postgres: each edit with its audit rows in one transaction, no-op
// edits writing nothing, stale edits refused with the current value, and what a re-applied plan file
// does to dashboard edits.
import { type PlanDefinition, parsePlanDefinition } from '@malkoll/goals/plan-definition';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { loadDataVersion } from './dashboard-pages.ts';
import {
  editActivity,
  editGoalComment,
  editLinkValues,
  goalExists,
  listPlanAudit,
  PlanEditConflict,
  PlanEditInvalid,
  PlanEditNotFound,
  planExists,
} from './plan-edits.ts';
import { applyPlan } from './plans.ts';

let t: TestDatabase;
const anna = { name: 'anna', userId: null };

function planFile(overrides: { target?: number; status?: string; comment?: string } = {}): PlanDefinition {
  return parsePlanDefinition({
    id: 'p',
    name: 'Verksamhetsplan 2016',
    organisation: 'Mjölby kommun',
    area: '0586',
    start: '2016-01-01',
    end: '2016-12-31',
    follow_ups: ['2016-04-30', '2016-08-31'],
    indicators: [
      { key: 't.ame', title: 'Deltagare AME', unit: 'st', direction: 'lower' },
      { key: 't.andel', title: 'Egenförsörjning', unit: '%', direction: 'higher', decimals: 1 },
    ],
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
            baseline: { value: 312, date: '2016-01-01', text: '312' },
            target: { type: 'at_most', value: overrides.target ?? 300, date: '2016-12-31' },
          },
          {
            indicator: 't.andel',
            label: 'Andel till egenförsörjning',
            kind: 'level',
            baseline: { value: 14.5, date: '2016-01-01' },
            target: { type: 'increase', date: '2016-12-31', text: 'Ökning' },
          },
        ],
        activities: [
          { title: 'FRAMTIDSJOBB', status: overrides.status ?? 'in_progress', status_text: 'Pågår' },
          { title: 'Integrationsstrategi', status: 'not_started' },
        ],
        comments: [{ date: '2016-04-30', text: overrides.comment ?? 'Samtliga aktiviteter pågår.' }],
      },
    ],
  });
}

const link = async (label: string) =>
  t.db.selectFrom('plan.goal_indicators').selectAll().where('label', '=', label).executeTakeFirstOrThrow();
const activity = async (title: string) =>
  t.db.selectFrom('plan.activities').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
const auditCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('ops.plan_audit')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestDatabase();
  await applyPlan(t.db, planFile());
});
afterAll(() => t.drop());

describe('editing a link', () => {
  test('each edited value is one audit row; the restating baseline text is cleared without one of its own', async () => {
    const before = await link('Antal inskrivna deltagare AME');
    const version = await loadDataVersion(t.db);
    const r = await editLinkValues(t.db, anna, {
      planId: 'p',
      linkId: before.id,
      changes: { targetValue: 280, baselineValue: 320 },
      expected: { targetValue: 300, baselineValue: 312 },
      note: 'Nytt avtal',
    });
    expect(r).toMatchObject({ changed: true, current: { targetValue: 280, baselineValue: 320 } });
    const after = await link('Antal inskrivna deltagare AME');
    expect([after.target_value, after.baseline_value, after.baseline_text]).toEqual([280, 320, null]);
    const history = await listPlanAudit(t.db, 'p');
    const rows = history.map((h) => [h.field, h.oldValue, h.newValue, h.actorName, h.note]);
    expect(rows.sort()).toEqual([
      ['baseline_value', 312, 320, 'anna', 'Nytt avtal'],
      ['target_value', 300, 280, 'anna', 'Nytt avtal'],
    ]);
    expect(history[0]).toMatchObject({
      entity: 'link',
      entityLabel: 'Antal inskrivna deltagare AME',
      unit: 'st',
    });
    // The dashboard's cached answers see the change.
    expect(await loadDataVersion(t.db)).not.toBe(version);
  });

  test('an edit to the value already stored writes nothing', async () => {
    const before = await auditCount();
    const version = await loadDataVersion(t.db);
    const row = await link('Antal inskrivna deltagare AME');
    const r = await editLinkValues(t.db, anna, {
      planId: 'p',
      linkId: row.id,
      changes: { targetValue: 280 },
      expected: { targetValue: 999 },
    });
    expect(r.changed).toBe(false);
    expect(await auditCount()).toBe(before);
    expect(await loadDataVersion(t.db)).toBe(version);
  });

  test('a stale edit is refused with the current value and changes nothing', async () => {
    const before = await auditCount();
    const row = await link('Antal inskrivna deltagare AME');
    const error = await editLinkValues(t.db, anna, {
      planId: 'p',
      linkId: row.id,
      changes: { targetValue: 250 },
      expected: { targetValue: 300 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanEditConflict);
    expect((error as PlanEditConflict).message).toMatch(/Någon annan har ändrat målvärdet \(nu 280\)/);
    expect((error as PlanEditConflict).current).toMatchObject({ targetValue: 280 });
    expect((await link('Antal inskrivna deltagare AME')).target_value).toBe(280);
    expect(await auditCount()).toBe(before);
  });

  test('two stewards saving at once from the same page: one edit lands, the other gets the conflict', async () => {
    const row = await link('Antal inskrivna deltagare AME');
    const save = (value: number) =>
      editLinkValues(t.db, anna, {
        planId: 'p',
        linkId: row.id,
        changes: { targetValue: value },
        expected: { targetValue: 280 },
      }).then(
        () => 'saved',
        (e: unknown) => (e instanceof PlanEditConflict ? 'conflict' : e),
      );
    const outcomes = await Promise.all([save(270), save(260)]);
    expect(outcomes.sort()).toEqual(['conflict', 'saved']);
    const stored = (await link('Antal inskrivna deltagare AME')).target_value;
    expect([270, 260]).toContain(stored);
    // Back to what the rest of the file expects.
    await editLinkValues(t.db, anna, {
      planId: 'p',
      linkId: row.id,
      changes: { targetValue: 280 },
      expected: { targetValue: stored },
    });
  });

  test('a target value for a "Ökning" target, or a link of another plan, is refused', async () => {
    const row = await link('Andel till egenförsörjning');
    await expect(
      editLinkValues(t.db, anna, {
        planId: 'p',
        linkId: row.id,
        changes: { targetValue: 18.5 },
        expected: { targetValue: null },
      }),
    ).rejects.toThrow(PlanEditInvalid);
    await expect(
      editLinkValues(t.db, anna, {
        planId: 'annan',
        linkId: row.id,
        changes: { baselineValue: 1 },
        expected: { baselineValue: 14.5 },
      }),
    ).rejects.toThrow(PlanEditNotFound);
    expect((await link('Andel till egenförsörjning')).target_value).toBeNull();
  });
});

describe('activities and comments', () => {
  test('a status change clears the plan’s own status word and is audited', async () => {
    const row = await activity('FRAMTIDSJOBB');
    const r = await editActivity(t.db, anna, {
      planId: 'p',
      activityId: row.id,
      changes: { status: 'done' },
      expected: { status: 'in_progress' },
    });
    expect(r.current).toEqual({ status: 'done', statusText: null, comment: null });
    const history = await listPlanAudit(t.db, 'p', { goalKey: 'arbete', limit: 2 });
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
      ['status_text', 'Pågår', null],
      ['status', 'in_progress', 'done'],
    ]);
    await expect(
      editActivity(t.db, anna, {
        planId: 'p',
        activityId: row.id,
        changes: { status: 'not_started' },
        expected: { status: 'in_progress' },
      }),
    ).rejects.toThrow(/statusen \(nu "Klart"\)/);
  });

  test('a comment is written, changed and removed per follow-up date; stale and foreign dates refused', async () => {
    const write = (date: string, text: string, expected: string | null) =>
      editGoalComment(t.db, anna, { planId: 'p', goalKey: 'arbete', date, text, expected });
    expect((await write('2016-08-31', 'Halvvägs.', null)).changed).toBe(true);
    expect((await write('2016-08-31', ' Halvvägs. ', null)).changed).toBe(false);
    await expect(write('2016-08-31', 'Annat', null)).rejects.toThrow(PlanEditConflict);
    await expect(write('2016-05-01', 'Fel dag', null)).rejects.toThrow(
      /inte ett av planens uppföljningsdatum/,
    );
    expect((await write('2016-08-31', '', 'Halvvägs.')).current).toEqual({ text: null });
    const history = await listPlanAudit(t.db, 'p', { limit: 2 });
    expect(history.map((h) => [h.entityKey, h.oldValue, h.newValue])).toEqual([
      ['2016-08-31', 'Halvvägs.', null],
      ['2016-08-31', null, 'Halvvägs.'],
    ]);
  });
});

describe("the history's scope", () => {
  test('names only plans and goals the plan holds', async () => {
    expect(await planExists(t.db, 'p')).toBe(true);
    expect(await planExists(t.db, 'finns-inte')).toBe(false);
    expect(await goalExists(t.db, 'p', 'arbete')).toBe(true);
    expect(await goalExists(t.db, 'p', 'finns-inte')).toBe(false);
    // A goal key is the plan's own: the same key asked of another plan is not found.
    expect(await goalExists(t.db, 'finns-inte', 'arbete')).toBe(false);
  });
});

describe('re-applying the plan file', () => {
  test('keeps dashboard edits the file did not change, and audits what the file did change', async () => {
    await editGoalComment(t.db, anna, {
      planId: 'p',
      goalKey: 'arbete',
      date: '2016-04-30',
      text: 'Ny kommentar från webben.',
      expected: 'Samtliga aktiviteter pågår.',
    });
    const activityId = (await activity('FRAMTIDSJOBB')).id;
    // The same file again: every dashboard edit stays.
    const same = await applyPlan(t.db, planFile());
    expect(same.fileChanges).toBe(0);
    expect(same.keptEdits).toBeGreaterThanOrEqual(4);
    expect((await link('Antal inskrivna deltagare AME')).target_value).toBe(280);
    expect(await activity('FRAMTIDSJOBB')).toMatchObject({
      id: activityId,
      status: 'done',
      status_text: null,
    });
    const comment = await t.db.selectFrom('plan.goal_comments').select('text').executeTakeFirstOrThrow();
    expect(comment.text).toBe('Ny kommentar från webben.');

    // A file that changed the target itself wins, and the overwrite is in the history as "planfil".
    const changed = await applyPlan(t.db, planFile({ target: 290 }));
    expect(changed.fileChanges).toBe(1);
    expect((await link('Antal inskrivna deltagare AME')).target_value).toBe(290);
    const [last] = await listPlanAudit(t.db, 'p', { limit: 1 });
    expect(last).toMatchObject({
      actorName: 'planfil',
      actorUserId: null,
      field: 'target_value',
      oldValue: 280,
      newValue: 290,
    });
    // Still the same activity row: audit rows and links to it stay valid.
    expect((await activity('FRAMTIDSJOBB')).id).toBe(activityId);
  });
});
