// Run accounting and warning alerts against a real, migrated Postgres.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as runAccounting from '../migrations/2026-12-01T09-00-run-accounting.ts';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { claimAlert, listAlerts } from './operations.ts';
import { createRun, getRun } from './runs.ts';
import { upsertSource } from './sources.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  for (const id of ['a', 'b']) {
    await upsertSource(t.db, { id, title: id, kind: 'csv', definition: {}, schedule: null });
  }
});
afterAll(() => t.drop());

describe('one alert per source and night, where a warning gives way to worse news', () => {
  const night = '2026-12-01';
  const claim = (kind: 'failure' | 'stale' | 'warning', message: string) =>
    claimAlert(t.db, { sourceId: 'a', night, kind, runId: null, message });

  test('a warning first, then a failure: both are sent, the row ends as the failure', async () => {
    expect(await claim('warning', 'lyckades med 3 avvisade rader')).toBeDefined();
    // A second warning the same night is not sent again.
    expect(await claim('warning', 'lyckades med 4 avvisade rader')).toBeUndefined();
    expect(await claim('failure', 'misslyckades')).toBeDefined();
    // Nothing replaces a failure: neither a second failure nor a warning.
    expect(await claim('failure', 'misslyckades igen')).toBeUndefined();
    expect(await claim('warning', 'lyckades med 1 avvisad rad')).toBeUndefined();
    const rows = await listAlerts(t.db, { sourceId: 'a', night });
    expect(rows.map((r) => [r.kind, r.message])).toEqual([['failure', 'misslyckades']]);
  });
});

test('runs recorded before the migration get row counts that balance, and a warning when they rejected', async () => {
  // Back to the schema before the migration, with one long-file run (a rejected value is a rejected
  // row) and one wide-file run (12 values, 2 rejected, from 5 rows) as they were stored then.
  await runAccounting.down(t.db);
  const long = await createRun(t.db, { sourceId: 'b', trigger: 'manual' });
  const wide = await createRun(t.db, { sourceId: 'b', trigger: 'manual' });
  const failed = await createRun(t.db, { sourceId: 'b', trigger: 'manual' });
  await sql`update ops.runs set status = 'succeeded', rows_read = 10, skipped = 2, rejected = 3, inserted = 5
    where id = ${long}`.execute(t.db);
  await sql`update ops.runs set status = 'succeeded', rows_read = 5, skipped = 1, rejected = 2, inserted = 12
    where id = ${wide}`.execute(t.db);
  await sql`update ops.runs set status = 'failed', error = 'trasig' where id = ${failed}`.execute(t.db);
  await runAccounting.up(t.db);

  expect(await getRun(t.db, long)).toMatchObject({
    rows_read: 10,
    rows_loaded: 5,
    skipped: 2,
    rows_rejected: 3,
  });
  expect((await getRun(t.db, long))?.warning).toMatch(/^Lyckades med 3 avvisade värden/);
  // Wide: at most 2 of the 4 data rows were rejected; the rest gave values.
  expect(await getRun(t.db, wide)).toMatchObject({
    rows_read: 5,
    rows_loaded: 2,
    skipped: 1,
    rows_rejected: 2,
  });
  expect(await getRun(t.db, failed)).toMatchObject({ rows_loaded: 0, rows_rejected: 0, warning: null });
  // The warning kind is allowed again after the round trip.
  expect(
    await claimAlert(t.db, {
      sourceId: 'b',
      night: '2026-12-02',
      kind: 'warning',
      runId: long,
      message: 'x',
    }),
  ).toBeDefined();
});
