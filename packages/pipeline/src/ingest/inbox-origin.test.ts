import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { getRun, upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ingestSource } from './ingest-source.ts';

// An inbox root reached through a symlink (a mounted share, /var/inbox → /srv/inbox): the run's origin
// is still the file's name inside the inbox, for a single file and for a folder inbox alike.

let t: TestDatabase;
let base: string;
let linkedRoot: string;

beforeAll(async () => {
  t = await createTestDatabase();
  base = await mkdtemp(path.join(os.tmpdir(), 'malkoll-inbox-origin-'));
  await mkdir(path.join(base, 'real', 'leverans'), { recursive: true });
  linkedRoot = path.join(base, 'inbox');
  await symlink(path.join(base, 'real'), linkedRoot);
  await upsertIndicators(t.db, [
    { key: 'test.origin', title: 'Ursprung', unit: '', direction: 'higher', decimals: 0 },
  ]);
  const mapping = {
    layout: 'long',
    indicator: { value: 'test.origin' },
    area: { column: 'Kommun' },
    period: { column: 'År' },
    value: { column: 'Värde' },
  };
  for (const [id, location] of [
    ['enstaka', { inbox: 'enstaka.csv' }],
    ['mapp', { inbox: 'leverans/*.csv', move_processed: true }],
  ] as const) {
    const definition = parseSourceDefinition({
      id,
      title: id,
      owner: { name: 'Test' },
      kind: 'csv',
      location,
      mapping,
      load: { mode: 'upsert' },
    });
    await upsertSource(t.db, { id, title: id, kind: 'csv', definition, schedule: null });
  }
});
afterAll(async () => {
  await t.drop();
  await rm(base, { recursive: true, force: true });
});

const run = (sourceId: string) =>
  ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: linkedRoot, log: createLogger('test', 'silent') },
    { sourceId, trigger: 'manual' },
  );

test('origins are named inside the inbox when its root is a symlink', async () => {
  await writeFile(path.join(linkedRoot, 'enstaka.csv'), 'Kommun;År;Värde\n0586;2016;1\n');
  await writeFile(path.join(linkedRoot, 'leverans', 'januari.csv'), 'Kommun;År;Värde\n0586;2017;2\n');
  const single = await run('enstaka');
  const folder = await run('mapp');
  expect((await getRun(t.db, single.run_id))?.origin).toBe('enstaka.csv');
  expect((await getRun(t.db, folder.run_id))?.origin).toBe('leverans/januari.csv');
});
