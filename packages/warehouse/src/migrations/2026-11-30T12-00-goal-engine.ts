import { type Kysely, sql } from 'kysely';

/**
 * Goal engine, second step (docs/status-rules.md, "Forecast", "Snapshots", "Derived indicators"):
 *   - forecasts stored beside each status snapshot, never in its measured columns;
 *   - frozen follow-up snapshots, so the report for a follow-up date stays as it was decided while the
 *     snapshot for today keeps moving; a content hash so unchanged snapshots are not rewritten;
 *   - derived indicators: an indicator defined as a formula over others, its values computed in the
 *     transaction that changed an input.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table plan.plans add column created_at timestamptz not null default now();
comment on column plan.plans.created_at is 'When the plan was first applied. Follow-ups that had passed by then (an imported old report) are not frozen automatically.';

alter table ops.status_snapshots
  add column forecast_value numeric,
  add column forecast_reaches_target_on date,
  add column forecast_text text,
  add column frozen_at timestamptz,
  add column refrozen_count integer not null default 0,
  add column content_hash text;
comment on column ops.status_snapshots.forecast_value is 'Theil–Sen projection of the indicator to the target date: a forecast, not a measured value; null without at least 3 readings.';
comment on column ops.status_snapshots.forecast_reaches_target_on is 'Day the forecast line meets the target; null when it does not (or there is no target value).';
comment on column ops.status_snapshots.forecast_text is 'The forecast as one Swedish sentence, "Prognos (…)".';
comment on column ops.status_snapshots.frozen_at is 'Set when a follow-up snapshot is decided; a recompute leaves a frozen row alone unless asked to refreeze.';
comment on column ops.status_snapshots.content_hash is 'SHA-1 of what the snapshot says (status, numbers, sentences, inputs, forecast): a recompute rewrites only rows whose hash changed.';
comment on column ops.status_snapshots.refrozen_count is 'How many times a frozen snapshot was recomputed on purpose (status recompute --refreeze).';
create index status_snapshots_as_of on ops.status_snapshots (as_of);

create table dim.derived_indicators (
  indicator_id integer primary key references dim.indicators (id) on delete cascade,
  formula text not null check (formula in ('per_1000', 'share', 'sum_units', 'change')),
  input_a integer not null references dim.indicators (id),
  input_b integer references dim.indicators (id),
  check ((formula in ('per_1000', 'share')) = (input_b is not null)),
  check (input_a <> indicator_id and input_b is distinct from indicator_id)
);
comment on table dim.derived_indicators is 'Indicators computed from others: per_1000 = 1000·a/b, share = 100·a/b (%), sum_units = sum of a over an area''s org units, change = a minus a one year earlier. Values are written with the lineage of their newest input.';
create index derived_indicators_input_a on dim.derived_indicators (input_a);
create index derived_indicators_input_b on dim.derived_indicators (input_b);

create or replace view mart.goal_status as
select g.plan_id, g.key as goal_key, g.title as goal_title, i.key as indicator_key, a.code as area_code,
       s.as_of, gi.baseline_value, gi.target_type, gi.target_value, s.current_value, s.status,
       s.progress, s.expected_progress, s.explanation,
       s.forecast_value, s.forecast_reaches_target_on, s.frozen_at
from ops.status_snapshots s
join plan.goal_indicators gi on gi.id = s.goal_indicator_id
join plan.goals g on g.id = gi.goal_id
join dim.indicators i on i.id = gi.indicator_id
join dim.areas a on a.id = gi.area_id;
comment on view mart.goal_status is 'Status of every goal↔indicator link per as-of date, with the Swedish explanation and the forecast. Stable: columns are only ever added.';
`.execute(db);
}
