import type { KoladaSourceDefinition } from '@malkoll/sources';
import { KoladaClient, koladaIndicator, koladaYears, mapKoladaRow } from '@malkoll/sources';
import {
  type IngestWriter,
  lastSucceededRunStart,
  replacePeerGroups,
  type StagedFact,
  type StagedRejection,
  upsertConnectorIndicators,
  upsertOrgUnits,
} from '@malkoll/warehouse';
import { openTransport } from './transport.ts';
import {
  type ConnectorContext,
  isStaged,
  type Lookups,
  PermanentSourceError,
  type PreparedRun,
  stageFact,
} from './types.ts';

/** Status flags kept as examples in the run's details (all of them are counted). */
const maxFlagExamples = 50;

/** Peer groups from Kolada are stored as `kolada-<group id>` (e.g. kolada-G37442). */
export const koladaPeerGroupId = (groupId: string) => `kolada-${groupId}`;

function missingIds(asked: readonly string[], got: readonly string[]): string[] {
  const found = new Set(got);
  return [...new Set(asked)].filter((id) => !found.has(id));
}

/**
 * Prepares a Kolada run: checks every id against Kolada's metadata (an unknown id gives an empty list, so
 * it is an error here rather than a silent empty load), refreshes the indicators from KPI metadata, the
 * groups' members as peer groups, the organisational units as areas; then streams the data pages.
 */
export async function prepareKolada(
  ctx: ConnectorContext,
  def: KoladaSourceDefinition,
): Promise<PreparedRun> {
  const { transport, note } = await openTransport(ctx.settings, 'kolada', ctx.sourceId, ctx.log);
  const client = new KoladaClient(transport);
  const metadata = await checkKoladaIds(client, def);
  const keyByKpi = await upsertKoladaDimensions(ctx, def, metadata);
  const municipalityIds = [
    ...new Set([...def.municipalities, ...metadata.groups.flatMap((g) => g.members.map((m) => m.member_id))]),
  ];
  // Incremental refresh: a scheduled run after a successful one asks only for the latest years. Recorded
  // answers hold the full range, so they are always read whole.
  const previous = await lastSucceededRunStart(ctx.db, ctx.sourceId);
  const incremental =
    !transport.recorded && previous !== null && (ctx.trigger === 'schedule' || ctx.trigger === 'catch_up');
  const years = koladaYears(
    def.years,
    new Date().getFullYear(),
    incremental ? { recentYears: def.incremental.recent_years } : null,
  );
  const kpiIds = def.kpis.map((k) => k.id);

  return {
    origins: [transport.origin],
    note,
    async produce(writer, lookups) {
      const tally = newTally();
      const take = (page: KoladaPage, rows: KoladaRow[]) =>
        stageKoladaPage(writer, lookups, keyByKpi, tally, page, rows);
      if (municipalityIds.length > 0) {
        for await (const page of client.data(kpiIds, municipalityIds, years)) {
          await take(
            page,
            page.rows.map((r) => ({ ...r, unit: r.municipality })),
          );
        }
      }
      if (def.ous.length > 0) {
        for await (const page of client.ouData(kpiIds, def.ous, years)) {
          await take(
            page,
            page.rows.map((r) => ({ ...r, unit: r.ou })),
          );
        }
      }
      if (tally.values === 0 && !incremental) {
        throw new PermanentSourceError(
          `Kolada svarade med en tom lista på varje fråga om ${kpiIds.join(', ')} (${years[0]}–${years.at(-1)}): inga värden alls, så inget lästes in. Kontrollera id:na och åren i källans definition.`,
        );
      }
      return {
        rowsRead: tally.rowsRead,
        rowsLoaded: tally.rowsLoaded,
        // A row whose values were all deleted (or that had none) gives nothing and is skipped.
        skipped: tally.rowsRead - tally.rowsLoaded - tally.rowsRejected,
        rowsRejected: tally.rowsRejected,
        rejected: tally.rejected,
        details: {
          api: 'kolada',
          origin: transport.origin,
          recorded: transport.recorded,
          ...(note ? { note } : {}),
          requests: client.requests,
          pages: tally.pages,
          years,
          incremental,
          values: tally.values,
          deleted: tally.deleted,
          status_flags: tally.flags,
          status_flag_examples: tally.flagExamples,
          kpis_without_values: kpiIds.filter((k) => !tally.withValues.has(k)),
        },
      };
    },
  };
}

