import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { sharedAbsentNote, sharedFile } from '@malkoll/testing';
import { peerGroupForArea } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestSource } from './ingest/ingest-source.ts';
import type { RunSummary } from './ingest/run-summary.ts';
import { detectSample } from './steward/sample.ts';
import { applySourceDefinition, stageFileInInbox } from './steward/steward.ts';

/*
 * The five real exports in ../shared/fixtures/real-csv (SCB, Socialstyrelsen, Kolada, SKR), each as a
 * steward adds it with no options: detect proposes a definition, apply stores it, a run loads the file
 * into a real Postgres. The values are the ones the folder's README gives, read back from the warehouse.
 */

const REAL = 'fixtures/real-csv';
const present = sharedFile(`${REAL}/README.md`) !== null;

let t: TestDatabase;
let inbox: string;
const runs = new Map<string, RunSummary>();

/** detect → apply → run, as `sources detect`, `sources apply` and `sources run --file --wait` do. */
async function addAndRun(fileName: string): Promise<RunSummary> {
  const file = sharedFile(`${REAL}/${fileName}`) as string;
  const { detection } = await detectSample(t.db, await readFile(file), { fileName }, null);
  const definition = parseSourceDefinition(detection.definition);
  await applySourceDefinition(t.db, definition);
  const staged = await stageFileInInbox(t.db, inbox, definition.id, file);
  const summary = await ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
    { sourceId: definition.id, trigger: 'manual', file: staged },
  );
  runs.set(fileName, summary);
  return summary;
}

interface FactQuery {
  source: string;
  /** Every one of these appears in the indicator's title (case-insensitive). */
  titleHas: string[];
  area: { code: string } | { name: string };
  period: string;
  breakdown?: string;
}

/** The one stored value for the query (null for a missing cell); throws unless exactly one fact matches. */
async function factValue(q: FactQuery): Promise<number | null> {
  const areaFilter = 'code' in q.area ? sql`a.code = ${q.area.code}` : sql`a.name = ${q.area.name}`;
  const titleFilter = sql.join(
    q.titleHas.map((part) => sql`i.title ilike ${`%${part}%`}`),
    sql` and `,
  );
  const { rows } = await sql<{ value: string | null; title: string }>`
    select f.value, i.title
    from fact.indicator_values f
    join dim.indicators i on i.id = f.indicator_id
    join dim.areas a on a.id = f.area_id
    join dim.periods p on p.id = f.period_id
    where f.source_id = ${q.source} and ${areaFilter} and ${titleFilter}
      and p.label = ${q.period} and f.breakdown = ${q.breakdown ?? 'T'}`.execute(t.db);
  if (rows.length !== 1) {
    throw new Error(`${JSON.stringify(q)}: ${rows.length} facts (${rows.map((r) => r.title).join(' | ')})`);
  }
  const [row] = rows;
  return row?.value === null || row?.value === undefined ? null : Number(row.value);
}

async function indicatorsOf(source: string): Promise<string[]> {
  const { rows } = await sql<{ title: string }>`
    select distinct i.title from fact.indicator_values f join dim.indicators i on i.id = f.indicator_id
    where f.source_id = ${source} order by i.title`.execute(t.db);
  return rows.map((r) => r.title);
}

const sourceOf = (fileName: string) => runs.get(fileName)?.source_id ?? '';

