import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { testQueuePrefix } from '@malkoll/testing';
import { addUser, getSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_PATH } from '../src/server/auth.ts';
import type {
  DetectResponse,
  PreviewResponse,
  RunDetail,
  RunStartedResponse,
  SaveSourceResponse,
} from '../src/shared/steward-api.ts';
import { type RunningWorker, startWorkerWithQueues } from './worker-with-queues.ts';

// The steward's source actions against a real Postgres, real queues in Redis (random prefix) and a real
// worker that finishes the runs: detect, preview, save, run now, uploads and their refusals, run detail.

const prefix = testQueuePrefix();
const ORIGIN = 'http://localhost';
const sameOrigin = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };
const sampleName = 'unknown-period-area.csv';
const fixture = path.join(import.meta.dirname, '../../../packages/sources/fixtures', sampleName);

let t: TestDatabase;
let worker: RunningWorker | undefined;
let inbox: string;
let outside: string;
let app: ReturnType<typeof createApp>;
let steward: string;
let viewer: string;
let sample: Buffer;

async function signIn(name: string, password: string): Promise<string> {
  const res = await app.request(`${ORIGIN}${SESSION_PATH}`, {
    method: 'POST',
    headers: { ...sameOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const match = res.headers.get('set-cookie')?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`));
  if (!match?.[1]) throw new Error(`no session cookie (status ${res.status})`);
  return `${SESSION_COOKIE}=${match[1]}`;
}

function form(fields: Record<string, string | { name: string; bytes: Uint8Array }>): FormData {
  const f = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') f.append(key, value);
    else f.append(key, new File([value.bytes.slice()], value.name, { type: 'text/csv' }));
  }
  return f;
}

const post = (url: string, body: FormData | string, cookie = steward) =>
  app.request(`${ORIGIN}${url}`, {
    method: 'POST',
    headers: {
      ...sameOrigin,
      cookie,
      ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
    },
    body,
  });

const get = (url: string, cookie = steward) => app.request(`${ORIGIN}${url}`, { headers: { cookie } });

async function waitForRun(id: number): Promise<RunDetail> {
  for (let i = 0; i < 150; i++) {
    const detail = (await (await get(`/api/runs/${id}`)).json()) as RunDetail;
    if (detail.status === 'succeeded' || detail.status === 'failed') return detail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not finish`);
}

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-steward-inbox-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'malkoll-steward-outside-'));
  sample = await readFile(fixture);
  worker = await startWorkerWithQueues({ databaseUrl: t.url, queuePrefix: prefix, inboxRoot: inbox });
  app = createApp({
    db: t.db,
    clientDir: '/nonexistent',
    queues: worker.queues,
    auth: { mode: 'required' },
    inboxRoot: inbox,
    uploadMaxBytes: 64 * 1024,
  });
  steward = await signIn('anna', (await addUser(t.db, 'anna', 'steward')).password);
  viewer = await signIn('vera', (await addUser(t.db, 'vera', 'viewer')).password);
});

afterAll(async () => {
  await worker?.close();
  await t?.drop();
  for (const dir of [inbox, outside]) if (dir) await rm(dir, { recursive: true, force: true });
});

let detected: DetectResponse;

test('detect: the settings, the proposed definition, column roles and a preview with every rejection', async () => {
  const res = await post('/api/sources/detect', form({ file: { name: sampleName, bytes: sample } }));
  expect(res.status).toBe(200);
  detected = (await res.json()) as DetectResponse;
  expect(detected.settings).toMatchObject({ encoding: 'utf-8', delimiter: ';', decimal: ',', headerLine: 1 });
  expect(detected.definition).toMatchObject({ id: 'unknown-period-area', kind: 'csv' });
  expect(detected.columns.map((c) => [c.name, c.role])).toEqual([
    ['Kommun', 'area'],
    ['År', 'period'],
    ['Värde', 'value'],
  ]);
  expect(detected.preview.counts).toEqual({ rowsRead: 4, facts: 1, skipped: 0, rejected: 3 });
  expect(detected.preview.facts[0]).toMatchObject({ line: 2, areaCode: '0586', period: '2015', value: 1 });
  expect(detected.preview.rejections.map((r) => [r.line, r.column])).toEqual([
    [3, 'Kommun'],
    [4, 'År'],
    [5, 'Kommun'],
  ]);
  expect(detected.preview.rejections[0]?.reason).toMatch(/^Okänt område "9999"/);
});

