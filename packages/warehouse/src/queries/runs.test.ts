// Run lookups against a real, migrated Postgres.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { createRun, findRunIdOfJob } from './runs.ts';
import { upsertSource } from './sources.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  for (const id of ['a', 'b']) {
    await upsertSource(t.db, { id, title: id, kind: 'csv', definition: {}, schedule: null });
  }
});
afterAll(() => t.drop());

test("a job's run is found by job id and source only, the newest when the job id came back", async () => {
  expect(await findRunIdOfJob(t.db, '7', 'a')).toBeUndefined();
  const first = await createRun(t.db, { sourceId: 'a', trigger: 'manual', jobId: '7' });
  // BullMQ reuses job ids after Redis lost its data: another source's run with the same id is not ours.
  await createRun(t.db, { sourceId: 'b', trigger: 'manual', jobId: '7' });
  await createRun(t.db, { sourceId: 'a', trigger: 'manual', jobId: '8' });
  expect(await findRunIdOfJob(t.db, '7', 'a')).toBe(first);
  const again = await createRun(t.db, { sourceId: 'a', trigger: 'manual', jobId: '7' });
  expect(await findRunIdOfJob(t.db, '7', 'a')).toBe(again);
});
