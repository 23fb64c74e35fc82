// A small plan for the plan-editing tests: one kommunmål with one nämndåtagande, its AME nyckeltal
// (at most 300 participants; 399 in April and 360 in August, so "Ej i fas"), an activity and a comment,
// with status computed by the worker's recompute.
import { type PlanDefinition, parsePlanDefinition } from '@malkoll/goals/plan-definition';
import { recomputeStatus } from '@malkoll/pipeline';
import {
  applyPlan,
  createRun,
  recordRunSucceeded,
  runIngestTransaction,
  type StagedFact,
  upsertSource,
} from '@malkoll/warehouse';
import type { TestDatabase } from '@malkoll/warehouse/testing';

export function planFile(target = 300): PlanDefinition {
  return parsePlanDefinition({
    id: 'ks',
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
        children: [
          {
            key: 'ame',
            kind: 'committee_goal',
            title: 'AME:s deltagare till arbete',
            indicators: [
              {
                indicator: 't.ame',
                label: 'Antal inskrivna deltagare AME',
                kind: 'level',
                baseline: { value: 312, date: '2016-01-01' },
                target: { type: 'at_most', value: target, date: '2016-12-31' },
              },
            ],
            activities: [{ title: 'FRAMTIDSJOBB', status: 'in_progress' }],
            comments: [{ date: '2016-04-30', text: 'Nya avtalet med Migrationsverket är 75.' }],
          },
        ],
      },
    ],
  });
}

export async function loadPlanFixture(t: TestDatabase): Promise<void> {
  await upsertSource(t.db, { id: 'src', title: 'Test', kind: 'csv', definition: {}, schedule: null });
  await applyPlan(t.db, planFile());
  const area = await t.db
    .selectFrom('dim.areas')
    .select('id')
    .where('code', '=', '0586')
    .executeTakeFirstOrThrow();
  const indicator = await t.db
    .selectFrom('dim.indicators')
    .select('id')
    .where('key', '=', 't.ame')
    .executeTakeFirstOrThrow();
  const facts: StagedFact[] = [
    [4, 399],
    [8, 360],
  ].map(([m = 0, value = 0]) => ({
    indicatorId: indicator.id,
    areaId: area.id,
    periodType: 'month',
    periodStart: `2016-0${m}-01`,
    periodEnd: new Date(Date.UTC(2016, m, 0)).toISOString().slice(0, 10),
    periodLabel: `månad ${m} 2016`,
    breakdown: 'T',
    value,
    valueNote: null,
  }));
  const runId = await createRun(t.db, { sourceId: 'src', trigger: 'manual' });
  await runIngestTransaction(
    t.pool,
    { runId, sourceId: 'src', origin: 'test.csv', mode: 'upsert' },
    (w) => w.writeFacts(facts),
    (client, c) =>
      recordRunSucceeded(client, runId, c, { rowsRead: 2, skipped: 0, rejected: 0, details: {} }),
  );
  await recomputeStatus(t.db, { planId: 'ks' });
}