type KoladaMetadata = {
  kpis: Awaited<ReturnType<KoladaClient['kpis']>>;
  groups: Awaited<ReturnType<KoladaClient['groups']>>;
  ous: Awaited<ReturnType<KoladaClient['ous']>>;
};

/** Every id of the definition, checked against Kolada's metadata; an unknown one stops the run. */
async function checkKoladaIds(client: KoladaClient, def: KoladaSourceDefinition): Promise<KoladaMetadata> {
  const kpiIds = def.kpis.map((k) => k.id);
  const kpis = await client.kpis(kpiIds);
  const unknownKpis = missingIds(
    kpiIds,
    kpis.map((k) => k.id),
  );
  if (unknownKpis.length > 0) {
    throw new PermanentSourceError(
      unknownKpis.length === 1
        ? `Kolada har ingen KPI ${unknownKpis[0]} (/kpi svarar med en tom lista för det id:t); inget lästes in. Rätta KPI-id:t i källans definition (kpis)`
        : `Kolada har inga KPI:er ${unknownKpis.join(', ')} (/kpi svarar med en tom lista för de id:na); inget lästes in. Rätta KPI-id:na i källans definition (kpis)`,
    );
  }
  const groups = await client.groups(def.groups);
  const unknownGroups = missingIds(
    def.groups,
    groups.map((g) => g.id),
  );
  if (unknownGroups.length > 0) {
    throw new PermanentSourceError(
      `Kolada har ingen kommungrupp ${unknownGroups.join(', ')}; inget lästes in. Rätta gruppens id i källans definition (groups)`,
    );
  }
  if (def.municipalities.length > 0) {
    const municipalities = await client.municipalities(def.municipalities);
    const unknown = missingIds(
      def.municipalities,
      municipalities.map((m) => m.id),
    );
    if (unknown.length > 0) {
      throw new PermanentSourceError(
        `Kolada har ingen kommun med koden ${unknown.join(', ')}; inget lästes in. Rätta kommunkoden i källans definition (municipalities)`,
      );
    }
  }
  const ous = await client.ous(def.ous);
  const unknownOus = missingIds(
    def.ous,
    ous.map((o) => o.id),
  );
  if (unknownOus.length > 0) {
    throw new PermanentSourceError(
      `Kolada har ingen organisatorisk enhet ${unknownOus.join(', ')}; inget lästes in. Rätta enhetens id i källans definition (ous)`,
    );
  }
  return { kpis, groups, ous };
}

/**
 * Indicators from KPI metadata, organisational units as areas, the groups' members as peer groups:
 * idempotent upserts before any fact, which can only point at rows that exist. Returns KPI id → key.
 */
async function upsertKoladaDimensions(
  ctx: ConnectorContext,
  def: KoladaSourceDefinition,
  { kpis, groups, ous }: KoladaMetadata,
): Promise<Map<string, string>> {
  const overrides = new Map(def.kpis.map((k) => [k.id, k]));
  const indicators = kpis.map((k) => koladaIndicator(k, def.key_prefix, overrides.get(k.id)));
  await upsertConnectorIndicators(ctx.db, indicators);
  await upsertOrgUnits(
    ctx.db,
    ous.map((o) => ({ code: o.id, name: o.title, level: 'enhet' as const, parentCode: o.municipality })),
  );
  await replacePeerGroups(
    ctx.db,
    groups.map((g) => ({
      id: koladaPeerGroupId(g.id),
      title: g.title,
      source: 'kolada',
      memberCodes: g.members.map((m) => m.member_id),
    })),
  );
  return new Map(indicators.map((i) => [i.externalIds.kolada as string, i.key]));
}

