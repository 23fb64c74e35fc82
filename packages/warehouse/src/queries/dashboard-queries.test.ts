import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { loadDataVersion, loadFreshness, loadPeerBands } from './dashboard-pages.ts';
import { loadExplorerSeries } from './explorer.ts';
import { loadFactLineage, loadPlanFreshnessAt } from './lineage.ts';

// The dashboard's read queries on real migrations: peer bands, lineage with revisions, explorer rows,
// freshness and the data version that invalidates cached answers.
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`
    insert into ops.sources (id, title, kind, definition, definition_hash) values ('s', 'Källa', 'csv', '{}', 'h');
    insert into ops.runs (id, source_id, trigger, status, origin, started_at, finished_at, inserted, updated)
      values (1, 's', 'manual', 'succeeded', 'a.csv', '2026-03-01T01:00:00Z', '2026-03-01T01:13:00Z', 10, 0),
             (2, 's', 'schedule', 'succeeded', 'a.csv', '2026-03-02T01:00:00Z', '2026-03-02T01:13:00Z', 0, 1),
             (3, 's', 'schedule', 'succeeded', 'a.csv', '2026-11-30T01:00:00Z', '2026-11-30T01:13:00Z', 0, 0);
    select setval('ops.runs_id_seq', 3);
    insert into dim.indicators (id, key, title, unit, direction, decimals) values (1, 'k', 'Nyckeltal', '%', 'higher', 1);
    insert into dim.periods (id, type, start_date, end_date, label)
      values (1, 'year', '2014-01-01', '2014-12-31', '2014'), (2, 'year', '2015-01-01', '2015-12-31', '2015');
    insert into dim.peer_groups (id, title) values ('p', 'Liknande');
    insert into dim.peer_group_members (group_id, area_id)
      select 'p', id from dim.areas where code in ('0580', '0581', '0583', '0584');
    insert into fact.indicator_values (indicator_id, area_id, period_id, breakdown, value, source_id, run_id, origin, loaded_at)
      select 1, a.id, 2, 'T', v, 's', 1, 'a.csv', '2026-03-01T01:13:00Z'
      from (values ('0580', 10), ('0581', 20), ('0583', 30), ('0584', 40), ('0586', 25)) x(code, v)
      join dim.areas a on a.code = x.code;
    insert into fact.indicator_values (indicator_id, area_id, period_id, breakdown, value, source_id, run_id, origin, loaded_at)
      select 1, id, 2, 'K', 27, 's', 1, 'a.csv', '2026-03-01T01:13:00Z' from dim.areas where code = '0586';
    update fact.indicator_values set value = 26, run_id = 2, loaded_at = '2026-03-02T01:13:00Z'
      where area_id = (select id from dim.areas where code = '0586') and breakdown = 'T';
    insert into fact.indicator_value_history (indicator_id, area_id, period_id, breakdown, value, source_id, run_id, origin, loaded_at, replaced_at, replaced_by_run_id)
      select 1, id, 2, 'T', 25, 's', 1, 'a.csv', '2026-03-01T01:13:00Z', '2026-03-02T01:13:00Z', 2 from dim.areas where code = '0586';
    insert into plan.plans (id, name, organisation, area_id, start_date, end_date, follow_ups, definition)
      select 'plan', 'Plan', 'Org', id, '2015-01-01', '2015-12-31', '{2015-12-31}', '{}' from dim.areas where code = '0586';
    insert into plan.goals (id, plan_id, key, kind, title, position) values (1, 'plan', 'g', 'municipal_goal', 'Mål', 0);
    insert into plan.goal_indicators (id, goal_id, indicator_id, area_id, label, kind, baseline_date, target_type, target_date, peer_group_id, position)
      select 1, 1, 1, id, 'Nyckeltal', 'level', '2015-01-01', 'better_than_peers', '2015-12-31', 'p', 0 from dim.areas where code = '0586';
  `);
});

afterAll(async () => {
  await t?.drop();
});

