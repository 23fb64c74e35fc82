import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parsePlanDefinition } from '@malkoll/goals/plan-definition';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { sharedAbsentNote, sharedFile } from '@malkoll/testing';
import {
  applyPlan,
  createRun,
  listGoalStatus,
  peerGroupForArea,
  recordRunSucceeded,
  runIngestTransaction,
  type StagedFact,
  upsertSource,
} from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recomputeStatus } from '../status/recompute.ts';
import { detectSample } from '../steward/sample.ts';
import { applySourceDefinition, stageFileInInbox } from '../steward/steward.ts';
import { ingestSource } from './ingest-source.ts';
import type { RunSummary } from './run-summary.ts';

/*
 * Classification files (SKR's kommungruppsindelning) through detect → apply → run into a real Postgres:
 * the file becomes a versioned peer-group set, never facts, and a plan compares a municipality with its
 * own group in the set.
 */

const skrFile = sharedFile('fixtures/real-csv/skl-kommungruppsindelning-2017.csv');

let t: TestDatabase;
let inbox: string;

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-classification-'));
});
afterAll(async () => {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

/** detect → apply → run, as `sources detect`, `sources apply` and `sources run --file --wait` do. */
async function addSource(file: string): Promise<string> {
  const fileName = path.basename(file);
  const { detection } = await detectSample(t.db, await readFile(file), { fileName }, null);
  expect(detection.layout).toBe('classification');
  const definition = parseSourceDefinition(detection.definition);
  await applySourceDefinition(t.db, definition);
  return definition.id;
}

async function run(sourceId: string, file: string): Promise<RunSummary> {
  const staged = await stageFileInInbox(t.db, inbox, sourceId, file);
  return ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
    { sourceId, trigger: 'manual', file: staged },
  );
}

async function storedFacts(sourceId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from fact.indicator_values where source_id = ${sourceId}`.execute(t.db);
  return rows[0]?.n ?? -1;
}

describe.skipIf(skrFile === null)(
  `SKR kommungruppsindelning 2017 ${skrFile === null ? sharedAbsentNote : ''}`,
  () => {
    let sourceId = '';
    let first: RunSummary;

    test('detect → apply → run loads the set: 0586 in B4, 2029 in C9, 0180 in A1, with their Swedish names', async () => {
      sourceId = await addSource(skrFile as string);
      first = await run(sourceId, skrFile as string);
      expect(first).toMatchObject({
        status: 'succeeded',
        warning: null,
        rows_read: 290,
        rows_loaded: 290,
        rows_skipped: 0,
        rows_rejected: 0,
        values_inserted: 290,
        values_updated: 0,
        values_unchanged: 0,
        peer_group_set: {
          key: 'skr-kommungrupper-2017',
          label: 'SKR:s kommungruppsindelning 2017',
          groups: 9,
        },
      });
      expect(await peerGroupForArea(t.db, '0586', 'skr-kommungrupper-2017')).toEqual({
        setKey: 'skr-kommungrupper-2017',
        groupId: 'skr-kommungrupper-2017:B4',
        code: 'B4',
        title: 'Pendlingskommun nära större stad',
        mainGroup: { code: 'B', title: 'Större städer och kommuner nära större stad' },
      });
      expect(await peerGroupForArea(t.db, '2029', 'skr-kommungrupper-2017')).toMatchObject({
        code: 'C9',
        title: 'Landsbygdskommun med besöksnäring',
      });
      expect(await peerGroupForArea(t.db, '0180', 'skr-kommungrupper-2017')).toMatchObject({
        code: 'A1',
        title: 'Storstäder',
      });
      const set = await t.db.selectFrom('dim.peer_group_sets').selectAll().executeTakeFirstOrThrow();
      expect(set).toMatchObject({
        key: 'skr-kommungrupper-2017',
        label: 'SKR:s kommungruppsindelning 2017',
        source: sourceId,
        valid_from: '2017-01-01',
      });
      const { rows } = await sql<{ level: string; n: number }>`
      select level, count(*)::int as n from dim.peer_groups where set_key = 'skr-kommungrupper-2017'
      group by level order by level`.execute(t.db);
      expect(rows).toEqual([
        { level: 'group', n: 9 },
        { level: 'main_group', n: 3 },
      ]);
    });

    test('no fact is stored from the file (no value 4 for Mjölby), and no indicator is created', async () => {
      expect(await storedFacts(sourceId)).toBe(0);
      const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from fact.indicator_values f join dim.areas a on a.id = f.area_id
      where a.code = '0586'`.execute(t.db);
      expect(rows[0]?.n).toBe(0);
      expect(await t.db.selectFrom('dim.indicators').select('key').execute()).toEqual([]);
    });

    test('running the same file again changes nothing', async () => {
      const before = await sql`select group_id, area_id from dim.peer_group_members order by 1, 2`.execute(
        t.db,
      );
      const again = await run(sourceId, skrFile as string);
      expect(again).toMatchObject({
        status: 'succeeded',
        rows_read: 290,
        rows_loaded: 290,
        values_inserted: 0,
        values_updated: 0,
        values_unchanged: 290,
        changed_indicator_ids: [],
      });
      const after = await sql`select group_id, area_id from dim.peer_group_members order by 1, 2`.execute(
        t.db,
      );
      expect(after.rows).toEqual(before.rows);
      expect(await storedFacts(sourceId)).toBe(0);
    });
  },
);

