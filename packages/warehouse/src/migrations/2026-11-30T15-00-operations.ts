import { type Kysely, sql } from 'kysely';

/**
 * Alerts for the nightly refresh: one row per source and night at most (the unique key is the
 * de-duplication, so any number of worker processes send one alert), with what was sent where.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create table ops.alerts (
  id bigserial primary key,
  source_id text not null references ops.sources (id),
  night date not null,
  kind text not null check (kind in ('failure', 'stale')),
  run_id bigint references ops.runs (id),
  message text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  channels text[] not null default '{}',
  delivery_error text,
  unique (source_id, night)
);
comment on table ops.alerts is 'Alerts sent about a source (a failed run, or data overdue): at most one per source and night.';
comment on column ops.alerts.night is 'The night (Europe/Stockholm) the alert belongs to: from 18:00 the evening before to 18:00 on this date.';
comment on column ops.alerts.channels is 'Where it was delivered: webhook, email.';
comment on column ops.alerts.delivery_error is 'Why a channel failed, when one did.';
`.execute(db);
}