test('preview: a broken definition lists each problem in Swedish with its field; a good one previews', async () => {
  const broken = {
    ...detected.definition,
    id: 'Fel id',
    schedule: { cron: 'varje natt' },
    mapping: { ...(detected.definition.mapping as object), value: {} },
  };
  const res = await post(
    '/api/sources/preview',
    form({ file: { name: sampleName, bytes: sample }, definition: JSON.stringify(broken) }),
  );
  const body = (await res.json()) as PreviewResponse;
  expect(body.ok).toBe(false);
  if (body.ok) return;
  expect(body.problems).toEqual(
    expect.arrayContaining([
      { field: 'id', message: expect.stringMatching(/^Använd små bokstäver/) },
      { field: 'schedule.cron', message: 'Ett cron-uttryck har 5 eller 6 fält, det här har 2' },
      { field: 'mapping.value.column', message: 'Saknas' },
    ]),
  );
  const notJson = (await (
    await post('/api/sources/preview', form({ file: { name: sampleName, bytes: sample }, definition: '{' }))
  ).json()) as PreviewResponse;
  expect(notJson).toEqual({
    ok: false,
    problems: [{ field: '(hela definitionen)', message: 'Definitionen är inte giltig JSON' }],
  });

  // The steward maps the bad period row's area to a known one: the preview follows the edit.
  const edited = {
    ...detected.definition,
    mapping: {
      ...(detected.definition.mapping as object),
      area: { column: 'Kommun', map: { '9999': '0580' } },
    },
  };
  const good = (await (
    await post(
      '/api/sources/preview',
      form({ file: { name: sampleName, bytes: sample }, definition: JSON.stringify(edited) }),
    )
  ).json()) as PreviewResponse;
  expect(good.ok && good.preview.counts).toEqual({ rowsRead: 4, facts: 2, skipped: 0, rejected: 2 });
});

const definitionFor = (id: string, extra: Record<string, unknown> = {}) => ({
  ...detected.definition,
  ...extra,
  id,
  title: `Provkälla ${id}`,
  owner: { name: 'Anna Steward' },
  location: { inbox: `${id}/*.csv`, move_processed: true },
  schedule: { cron: '0 2 * * *', timezone: 'Europe/Stockholm' },
});

