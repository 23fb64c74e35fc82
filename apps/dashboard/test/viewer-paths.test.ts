import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applySourceDefinition, ingestSource } from '@malkoll/pipeline';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { addUser } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_PATH } from '../src/server/auth.ts';
import type { SourcesResponse } from '../src/shared/sources-api.ts';
import type { RunDetail } from '../src/shared/steward-api.ts';

// What the server's own folders look like is not the viewers' business: a failed run's error (an fs
// error carries the absolute path) and a value's lineage name a file relative to the inbox root, or
// by its name alone. Real runs through the pipeline, with the inbox root given through a symlink (as a
// service's configured path often is), so the origins the pipeline stores start with "../".

const ORIGIN = 'http://localhost';
let t: TestDatabase;
let base: string;
let realInbox: string;
let linkedInbox: string;
let app: ReturnType<typeof createApp>;
let viewer: string;
let failedRunId: number;
let loadedRunId: number;

const definition = (id: string, moveProcessed: boolean) =>
  parseSourceDefinition({
    id,
    title: `Källa ${id}`,
    owner: { name: 'KLK' },
    kind: 'csv',
    location: { inbox: `${id}/*.csv`, move_processed: moveProcessed },
    indicators: [{ key: 'prov.varde', title: 'Värde', unit: 'st' }],
    mapping: {
      layout: 'long',
      indicator: { value: 'prov.varde' },
      area: { column: 'Kommun' },
      period: { column: 'År' },
      value: { column: 'Värde' },
    },
  });

beforeAll(async () => {
  t = await createTestDatabase();
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'malkoll-paths-')));
  realInbox = path.join(base, 'hemlig-serverkatalog', 'inkorg');
  linkedInbox = path.join(base, 'inkorgen');
  await mkdir(realInbox, { recursive: true });
  await symlink(realInbox, linkedInbox);
  const csv = 'Kommun;År;Värde\n0586;2015;1\n9999;2015;2\n';
  // A folder inbox blocked by a file named like its own processing/ folder: the claim fails (EEXIST).
  await mkdir(path.join(realInbox, 'blockerad'));
  await writeFile(path.join(realInbox, 'blockerad', 'data.csv'), csv);
  await writeFile(path.join(realInbox, 'blockerad', 'processing'), 'en fil');
  await mkdir(path.join(realInbox, 'leverans'));
  await writeFile(path.join(realInbox, 'leverans', 'data.csv'), csv);

  const ctx = { db: t.db, pool: t.pool, inboxRoot: linkedInbox, log: createLogger('test', 'silent') };
  await applySourceDefinition(t.db, definition('blockerad', true));
  await applySourceDefinition(t.db, definition('leverans', false));
  await expect(ingestSource(ctx, { sourceId: 'blockerad', trigger: 'manual' })).rejects.toThrow(realInbox);
  loadedRunId = (await ingestSource(ctx, { sourceId: 'leverans', trigger: 'manual' })).run_id;
  const failed = await t.db
    .selectFrom('ops.runs')
    .select(['id', 'error'])
    .where('source_id', '=', 'blockerad');
  const row = await failed.executeTakeFirstOrThrow();
  failedRunId = Number(row.id);
  // The stored error carries the server's path (the log keeps it for the operator).
  expect(row.error).toContain(realInbox);

  app = createApp({
    db: t.db,
    clientDir: '/nonexistent',
    auth: { mode: 'public-read' },
    inboxRoot: linkedInbox,
  });
  const { password } = await addUser(t.db, 'vera', 'viewer');
  const res = await app.request(`${ORIGIN}${SESSION_PATH}`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'sec-fetch-site': 'same-origin',
      [CSRF_HEADER]: '1',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name: 'vera', password }),
  });
  viewer = `${SESSION_COOKIE}=${res.headers.get('set-cookie')?.match(/malkoll_session=([^;]+)/)?.[1]}`;
});
afterAll(async () => {
  await t?.drop();
  if (base) await rm(base, { recursive: true, force: true });
});

const get = (url: string, cookie?: string) =>
  app.request(`${ORIGIN}${url}`, cookie === undefined ? {} : { headers: { cookie } });

/** Nothing of the server's folders: neither path to the inbox, nor a "../" climbing out of it. */
function expectNoServerPath(text: string) {
  expect(text).not.toContain(base);
  expect(text).not.toContain('hemlig-serverkatalog');
  expect(text).not.toContain('../');
}

test("a failed run's error names the file relative to the inbox root", async () => {
  const detail = (await (await get(`/api/runs/${failedRunId}`, viewer)).json()) as RunDetail;
  expect(detail.status).toBe('failed');
  expect(detail.error).toMatch(/EEXIST/);
  expect(detail.error).toContain('blockerad/processing');
  expectNoServerPath(JSON.stringify(detail));

  const history = await (await get('/api/sources/blockerad/runs', viewer)).text();
  expect(history).toContain('blockerad/processing');
  expectNoServerPath(history);

  const sources = (await (await get('/api/sources', viewer)).json()) as SourcesResponse;
  const blocked = sources.sources.find((s) => s.id === 'blockerad');
  expect(blocked?.stateText).toContain('blockerad/processing');
  expectNoServerPath(JSON.stringify(sources));
});

test('an anonymous reader of a value sees the file it came from by its name in the inbox, nothing above it', async () => {
  const res = await get('/api/why/value?indicator=prov.varde&area=0586&period=2015-12-31');
  expect(res.status).toBe(200);
  const body = await res.text();
  expect(JSON.parse(body)).toMatchObject({
    origin: 'leverans/data.csv',
    run: { origin: 'leverans/data.csv' },
  });
  expectNoServerPath(body);
});

test("a run's detail and its rejected rows name the files the same way", async () => {
  const detail = (await (await get(`/api/runs/${loadedRunId}`, viewer)).json()) as RunDetail;
  expect(detail.files).toEqual(['leverans/data.csv']);
  const csv = await (await get(`/api/runs/${loadedRunId}/rejected.csv`, viewer)).text();
  expect(csv).toContain('leverans/data.csv');
  expectNoServerPath(csv);
});
