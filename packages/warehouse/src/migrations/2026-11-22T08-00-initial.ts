import { type Kysely, sql } from 'kysely';

/**
 * The warehouse, first version. Schemas by role so `\dn` in psql reads like a map:
 *   dim   – dimensions (areas, indicators, periods, peer groups)
 *   fact  – measured values and their revision history
 *   plan  – plans, the goal tree, goal↔indicator links, activities, comments
 *   ops   – source definitions, runs, rejected rows, status snapshots
 *   mart  – stable read views for BI tools (documented in ARCHITECTURE.md)
 * Every table and column that is not self-evident carries a COMMENT, visible with `\d+`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create schema dim;
create schema fact;
create schema plan;
create schema if not exists ops; -- the migrator keeps its own table here
create schema mart;

create table dim.areas (
  id serial primary key,
  code text not null unique,
  name text not null,
  type text not null check (type in ('country', 'region', 'municipality', 'org_unit')),
  parent_id integer references dim.areas (id),
  org_level text check (org_level in ('namnd', 'forvaltning', 'enhet')),
  check ((type = 'org_unit') = (org_level is not null))
);
comment on table dim.areas is 'Riket, the 21 regions and 290 municipalities (Kolada/SCB 4-digit codes), and internal org units (nämnd/förvaltning/enhet).';
comment on column dim.areas.code is 'Kolada/SCB code: 0000 Riket, 00NN regions, NNNN municipalities; org units use their own codes.';
create index areas_lower_name on dim.areas (lower(name));

create table dim.indicators (
  id serial primary key,
  key text not null unique,
  title text not null,
  unit text not null default '',
  direction text not null check (direction in ('higher', 'lower')),
  decimals smallint not null default 0 check (decimals between 0 and 6),
  description text,
  external_ids jsonb not null default '{}'::jsonb,
  updated_at timestamptz not null default now()
);
comment on table dim.indicators is 'Nyckeltal: what is measured. direction says which way is better.';
comment on column dim.indicators.external_ids is 'Ids in other systems, e.g. {"kolada": "N01951"}.';

create table dim.periods (
  id serial primary key,
  type text not null check (type in ('year', 'half_year', 'tertial', 'quarter', 'month', 'day')),
  start_date date not null,
  end_date date not null,
  label text not null,
  unique (type, start_date),
  check (end_date >= start_date)
);
comment on table dim.periods is 'Calendar periods; label is Swedish ("april 2016", "T1 2016").';

create table dim.peer_groups (
  id text primary key,
  title text not null,
  source text not null default 'manual'
);
create table dim.peer_group_members (
  group_id text not null references dim.peer_groups (id) on delete cascade,
  area_id integer not null references dim.areas (id),
  primary key (group_id, area_id)
);
comment on table dim.peer_groups is 'Comparison groups such as Kolada''s "Liknande kommuner".';
comment on table dim.peer_group_members is 'Which areas belong to a peer group; peer medians are computed over them.';

create table ops.sources (
  id text primary key,
  title text not null,
  kind text not null,
  definition jsonb not null,
  definition_hash text not null,
  schedule_cron text,
  schedule_tz text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  removed_at timestamptz
);
comment on table ops.sources is 'Source definitions as applied (malkoll sources apply). Removed sources stay for their run history.';
comment on column ops.sources.definition is 'The validated definition (see packages/sources/src/definition.ts).';

create table ops.runs (
  id bigserial primary key,
  source_id text not null references ops.sources (id),
  trigger text not null check (trigger in ('schedule', 'manual', 'file', 'catch_up', 'demo')),
  status text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
  job_id text,
  origin text,
  queued_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  rows_read integer not null default 0,
  inserted integer not null default 0,
  updated integer not null default 0,
  unchanged integer not null default 0,
  skipped integer not null default 0,
  rejected integer not null default 0,
  error text,
  details jsonb not null default '{}'::jsonb
);
comment on table ops.runs is 'One row per ingest run: who/what/when, counts, error. The history of the pipeline.';
comment on column ops.runs.origin is 'The file(s) or API request the run read.';
comment on column ops.runs.details is 'Detected encoding, delimiter, header line, indicators touched.';
create index runs_source_finished on ops.runs (source_id, finished_at desc);

create table ops.rejected_rows (
  run_id bigint not null references ops.runs (id) on delete cascade,
  origin text,
  line integer not null,
  column_name text,
  raw text not null,
  reason_sv text not null,
  reason_en text not null
);
comment on table ops.rejected_rows is 'Rows a run refused, with the file line and the reason in Swedish and English.';
create index rejected_rows_run on ops.rejected_rows (run_id, line);

create table fact.indicator_values (
  indicator_id integer not null references dim.indicators (id),
  area_id integer not null references dim.areas (id),
  period_id integer not null references dim.periods (id),
  breakdown text not null default 'T',
  value numeric,
  value_note text check (value_note in ('missing', 'suppressed', 'no_new_data')),
  source_id text not null references ops.sources (id),
  run_id bigint not null references ops.runs (id),
  origin text,
  loaded_at timestamptz not null,
  primary key (indicator_id, area_id, period_id, breakdown),
  check (value is not null or value_note is not null)
);
comment on table fact.indicator_values is 'One current value per indicator, area, period and breakdown, with lineage.';
comment on column fact.indicator_values.breakdown is 'T = total, K = women, M = men; other breakdowns as declared by the source.';
comment on column fact.indicator_values.value_note is 'Why value is null: missing, suppressed (small groups) or no_new_data. Never stored as 0.';
create index indicator_values_area on fact.indicator_values (area_id, indicator_id);
create index indicator_values_run on fact.indicator_values (run_id);

create table fact.indicator_value_history (
  id bigserial primary key,
  indicator_id integer not null,
  area_id integer not null,
  period_id integer not null,
  breakdown text not null,
  value numeric,
  value_note text,
  source_id text not null,
  run_id bigint not null,
  origin text,
  loaded_at timestamptz not null,
  replaced_at timestamptz not null default now(),
  replaced_by_run_id bigint not null references ops.runs (id)
);
comment on table fact.indicator_value_history is 'Predecessors of revised values: the row as it was before replaced_by_run_id changed it.';
create index indicator_value_history_key on fact.indicator_value_history (indicator_id, area_id, period_id, breakdown);

create table plan.plans (
  id text primary key,
  name text not null,
  organisation text not null,
  area_id integer not null references dim.areas (id),
  start_date date not null,
  end_date date not null,
  follow_ups date[] not null default '{}',
  demo_note text,
  status_rule jsonb not null default '{}'::jsonb,
  definition jsonb not null,
  updated_at timestamptz not null default now()
);
comment on table plan.plans is 'Verksamhetsplaner: name, organisation, period and follow-up dates (uppföljningar).';

create table plan.goals (
  id serial primary key,
  plan_id text not null references plan.plans (id) on delete cascade,
  key text not null,
  parent_id integer references plan.goals (id) on delete cascade,
  kind text not null check (kind in ('vision', 'municipal_goal', 'committee_goal')),
  title text not null,
  responsible text,
  position integer not null,
  unique (plan_id, key)
);
comment on table plan.goals is 'The goal tree: vision → kommunmål (municipal_goal) → nämndåtagande (committee_goal).';

create table plan.goal_indicators (
  id serial primary key,
  goal_id integer not null references plan.goals (id) on delete cascade,
  indicator_id integer not null references dim.indicators (id),
  area_id integer not null references dim.areas (id),
  breakdown text not null default 'T',
  label text not null,
  kind text not null check (kind in ('level', 'ytd_sum')),
  baseline_value numeric,
  baseline_date date not null,
  baseline_text text,
  target_type text not null check (target_type in ('at_least', 'at_most', 'increase', 'decrease', 'range', 'better_than_peers', 'same_level')),
  target_value numeric,
  target_min numeric,
  target_max numeric,
  target_date date not null,
  target_text text,
  peer_group_id text,
  milestones jsonb not null default '[]'::jsonb,
  tolerance numeric,
  note text,
  position integer not null,
  unique (goal_id, indicator_id, area_id, breakdown)
);
comment on table plan.goal_indicators is 'Nyckeltal linked to a goal: baseline (ingångsvärde), target (önskat läge) and kind (level or year-to-date sum).';
create index goal_indicators_indicator on plan.goal_indicators (indicator_id);

create table plan.activities (
  id serial primary key,
  goal_id integer not null references plan.goals (id) on delete cascade,
  title text not null,
  desired_state text,
  status text not null check (status in ('not_started', 'in_progress', 'done')),
  status_text text,
  partners text,
  comment text,
  position integer not null
);
comment on table plan.activities is 'Aktiviteter: desired state (önskat läge), status (nuläge), partners (samverkan med), comment.';

create table plan.goal_comments (
  goal_id integer not null references plan.goals (id) on delete cascade,
  follow_up_date date not null,
  text text not null,
  updated_at timestamptz not null default now(),
  primary key (goal_id, follow_up_date)
);
comment on table plan.goal_comments is 'Sammanfattande kommentar per goal per follow-up date.';

create table ops.status_snapshots (
  goal_indicator_id integer not null references plan.goal_indicators (id) on delete cascade,
  as_of date not null,
  status text not null check (status in ('achieved', 'on_track', 'at_risk', 'off_track', 'no_data')),
  current_value numeric,
  current_period_end date,
  current_period_label text,
  expected_value numeric,
  progress numeric,
  expected_progress numeric,
  rule text not null,
  explanation text not null,
  explanation_en text not null,
  inputs jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (goal_indicator_id, as_of)
);
comment on table ops.status_snapshots is 'Goal status per linked indicator and as-of date (each follow-up date and today), with the inputs it was computed from.';
`.execute(db);

  await sql`
create view mart.indicator_values as
select i.key as indicator_key, i.title as indicator_title, i.unit,
       a.code as area_code, a.name as area_name,
       p.type as period_type, p.start_date as period_start, p.end_date as period_end, p.label as period_label,
       f.breakdown, f.value, f.value_note, f.source_id, f.run_id, f.loaded_at
from fact.indicator_values f
join dim.indicators i on i.id = f.indicator_id
join dim.areas a on a.id = f.area_id
join dim.periods p on p.id = f.period_id;
comment on view mart.indicator_values is 'One row per current fact with its lineage. Stable: columns are only ever added.';

create view mart.goal_status as
select g.plan_id, g.key as goal_key, g.title as goal_title, i.key as indicator_key, a.code as area_code,
       s.as_of, gi.baseline_value, gi.target_type, gi.target_value, s.current_value, s.status,
       s.progress, s.expected_progress, s.explanation
from ops.status_snapshots s
join plan.goal_indicators gi on gi.id = s.goal_indicator_id
join plan.goals g on g.id = gi.goal_id
join dim.indicators i on i.id = gi.indicator_id
join dim.areas a on a.id = gi.area_id;
comment on view mart.goal_status is 'Status of every goal↔indicator link per as-of date, with the Swedish explanation.';
`.execute(db);
}