test('save with a schedule and the sample as first delivery, run now: 3 of 4 rows rejected fails the run, whose detail keeps its rows and reasons', async () => {
  const res = await post(
    '/api/sources',
    form({ definition: JSON.stringify(definitionFor('prov')), file: { name: sampleName, bytes: sample } }),
  );
  expect(res.status).toBe(201);
  expect((await res.json()) as SaveSourceResponse).toEqual({
    id: 'prov',
    outcome: 'created',
    stagedFile: `prov/${sampleName}`,
  });
  const stored = await t.db.selectFrom('ops.sources').selectAll().where('id', '=', 'prov').executeTakeFirst();
  expect(stored).toMatchObject({ schedule_cron: '0 2 * * *', schedule_tz: 'Europe/Stockholm' });
  expect(await readFile(path.join(inbox, 'prov', sampleName))).toEqual(sample);
  // The declared indicator exists before the first run, as `sources apply` makes it.
  expect(
    await t.db.selectFrom('dim.indicators').select('key').where('key', '=', 'unknown-period-area').execute(),
  ).toHaveLength(1);

  // Saving again under the same id is refused unless the steward asks to replace it.
  const again = await post('/api/sources', JSON.stringify({ definition: definitionFor('prov') }));
  expect(again.status).toBe(409);
  expect(((await again.json()) as { error: string }).error).toMatch(
    /^Det finns redan en källa med id "prov"/,
  );

  // An inbox path no file system can hold is refused before anything is stored (it used to save, then 500).
  const long = { ...definitionFor('lang'), location: { inbox: `${'a'.repeat(5000)}.csv` } };
  const refused = await post('/api/sources', JSON.stringify({ definition: long }));
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toMatch(
    /location\.inbox: .*at most 1024 characters/,
  );
  expect(await getSource(t.db, 'lang')).toBeUndefined();

  const run = await post('/api/sources/prov/runs', '{}');
  expect(run.status).toBe(202);
  const started = (await run.json()) as RunStartedResponse;
  expect(started.jobId).not.toBeNull();
  expect(started.runId).toEqual(expect.any(Number));
  const detail = await waitForRun(started.runId as number);
  // No max_rejected_share in the definition: the default limit (50 %) fails a run that rejects 75 %.
  expect(detail).toMatchObject({
    sourceId: 'prov',
    sourceTitle: 'Provkälla prov',
    trigger: 'manual',
    status: 'failed',
    counts: {
      read: 4,
      rowsLoaded: 1,
      skipped: 0,
      rowsRejected: 3,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 3,
    },
    warning: null,
  });
  expect(detail.error).toMatch(
    /^För många avvisade värden: 75 % \(3 av 4\) är över standardgränsen 50 % .*; inget lästes in\./,
  );
  expect(detail.origin).toContain(sampleName);
  expect(detail.durationMs).toBeGreaterThanOrEqual(0);
  expect(detail.rejectedRows.map((r) => [r.line, r.column, r.raw])).toEqual([
    [3, 'Kommun', '9999'],
    [4, 'År', 'år 2015'],
    [5, 'Kommun', ''],
  ]);

  const csv = await get(`/api/runs/${detail.id}/rejected.csv`);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toContain(`avvisade-rader-prov-korning-${detail.id}.csv`);
  const bytes = new Uint8Array(await csv.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
  expect(lines[0]).toBe('Rad;Kolumn;Orsak;Värde i filen;Fil');
  // Excel's quoting: the reason holds quotes, so the cell is quoted and its quotes doubled.
  expect(lines[1]).toBe(
    `3;Kommun;"Okänt område ""9999"": varken en känd kommunkod eller ett känt namn";9999;prov/${sampleName}`,
  );
  expect(lines.filter((l) => l !== '')).toHaveLength(4);

  expect((await get('/api/runs/999999')).status).toBe(404);
  expect((await get('/api/runs/abc/rejected.csv')).status).toBe(400);
});

describe('uploading a new file to a source', () => {
  beforeAll(async () => {
    // This source expects a lot of rejections: its own limit (80 %) replaces the default.
    const definition = definitionFor('upp', { validation: { max_rejected_share: 0.8 } });
    const res = await post('/api/sources', JSON.stringify({ definition }));
    expect(res.status).toBe(201);
  });

  const upload = (name: string, bytes: Uint8Array, extra: Record<string, string> = {}, cookie = steward) =>
    post('/api/sources/upp/files', form({ file: { name, bytes }, ...extra }), cookie);
  const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

  test('a CSV file lands in the source inbox folder and runs when asked', async () => {
    const res = await upload('leverans 2016.csv', sample, { run: '1' });
    expect(res.status).toBe(202);
    const body = (await res.json()) as RunStartedResponse;
    expect(body.stagedFile).toBe('upp/leverans 2016.csv');
    const detail = await waitForRun(body.runId as number);
    expect(detail).toMatchObject({
      status: 'succeeded',
      counts: { read: 4, rowsLoaded: 1, skipped: 0, rowsRejected: 3, inserted: 1, rejected: 3 },
      warning: 'Lyckades med 3 avvisade rader (75 % av värdena avvisades; över 80 % misslyckas körningen)',
    });
    // The folder inbox moved it to processed/ with the run id.
    expect(await readdir(path.join(inbox, 'upp', 'processed'))).toHaveLength(1);
  });

  test('too large: 413 with the limit in Swedish, nothing stored', async () => {
    const big = Buffer.alloc(70 * 1024, 'a;b\n');
    const res = await upload('stor.csv', big);
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatch(/^Filen är för stor: högst 0,1 MB/);
    expect(await readdir(path.join(inbox, 'upp'))).not.toContain('stor.csv');
  });

  test('an Excel workbook, a PDF or a file with NUL bytes is refused with what to do instead', async () => {
    const xlsx = await upload('budget.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]));
    expect(xlsx.status).toBe(415);
    expect(await errorOf(xlsx)).toMatch(/Excel-arbetsbok.*Spara som.*CSV/);
    const renamed = await upload(
      'budget.csv',
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    );
    expect(await errorOf(renamed)).toMatch(/äldre Excel-arbetsbok \(xls\)/);
    const pdf = await upload('rapport.csv', Buffer.from('%PDF-1.4\n%âãÏÓ\n'));
    expect(await errorOf(pdf)).toMatch(/PDF/);
    const nul = await upload('nul.csv', Buffer.from('Kommun;År;Värde\n0586;2015;1\u0000\n'));
    expect(nul.status).toBe(415);
    expect(await errorOf(nul)).toMatch(/NUL/);
    const stored = await readdir(path.join(inbox, 'upp'));
    for (const name of ['budget.xlsx', 'budget.csv', 'rapport.csv', 'nul.csv'])
      expect(stored).not.toContain(name);
  });

  test('a name with ../ or a path is reduced to its base name inside the inbox folder', async () => {
    const res = await upload('../../../utanfor.csv', sample);
    expect(res.status).toBe(201);
    expect(((await res.json()) as RunStartedResponse).stagedFile).toBe('upp/utanfor.csv');
    expect(await readdir(path.dirname(inbox))).not.toContain('utanfor.csv');
    const windows = await upload('C:\\Users\\anna\\..\\export.csv', sample);
    expect(((await windows.json()) as RunStartedResponse).stagedFile).toBe('upp/export.csv');
    const dots = await upload('..', sample);
    expect(dots.status).toBe(400);
    expect(await errorOf(dots)).toMatch(/^Filnamnet "\.\." går inte att använda/);
  });

  test('a name a folder inbox keeps for itself (processing, processed, failed) is refused', async () => {
    for (const name of ['processing', 'Processed', 'failed']) {
      const res = await upload(name, sample);
      expect(res.status, name).toBe(400);
      expect(await errorOf(res)).toMatch(/är reserverat för inkorgens egna mappar/);
    }
    // The folder inbox's own folders are still folders, ready for the next run.
    for (const dir of ['processing', 'processed']) {
      expect((await stat(path.join(inbox, 'upp', dir))).isDirectory()).toBe(true);
    }
  });

  test('never overwrites a different file of the same name; the same file again is harmless', async () => {
    expect((await upload('utanfor.csv', sample)).status).toBe(201);
    const other = await upload('utanfor.csv', Buffer.from('Kommun;År;Värde\n0586;2016;2\n'));
    expect(other.status).toBe(409);
    expect(await errorOf(other)).toMatch(/^Det finns redan en annan fil upp\/utanfor\.csv i inkorgen/);
    expect(await readFile(path.join(inbox, 'upp', 'utanfor.csv'))).toEqual(sample);
  });

  test('a symlink in the inbox pointing out of it is neither followed nor replaced', async () => {
    await writeFile(path.join(outside, 'hemlig.csv'), 'hemligt');
    await symlink(path.join(outside, 'hemlig.csv'), path.join(inbox, 'upp', 'lank.csv'));
    const res = await upload('lank.csv', sample);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatch(/ingen vanlig fil/);
    expect(await readFile(path.join(outside, 'hemlig.csv'), 'utf8')).toBe('hemligt');

    // A source whose inbox folder became a symlink out of the root after it was saved gets nothing
    // written through it, and no source is saved with such a folder.
    const saved = await post(
      '/api/sources',
      JSON.stringify({ definition: { ...definitionFor('ut'), location: { inbox: 'ut/*.csv' } } }),
    );
    expect(saved.status).toBe(201);
    await rm(path.join(inbox, 'ut'), { recursive: true });
    await symlink(outside, path.join(inbox, 'ut'));
    const linked = await post(
      '/api/sources',
      JSON.stringify({ definition: { ...definitionFor('lankad'), location: { inbox: 'ut/*.csv' } } }),
    );
    expect(linked.status).toBe(400);
    expect(await errorOf(linked)).toMatch(/^Källan sparades inte: inkorgsmappen ut pekar ut ur inkorgen/);
    expect(await getSource(t.db, 'lankad')).toBeUndefined();
    const out = await post('/api/sources/ut/files', form({ file: { name: 'ny.csv', bytes: sample } }));
    expect(out.status).toBe(400);
    expect(await errorOf(out)).toMatch(/pekar ut ur inkorgsroten/);
    expect(await readdir(outside)).toEqual(['hemlig.csv']);
  });

  test('an unknown source: 404', async () => {
    const res = await post('/api/sources/finns-inte/files', form({ file: { name: 'a.csv', bytes: sample } }));
    expect(res.status).toBe(404);
    expect((await post('/api/sources/finns-inte/runs', '{}')).status).toBe(404);
  });
});

test('a viewer is refused every steward action (403) and sees the run detail', async () => {
  const file = { name: sampleName, bytes: sample };
  for (const [url, body] of [
    ['/api/sources/detect', form({ file })],
    ['/api/sources/preview', form({ file, definition: '{}' })],
    ['/api/sources', JSON.stringify({ definition: definitionFor('vera') })],
    ['/api/sources/prov/runs', '{}'],
    ['/api/sources/prov/files', form({ file })],
  ] as const) {
    const res = await post(url, body, viewer);
    expect(res.status, url).toBe(403);
  }
  const run = await t.db
    .selectFrom('ops.runs')
    .select('id')
    .where('source_id', '=', 'prov')
    .executeTakeFirstOrThrow();
  expect((await get(`/api/runs/${run.id}`, viewer)).status).toBe(200);
  expect((await app.request(`/api/runs/${run.id}`)).status).toBe(401);
});

test('without queues, run now answers 503 in Swedish', async () => {
  const bare = createApp({ db: t.db, clientDir: '/nonexistent', inboxRoot: inbox });
  const res = await bare.request(`${ORIGIN}/api/sources/prov/runs`, {
    method: 'POST',
    headers: { ...sameOrigin, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(503);
  expect(((await res.json()) as { error: string }).error).toMatch(/^Körkön är inte tillgänglig/);
});
