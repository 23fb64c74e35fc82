import type { TestDatabase } from './testing.ts';

// The dashboard benchmark's warehouse (`pnpm bench:dashboard`): 290 municipalities × 500 indicators ×
// `years` years of facts generated in the server (generate_series), K/M breakdowns for 20 indicators, a
// peer group, and a plan of 9 kommunmål × 3 nämndåtaganden × 3 nyckeltal with status snapshots. Bulk SQL
// on purpose: the query modules insert what a run or a plan brings, not millions of synthetic rows.

export interface DashboardBenchmarkShape {
  firstYear: number;
  years: number;
  planId: string;
  /** The plan's municipality code. */
  home: string;
  /** Municipality codes of the peer group. */
  peers: string[];
}

export async function seedDashboardBenchmark(
  t: TestDatabase,
  shape: DashboardBenchmarkShape,
  timed: (label: string, run: () => Promise<unknown>) => Promise<void>,
): Promise<void> {
  const { firstYear: FIRST_YEAR, planId: PLAN, home: HOME, peers } = shape;
  const LAST_YEAR = FIRST_YEAR + shape.years - 1;
  // The benchmark's own constants only, inlined as SQL literals (no user input reaches these statements).
  function literal(v: unknown): string {
    if (typeof v === 'number') return String(v);
    if (Array.isArray(v)) return `array[${v.map(literal).join(',')}]`;
    return `'${String(v).replace(/'/g, "''")}'`;
  }
  const sql = (parts: TemplateStringsArray, ...values: unknown[]) => ({
    execute: async (_db: unknown) => {
      await t.pool.query(
        parts.reduce((acc, part, i) => acc + part + (i < values.length ? literal(values[i]) : ''), ''),
      );
    },
  });
  const db = t.db;
  await timed('indicators and periods', async () => {
    await sql`insert into dim.indicators (key, title, unit, direction, decimals)
      select 'bench.i' || lpad(g::text, 4, '0'), 'Nyckeltal ' || g, case when g % 3 = 0 then '%' else 'st' end,
        case when g % 4 = 0 then 'lower' else 'higher' end, case when g % 3 = 0 then 1 else 0 end
      from generate_series(1, 500) g`.execute(db);
    await sql`insert into dim.periods (type, start_date, end_date, label)
      select 'year', make_date(y, 1, 1), make_date(y, 12, 31), y::text
      from generate_series(${FIRST_YEAR}::int, ${LAST_YEAR}::int) y`.execute(db);
    await sql`insert into ops.sources (id, title, kind, definition, definition_hash)
      values ('bench', 'Benchmark', 'csv', '{}', 'x')`.execute(db);
    await sql`insert into ops.runs (source_id, trigger, status, started_at, finished_at, inserted)
      values ('bench', 'manual', 'succeeded', now() - interval '1 minute', now(), 2900000)`.execute(db);
  });
  await timed('2.9 M facts (generate_series)', async () => {
    // One session: foreign-key triggers off for the bulk insert (the generated keys are valid by
    // construction), more memory for the index builds, then statistics for the planner.
    await sql`set maintenance_work_mem = '256MB';
      set session_replication_role = replica;
      insert into fact.indicator_values (indicator_id, area_id, period_id, breakdown, value, source_id, run_id, loaded_at)
      select i.id, a.id, p.id, 'T',
        round((100 + (i.id % 50) * 10 + (a.id % 37) + (extract(year from p.end_date) - ${FIRST_YEAR}) * (1 + i.id % 5))::numeric, 1),
        'bench', 1, now()
      from dim.indicators i
      cross join dim.areas a
      cross join dim.periods p
      where a.type = 'municipality' and a.valid_to is null;
      insert into fact.indicator_values (indicator_id, area_id, period_id, breakdown, value, source_id, run_id, loaded_at)
      select f.indicator_id, f.area_id, f.period_id, b.breakdown, f.value + case b.breakdown when 'K' then 3 else -3 end, 'bench', 1, now()
      from fact.indicator_values f cross join (values ('K'), ('M')) b(breakdown)
      where f.indicator_id <= 20;
      set session_replication_role = origin;
      analyze;`.execute(db);
  });
  await timed('plan, peer group, status snapshots', async () => {
    await sql`insert into dim.peer_groups (id, title) values ('bench-peers', 'Liknande kommuner (bench)')`.execute(
      db,
    );
    await sql`insert into dim.peer_group_members (group_id, area_id)
      select 'bench-peers', id from dim.areas where code = any(${peers}::text[])`.execute(db);
    await sql`insert into plan.plans (id, name, organisation, area_id, start_date, end_date, follow_ups, definition)
      select ${PLAN}, 'Benchmarkplan', 'Benchmark', id, make_date(${LAST_YEAR}::int, 1, 1), make_date(${LAST_YEAR}::int, 12, 31),
        array[make_date(${LAST_YEAR}::int, 4, 30), make_date(${LAST_YEAR}::int, 8, 31), make_date(${LAST_YEAR}::int, 12, 31)], '{}'
      from dim.areas where code = ${HOME}`.execute(db);
    await sql`insert into plan.goals (plan_id, key, parent_id, kind, title, responsible, position)
      select ${PLAN}, 'km-' || g, null, 'municipal_goal', 'Kommunmål ' || g, null, g from generate_series(1, 9) g`.execute(
      db,
    );
    await sql`insert into plan.goals (plan_id, key, parent_id, kind, title, responsible, position)
      select ${PLAN}, 'km-' || g || '-n' || c, (select id from plan.goals where key = 'km-' || g), 'committee_goal',
        'Nämndåtagande ' || g || '.' || c, 'Nämnd ' || c, c
      from generate_series(1, 9) g cross join generate_series(1, 3) c`.execute(db);
    await sql`insert into plan.goal_indicators (goal_id, indicator_id, area_id, breakdown, label, kind, baseline_value, baseline_date,
        target_type, target_value, target_date, peer_group_id, milestones, position)
      select g.id, i.id, a.id, 'T', i.title, 'level', 100, make_date(${LAST_YEAR}::int, 1, 1), 'at_least', 900,
        make_date(${LAST_YEAR}::int, 12, 31), 'bench-peers', '[]', n
      from plan.goals g
      cross join generate_series(1, 3) n
      join dim.indicators i on i.id = ((g.id * 3 + n) % 500) + 1
      join dim.areas a on a.code = ${HOME}
      where g.kind = 'committee_goal'`.execute(db);
    await sql`insert into plan.activities (goal_id, title, status, position)
      select g.id, 'Aktivitet ' || n, 'in_progress', n from plan.goals g cross join generate_series(1, 4) n
      where g.kind = 'committee_goal'`.execute(db);
    await sql`insert into plan.goal_comments (goal_id, follow_up_date, text)
      select g.id, d, 'Kommentar för ' || d from plan.goals g cross join unnest((select follow_ups from plan.plans where id = ${PLAN})) d`.execute(
      db,
    );
    await sql`insert into ops.status_snapshots (goal_indicator_id, as_of, status, current_value, rule, explanation, explanation_en, inputs)
      select gi.id, d, (array['achieved','on_track','at_risk','off_track','no_data'])[1 + (gi.id + extract(month from d)::int) % 5],
        500, 'at_least', 'Benchmarkstatus.', 'Benchmark status.', '{}'
      from plan.goal_indicators gi cross join unnest((select follow_ups from plan.plans where id = ${PLAN})) d`.execute(
      db,
    );
    await sql`analyze`.execute(db);
  });
}
