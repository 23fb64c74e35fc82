import { type Kysely, sql } from 'kysely';

/**
 * What API connectors (Kolada, SCB) know about an indicator beyond its title and unit: Kolada's next
 * publication date, whether the KPI has values for organisational units, whether it is split by gender.
 * Kept as JSON because each API says different things; the keys are documented in docs/sources-kolada-scb.md.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against Kysely<any> by design.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
alter table dim.indicators add column source_metadata jsonb not null default '{}'::jsonb;
comment on column dim.indicators.source_metadata is 'Metadata from the API the indicator comes from, e.g. {"kolada": {"publication_date": "2027-02-24", "has_ou_data": false}}.';
alter table dim.peer_groups add column updated_at timestamptz not null default now();
comment on column dim.peer_groups.source is 'manual, or the connector that keeps the group (kolada).';
`.execute(db);
}