describe('a classification that is mostly rejections', () => {
  test('fails above the rejection limit and leaves the set as it was', async () => {
    const file = path.join(inbox, 'grupper-2023.csv');
    await writeFile(
      file,
      'Kommun;Grupp;Gruppnamn\nMjölby;X1;Ett\nYdre;X1;Ett\nLeksand;X2;Två\nVimmerby;X2;Två\n',
    );
    const sourceId = await addSource(file);
    expect(await run(sourceId, file)).toMatchObject({ status: 'succeeded', values_inserted: 4 });
    await writeFile(
      file,
      'Kommun;Grupp;Gruppnamn\nMjölby;X1;Ett\nAtlantis;X1;Ett\nLemuria;X2;Två\nThule;X2;Två\n',
    );
    await expect(run(sourceId, file)).rejects.toThrow(
      /För många avvisade rader: 75 %.*jämförelsegrupperna ändrades inte/,
    );
    const { rows } = await sql<{ code: string }>`
      select a.code from dim.peer_group_members m join dim.peer_groups g on g.id = m.group_id
      join dim.areas a on a.id = m.area_id where g.set_key = 'grupper-2023' order by a.code`.execute(t.db);
    expect(rows.map((r) => r.code)).toEqual(['0512', '0586', '0884', '2029']);
    const failed = await t.db
      .selectFrom('ops.runs')
      .select(['status', 'rows_read', 'rows_rejected'])
      .where('source_id', '=', sourceId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', rows_read: 4, rows_rejected: 3 });
  });
});

describe('a plan compared with its own group in a set', () => {
  // Another shape than SKR's file: names instead of codes, code and name only, a footnote.
  const classification = [
    'Kommun;Grupp;Gruppnamn',
    'Mjölby;B4;Pendlingskommun nära större stad',
    'Ydre;B4;Pendlingskommun nära större stad',
    'Kinda;B4;Pendlingskommun nära större stad',
    'Leksand;C9;Landsbygdskommun med besöksnäring',
    'Vimmerby;C9;Landsbygdskommun med besöksnäring',
    'Orsa;C9;Landsbygdskommun med besöksnäring',
    'Atlantis;C9;Landsbygdskommun med besöksnäring',
    'Källa: egen indelning',
  ].join('\r\n');
  // Mjölby 50; its group B4 has the median 44, every area together 70 (B4 alone decides the status).
  const values: Record<string, number> = {
    '0586': 50,
    '0512': 40,
    '0513': 44,
    '2029': 100,
    '0884': 120,
    '2034': 90,
  };

  async function ingestValues(indicatorId: number) {
    const areas = await t.db.selectFrom('dim.areas').select(['id', 'code']).execute();
    const facts: StagedFact[] = Object.entries(values).map(([code, value]) => ({
      indicatorId,
      areaId: areas.find((a) => a.code === code)?.id as number,
      periodType: 'year',
      periodStart: '2016-01-01',
      periodEnd: '2016-12-31',
      periodLabel: '2016',
      breakdown: 'T',
      value,
      valueNote: null,
    }));
    await upsertSource(t.db, { id: 'varden', title: 'Värden', kind: 'csv', definition: {}, schedule: null });
    const runId = await createRun(t.db, { sourceId: 'varden', trigger: 'manual' });
    await runIngestTransaction(
      t.pool,
      { runId, sourceId: 'varden', origin: 'varden.csv', mode: 'upsert' },
      (w) => w.writeFacts(facts),
      (client, c) =>
        recordRunSucceeded(client, runId, c, {
          rowsRead: facts.length,
          skipped: 0,
          rejected: 0,
          details: {},
        }),
    );
  }

  test('peer_group: <set key> compares Mjölby with the median of B4, not of every area', async () => {
    const file = path.join(inbox, 'jamforelsegrupper-2024.csv');
    await writeFile(file, classification);
    const sourceId = await addSource(file);
    const summary = await run(sourceId, file);
    expect(summary).toMatchObject({ rows_read: 8, rows_loaded: 6, rows_skipped: 1, rows_rejected: 1 });
    expect(summary.warning).toContain('1 avvisad rad');

    await applyPlan(
      t.db,
      parsePlanDefinition({
        id: 'vp-2016',
        name: 'Verksamhetsplan 2016',
        organisation: 'Mjölby kommun',
        area: '0586',
        start: '2016-01-01',
        end: '2016-12-31',
        follow_ups: ['2016-12-31'],
        indicators: [{ key: 'test.andel', title: 'Andel', unit: '%', direction: 'higher', decimals: 0 }],
        goals: [
          {
            key: 'likvardiga',
            kind: 'municipal_goal',
            title: 'Bättre än likvärdiga kommuner',
            indicators: [
              {
                indicator: 'test.andel',
                label: 'Andel',
                kind: 'level',
                baseline: { value: 45, date: '2016-01-01' },
                target: {
                  type: 'better_than_peers',
                  peer_group: 'jamforelsegrupper-2024',
                  date: '2016-12-31',
                },
              },
            ],
          },
        ],
      }),
    );
    const indicator = await t.db
      .selectFrom('dim.indicators')
      .select('id')
      .where('key', '=', 'test.andel')
      .executeTakeFirstOrThrow();
    await ingestValues(indicator.id);
    await recomputeStatus(t.db, { planId: 'vp-2016' }, { today: '2017-01-15' });
    const [row] = await listGoalStatus(t.db, 'vp-2016', '2016-12-31');
    expect(row).toMatchObject({ status: 'achieved', current_value: 50 });
    expect(row?.explanation).toContain('bättre än medianen för likvärdiga kommuner, 44');

    // Mjölby moves to C9 in a new delivery: the same plan is now compared with C9's median (90 of 50, 90, 100, 120 → 95).
    await writeFile(
      file,
      classification.replace(
        'Mjölby;B4;Pendlingskommun nära större stad',
        'Mjölby;C9;Landsbygdskommun med besöksnäring',
      ),
    );
    const moved = await run(sourceId, file);
    expect(moved).toMatchObject({ values_updated: 1, values_unchanged: 5, values_inserted: 0 });
    expect(moved.changed_indicator_ids).toEqual([indicator.id]);
    await recomputeStatus(t.db, { planId: 'vp-2016' }, { today: '2017-01-15' });
    const [after] = await listGoalStatus(t.db, 'vp-2016', '2016-12-31');
    expect(after?.status).toBe('off_track');
    expect(after?.explanation).toContain('sämre än medianen för likvärdiga kommuner, 95');
  });
});
