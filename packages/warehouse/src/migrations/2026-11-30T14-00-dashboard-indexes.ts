import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the dashboard's reads (measured with `pnpm bench:dashboard`):
 * - the freshness line asks for the newest succeeded run, and the newest one that changed anything;
 * - "newest period with data" walks periods newest first and probes facts by period_id;
 * - the data version (loadDataVersion) reads the newest run, status computation and plan change.
 * Facts per indicator and area, snapshots per link and date, and peer members per group are already
 * served by primary keys.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
create index runs_succeeded_finished on ops.runs (finished_at desc) where status = 'succeeded';
create index indicator_values_period on fact.indicator_values (period_id) where value is not null;
create index periods_end_date on dim.periods (end_date desc);
create index status_snapshots_computed on ops.status_snapshots (computed_at desc);
`.execute(db);
}
