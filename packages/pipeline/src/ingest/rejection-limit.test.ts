import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { ensureIndicators, getRun, listRejectedRows, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestSource } from './ingest-source.ts';

let t: TestDatabase;
let inbox: string;

const definition = parseSourceDefinition({
  id: 'grans',
  title: 'Gräns',
  owner: { name: 'Test' },
  kind: 'csv',
  location: { inbox: 'grans.csv' },
  mapping: {
    layout: 'long',
    indicator: { value: 'test.grans' },
    area: { column: 'Kommun' },
    period: { column: 'År' },
    value: { column: 'Värde' },
  },
  validation: { max_rejected_share: 0.25 },
  load: { mode: 'upsert' },
});

const run = () =>
  ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
    { sourceId: 'grans', trigger: 'manual' },
  );
const values = async () =>
  (await t.db.selectFrom('fact.indicator_values').select(['value']).execute())
    .map((r) => Number(r.value))
    .sort();
const csv = (cells: string[]) =>
  `Kommun;År;Värde\n${cells.map((v, i) => `0586;${2010 + i};${v}`).join('\n')}\n`;

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-grans-'));
  await ensureIndicators(t.db, [
    { key: 'test.grans', title: 'Gräns', unit: '', direction: 'higher', decimals: 0 },
  ]);
  await upsertSource(t.db, { id: 'grans', title: 'Gräns', kind: 'csv', definition, schedule: null });
});
afterAll(async () => {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

describe('validation.max_rejected_share', () => {
  test('exactly at the limit (1 of 4 values rejected, 25 %) the good rows load and the rejection is stored', async () => {
    await writeFile(path.join(inbox, 'grans.csv'), csv(['1', '2', 'x', '4']));
    const summary = await run();
    expect(summary).toMatchObject({ status: 'succeeded', loaded: 3, rejected: 1 });
    expect(await values()).toEqual([1, 2, 4]);
    expect((await listRejectedRows(t.db, summary.run_id)).map((r) => [r.line, r.column_name])).toEqual([
      [4, 'Värde'],
    ]);
  });

  test('above the limit (2 of 4, 50 %) the run fails, commits nothing and keeps every reason', async () => {
    await writeFile(path.join(inbox, 'grans.csv'), csv(['10', 'x', 'y', '40']));
    const error = await run().catch((e: Error & { runId?: number }) => e);
    expect(error).toBeInstanceOf(Error);
    const runId = (error as { runId: number }).runId;
    expect((error as Error).message).toMatch(
      /För många avvisade värden: 50 % \(2 av 4\) är över gränsen 25 %/,
    );
    expect(await getRun(t.db, runId)).toMatchObject({ status: 'failed', inserted: 0, updated: 0 });
    // The earlier values stand: 10 and 40 were not written.
    expect(await values()).toEqual([1, 2, 4]);
    expect((await listRejectedRows(t.db, runId)).map((r) => [r.line, r.column_name, r.reason_sv])).toEqual([
      [3, 'Värde', 'Inte ett tal: "x" är inte ett tal'],
      [4, 'Värde', 'Inte ett tal: "y" är inte ett tal'],
    ]);
    const history = await t.db.selectFrom('fact.indicator_value_history').selectAll().execute();
    expect(history).toEqual([]);
  });
});