beforeAll(async () => {
  if (!present) return;
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-real-exports-'));
});
afterAll(async () => {
  if (!present) return;
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

describe.skipIf(!present)(
  `real exports load with zero configuration ${present ? '' : sharedAbsentNote}`,
  () => {
    test('SCB levande födda (title rows, code + name cells, wide years)', async () => {
      const f = 'scb-levande-fodda-kommun.csv';
      const summary = await addAndRun(f);
      expect(summary).toMatchObject({ status: 'succeeded', rows_read: 290, rows_rejected: 0 });
      const value = (code: string, period: string) =>
        factValue({ source: sourceOf(f), titleHas: ['levande födda'], area: { code }, period });
      expect(await value('0586', '2016')).toBe(286);
      expect(await value('2029', '2015')).toBe(148);
      expect(await value('2081', '2014')).toBe(667);
      expect(await value('1480', '2017')).toBe(7481);
    });

    test('SCB energy use (two label columns besides the region: twelve series, never one)', async () => {
      const f = 'scb-energi-slutanvandning-kommun.csv';
      const summary = await addAndRun(f);
      expect(summary.status).toBe('succeeded');
      expect(summary.rows_rejected).toBe(0);
      const source = sourceOf(f);
      expect(await indicatorsOf(source)).toHaveLength(12);
      const value = (titleHas: string[], code: string, period: string) =>
        factValue({ source, titleHas, area: { code }, period });
      expect(await value(['småhus', 'träbränsle'], '0586', '2008')).toBe(44524);
      expect(await value(['småhus', 'eldningsolja 1'], '0000', '1990')).toBe(11122932);
      expect(await value(['flerbostadshus', 'eldningsolja>1'], '2081', '2001')).toBe(12625);
      expect(await value(['småhus', 'diesel'], '1917', '2007')).toBeNull();
      expect(await value(['småhus', 'träbränsle'], '0331', '2008')).toBe(50411);
    });

    test('Socialstyrelsen (soft-hyphen suppression, län by name, a footer line)', async () => {
      const f = 'sos-dodsorsak-prostatacancer.csv';
      const summary = await addAndRun(f);
      expect(summary).toMatchObject({ status: 'succeeded', rows_rejected: 0 });
      const source = sourceOf(f);
      const value = (column: string, code: string, period: string) =>
        factValue({ source, titleHas: [column], area: { code }, period });
      expect(await value('Totalt', '0000', '2018')).toBe(105.1);
      expect(await value('85+', '0000', '2018')).toBe(1044.59);
      expect(await value('45', '0001', '2018')).toBeNull();
      expect(await value('50', '0020', '2018')).toBe(10.31);
      expect(await value('85+', '0023', '1997')).toBe(1243.89);
      const orgUnits = await t.db
        .selectFrom('dim.areas')
        .select('code')
        .where('type', '=', 'org_unit')
        .execute();
      expect(orgUnits).toEqual([]);
    });

    test('Kolada (semicolons with decimal points, KPIs by title, an unweighted mean as an aggregate)', async () => {
      const f = 'kolada-bakgrund-2008-2012.csv';
      const summary = await addAndRun(f);
      expect(summary).toMatchObject({ status: 'succeeded', rows_rejected: 0 });
      const source = sourceOf(f);
      const value = (kpi: string, area: { code: string } | { name: string }, period: string) =>
        factValue({ source, titleHas: [kpi], area, period });
      expect(await value('Arbetslöshet', { code: '0586' }, '2012')).toBe(7.849101);
      expect(await value('Mediannettoinkomst', { code: '0586' }, '2010')).toBe(185999);
      expect(await value('Arbetslöshet', { code: '2081' }, '2011')).toBe(6.626285);
      expect(await value('Arbetslöshet', { code: '2029' }, '2012')).toBe(5.304085);
      const mean = { name: 'Alla kommuner (ovägt medel)' };
      expect(await value('Arbetslöshet', mean, '2010')).toBe(8.01738872);
      const aggregate = await t.db
        .selectFrom('dim.areas')
        .select('type')
        .where('name', '=', mean.name)
        .executeTakeFirstOrThrow();
      expect(aggregate.type).toBe('aggregate');
    });

    test('SKR kommungruppsindelning (a classification: groups, never numbers)', async () => {
      const f = 'skl-kommungruppsindelning-2017.csv';
      const summary = await addAndRun(f);
      expect(summary).toMatchObject({ status: 'succeeded', rows_read: 290, rows_rejected: 0 });
      const source = sourceOf(f);
      // No facts at all: "B4" is a group code, not the number 4.
      const facts = await t.db
        .selectFrom('fact.indicator_values')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('source_id', '=', source)
        .executeTakeFirstOrThrow();
      expect(Number(facts.n)).toBe(0);
      const group = async (code: string) => {
        const g = await peerGroupForArea(t.db, code, 'skr-kommungrupper-2017');
        return g && [g.code, g.title];
      };
      expect(await group('0586')).toEqual(['B4', 'Pendlingskommun nära större stad']);
      expect(await group('2029')).toEqual(['C9', 'Landsbygdskommun med besöksnäring']);
      expect((await group('0180'))?.[0]).toBe('A1');
    });

    test('every run accounts for every row: read = loaded + skipped + rejected', () => {
      expect(runs.size).toBe(5);
      for (const [file, s] of runs) {
        expect([file, s.rows_read]).toEqual([file, s.rows_loaded + s.rows_skipped + s.rows_rejected]);
      }
    });
  },
);