describe('dashboard queries', () => {
  test('the peer band is the median, quartiles and range of the group, not of the municipality itself', async () => {
    const [band] = await loadPeerBands(t.db, [1], '2015-12-31');
    expect(band).toMatchObject({
      link_id: 1,
      end_date: '2015-12-31',
      median: 25,
      p25: 17.5,
      p75: 32.5,
      min: 10,
      max: 40,
      n: 4,
    });
    expect(await loadPeerBands(t.db, [1], '2015-06-30')).toEqual([]);
  });

  test('a revised value shows its run, origin and the version it replaced', async () => {
    const lineage = await loadFactLineage(t.db, {
      indicatorKey: 'k',
      areaCode: '0586',
      periodEnd: '2015-12-31',
      breakdown: 'T',
    });
    expect(lineage?.fact).toMatchObject({
      value: 26,
      run_id: 2,
      run_trigger: 'schedule',
      origin: 'a.csv',
      source_title: 'Källa',
    });
    expect(lineage?.history).toEqual([
      expect.objectContaining({ value: 25, run_id: 1, replaced_by_run_id: 2 }),
    ]);
    expect(
      await loadFactLineage(t.db, {
        indicatorKey: 'k',
        areaCode: '0586',
        periodEnd: '2014-12-31',
        breakdown: 'T',
      }),
    ).toBeNull();
  });

  test('the explorer returns every breakdown of the chosen areas only', async () => {
    const { indicator, rows } = await loadExplorerSeries(t.db, 'k', ['0586', '0580']);
    expect(indicator?.title).toBe('Nyckeltal');
    expect(rows.map((r) => `${r.area_code}:${r.breakdown}=${r.value}`)).toEqual([
      '0580:T=10',
      '0586:K=27',
      '0586:T=26',
    ]);
    expect((await loadExplorerSeries(t.db, 'finns-inte', ['0586'])).indicator).toBeNull();
  });

  test('freshness: the last run counts as an update, but only a run that changed values counts as new data', async () => {
    const f = await loadFreshness(t.db);
    expect(f.lastSuccessAt).toBe('2026-11-30T01:13:00.000Z');
    expect(f.lastChangeAt).toBe('2026-03-02T01:13:00.000Z');
    expect(f.latestPeriodEnd).toBe('2015-12-31');
  });

  test('the data version moves with a new run and with a new status computation', async () => {
    const before = await loadDataVersion(t.db);
    expect(await loadDataVersion(t.db)).toBe(before);
    await t.pool.query(
      `insert into ops.runs (source_id, trigger, status, finished_at) values ('s', 'manual', 'succeeded', now())`,
    );
    const afterRun = await loadDataVersion(t.db);
    expect(afterRun).not.toBe(before);
    await t.pool.query(`insert into ops.status_snapshots (goal_indicator_id, as_of, status, rule, explanation, explanation_en, inputs)
      values (1, '2015-12-31', 'no_data', 'r', 'f', 'e', '{}')`);
    expect(await loadDataVersion(t.db)).not.toBe(afterRun);
  });

  test("the plan's freshness at a follow-up counts its links with a value and their newest and oldest period", async () => {
    await t.pool.query(`
      insert into plan.goal_indicators (id, goal_id, indicator_id, area_id, breakdown, label, kind, baseline_date, target_type, target_date, position)
        select x, 1, 1, id, case x when 2 then 'K' else 'M' end, 'Nyckeltal ' || x, 'level', '2015-01-01', 'increase', '2015-12-31', x from dim.areas, generate_series(2, 3) x
        where code = '0586';
      insert into ops.status_snapshots (goal_indicator_id, as_of, status, rule, explanation, explanation_en, inputs, current_value)
        values (1, '2015-08-31', 'on_track', 'r', 'f', 'e', '{"current": {"value": 1, "periodEnd": "2014-12-31"}}', 1),
               (2, '2015-08-31', 'on_track', 'r', 'f', 'e', '{"current": {"value": 2, "periodEnd": "2015-06-30"}}', 2),
               (3, '2015-08-31', 'no_data', 'r', 'f', 'e', '{"current": null}', null),
               (2, '2015-04-30', 'on_track', 'r', 'f', 'e', '{"current": {"value": 2, "periodEnd": "2015-03-31"}}', 2);`);
    expect(await loadPlanFreshnessAt(t.db, 'plan', '2015-08-31')).toEqual({
      links: 3,
      withValue: 2,
      newest: '2015-06-30',
      oldest: '2014-12-31',
    });
    expect(await loadPlanFreshnessAt(t.db, 'plan', '2014-12-31')).toEqual({
      links: 0,
      withValue: 0,
      newest: null,
      oldest: null,
    });
  });
});