interface KoladaPage {
  path: string;
  page: number;
}

interface KoladaRow {
  kpi: string;
  unit: string;
  period: number;
  values: Parameters<typeof mapKoladaRow>[0]['values'];
}

/** What a run counted over all pages, for its summary and details. */
interface KoladaTally {
  rowsRead: number;
  /** Rows that gave a fact, and rows that gave only rejections. */
  rowsLoaded: number;
  rowsRejected: number;
  values: number;
  pages: number;
  deleted: number;
  /** Running item number over all pages: the "line" of a rejected row. */
  item: number;
  flags: Record<string, number>;
  flagExamples: Record<string, unknown>[];
  rejected: number;
  withValues: Set<string>;
}

function newTally(): KoladaTally {
  return {
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    values: 0,
    pages: 0,
    deleted: 0,
    item: 0,
    flags: {},
    flagExamples: [],
    rejected: 0,
    withValues: new Set(),
  };
}

/** One page of Kolada rows into the run's COPY: facts, and a rejection with its item number for each problem. */
async function stageKoladaPage(
  writer: IngestWriter,
  lookups: Lookups,
  keyByKpi: ReadonlyMap<string, string>,
  tally: KoladaTally,
  page: KoladaPage,
  rows: readonly KoladaRow[],
): Promise<void> {
  tally.pages++;
  const facts: StagedFact[] = [];
  const rejections: StagedRejection[] = [];
  const origin = `${page.path} (sida ${page.page})`;
  for (const row of rows) {
    tally.rowsRead++;
    tally.item++;
    const line = tally.item;
    const factsBefore = facts.length;
    const rejectionsBefore = rejections.length;
    stageKoladaRow(row, line);
    if (facts.length > factsBefore) tally.rowsLoaded++;
    else if (rejections.length > rejectionsBefore) tally.rowsRejected++;
  }
  tally.rejected += rejections.length;
  await writer.writeFacts(facts);
  await writer.writeRejections(rejections);

  function stageKoladaRow(row: KoladaRow, line: number): void {
    const key = keyByKpi.get(row.kpi);
    const mapped = mapKoladaRow(row);
    tally.deleted += mapped.deleted;
    for (const p of mapped.problems) {
      rejections.push({
        origin,
        line,
        column: 'gender',
        raw: p.raw,
        reasonSv: p.reasonSv,
        reasonEn: p.reasonEn,
      });
    }
    if (key === undefined) {
      rejections.push({
        origin,
        line,
        column: 'kpi',
        raw: JSON.stringify(row),
        reasonSv: `Kolada svarade med KPI ${row.kpi}, som källan inte frågade efter`,
        reasonEn: `Kolada answered with KPI ${row.kpi}, which the source did not ask for`,
      });
      return;
    }
    for (const v of mapped.values) {
      tally.values++;
      const described = { kpi: v.kpi, area: v.unit, year: v.period.label, gender: v.breakdown };
      if (v.status !== '') {
        tally.flags[v.status] = (tally.flags[v.status] ?? 0) + 1;
        if (tally.flagExamples.length < maxFlagExamples)
          tally.flagExamples.push({ ...described, status: v.status });
      }
      const staged = stageFact(lookups, { ...v, indicatorKey: key, areaCode: v.unit });
      if (isStaged(staged)) {
        facts.push(staged);
        tally.withValues.add(row.kpi);
      } else {
        rejections.push({
          origin,
          line,
          column: staged.column,
          raw: JSON.stringify({ ...described, value: v.value }),
          reasonSv: staged.reasonSv,
          reasonEn: staged.reasonEn,
        });
      }
    }
  }
}
