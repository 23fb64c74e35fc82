import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { indicatorKeyForLabel, parseSourceDefinition } from '@malkoll/sources';
import { getRun } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeKoladaFile } from '../../bench/kolada-file.ts';
import { detectSample } from '../steward/sample.ts';
import { applySourceDefinition, stageFileInInbox } from '../steward/steward.ts';
import { ingestSource } from './ingest-source.ts';

/*
 * A long file sorted by KPI, as Kolada exports are, whose later KPIs first appear after row 100 000:
 * detect → apply → run with no options loads every row into a real Postgres, and a later delivery with a
 * KPI nobody has seen creates it inside the run instead of rejecting it as "okänt nyckeltal".
 */

let t: TestDatabase;
let dir: string;
let inbox: string;

// 45 KPIs × 290 municipalities × 3 years × T/K/M = 117 450 rows; each KPI takes 2 610 of them, so
// the last six KPIs start after row 100 000.
const kpis = Array.from({ length: 45 }, (_, i) => `N${String(i).padStart(5, '0')}`);
const rows = 117_450;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'malkoll-open-ended-'));
  inbox = path.join(dir, 'inbox');
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

const run = (sourceId: string, file: string) =>
  ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
    { sourceId, trigger: 'manual', file },
  );

async function factsPerIndicator(sourceId: string) {
  const { rows: found } = await sql<{ key: string; n: string }>`
    select i.key, count(*) as n from fact.indicator_values f join dim.indicators i on i.id = f.indicator_id
    where f.source_id = ${sourceId} group by i.key order by i.key`.execute(t.db);
  return new Map(found.map((r) => [r.key, Number(r.n)]));
}

describe('open-ended labels through ingest', () => {
  test('a KPI-sorted file whose later KPIs start after row 100 000 loads completely with zero configuration', async () => {
    const file = path.join(dir, 'kolada-sorterad.csv');
    expect(await writeKoladaFile(file, { rows, indicators: kpis })).toBe(rows);
    const bytes = await readFile(file);
    const firstRowOfLast = bytes
      .toString('latin1')
      .split('\r\n')
      .findIndex((line) => line.includes(';N00044;'));
    expect(firstRowOfLast).toBeGreaterThan(100_000);

    const { detection } = await detectSample(t.db, bytes, { fileName: 'kolada-sorterad.csv' }, null);
    expect(detection.newIndicators).toHaveLength(45);
    const definition = parseSourceDefinition(detection.definition);
    await applySourceDefinition(t.db, definition);
    const staged = await stageFileInInbox(t.db, inbox, definition.id, file);
    const summary = await run(definition.id, staged);

    expect(summary).toMatchObject({ status: 'succeeded', warning: null, rows_read: rows, rows_rejected: 0 });
    expect(summary.values_rejected).toBe(0);
    expect(summary.values_inserted).toBe(summary.loaded);
    expect(summary.rows_loaded + summary.rows_skipped).toBe(rows);
    const perIndicator = await factsPerIndicator(definition.id);
    expect(perIndicator.size).toBe(45);
    const lastKey = indicatorKeyForLabel(definition.id, 'N00044');
    // 290 municipalities × 3 years × 3 breakdowns, every row of the last KPI.
    expect(perIndicator.get(lastKey)).toBe(2_610);
  });

  test('a later delivery with a KPI nobody has seen creates it in the run and loads its values', async () => {
    const sourceId = 'kolada-sorterad';
    const file = path.join(dir, 'kolada-ny.csv');
    await writeFile(
      file,
      'Kommun;Nyckeltal;År;Kön;Värde\r\n0586 Mjölby;N00001;2013;T;5,5\r\n0586 Mjölby;U99999;2013;T;7,25\r\n0884 Vimmerby;U99999;2013;T;8,5\r\n',
    );
    const staged = await stageFileInInbox(t.db, inbox, sourceId, file);
    const summary = await run(sourceId, staged);
    expect(summary).toMatchObject({
      status: 'succeeded',
      rows_read: 3,
      rows_rejected: 0,
      indicators_created: 1,
    });
    const stored = await getRun(t.db, summary.run_id);
    expect(stored?.details).toMatchObject({ indicators_created: 1 });
    const created = await t.db
      .selectFrom('dim.indicators')
      .select(['key', 'title', 'decimals'])
      .where('key', '=', indicatorKeyForLabel(sourceId, 'U99999'))
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ title: 'U99999', decimals: 1 });
    const perIndicator = await factsPerIndicator(sourceId);
    expect(perIndicator.get(created.key)).toBe(2);
    expect(perIndicator.size).toBe(46);
  });
});
