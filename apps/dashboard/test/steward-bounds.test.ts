import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER } from '../src/server/auth.ts';
import type { PreviewResponse } from '../src/shared/steward-api.ts';

// The steward's source actions at their limits, against a real Postgres and a real inbox folder: a
// source is saved only when its inbox can be made (and a save whose sample cannot be staged is taken
// back), a sample file with a million columns is refused at once, and a pattern that backtracks is
// refused before it runs on the sample.

const ORIGIN = 'http://localhost';
const headers = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };
const sample = new TextEncoder().encode('Kommun;År;Värde\n0586;2015;1\n0586;2016;2\n');
let t: TestDatabase;
let inbox: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-bounds-inbox-'));
  app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'off' }, inboxRoot: inbox });
});
afterAll(async () => {
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

const definition = (id: string, inboxPath = `${id}/*.csv`, extra: object = {}) => ({
  id,
  title: `Källa ${id}`,
  owner: { name: 'KLK' },
  kind: 'csv',
  location: { inbox: inboxPath, move_processed: true },
  indicators: [{ key: 'prov.varde', title: 'Värde', unit: 'st' }],
  mapping: {
    layout: 'long',
    indicator: { value: 'prov.varde' },
    area: { column: 'Kommun' },
    period: { column: 'År' },
    value: { column: 'Värde' },
    ...extra,
  },
});

function form(fields: Record<string, string | { name: string; bytes: Uint8Array }>): FormData {
  const f = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') f.append(key, value);
    else f.append(key, new File([value.bytes.slice()], value.name, { type: 'text/csv' }));
  }
  return f;
}

const post = (url: string, body: FormData | string) =>
  app.request(`${ORIGIN}${url}`, {
    method: 'POST',
    headers: { ...headers, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
    body,
  });

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe('a source is saved only when its inbox can be made', () => {
  test('an inbox folder blocked by a file: refused with 400 before anything is stored, with or without a sample', async () => {
    await writeFile(path.join(inbox, 'upptagen'), 'en fil där mappen skulle ligga');
    const blocked = definition('blockerad', 'upptagen/data/*.csv');
    const plain = await post('/api/sources', JSON.stringify({ definition: blocked }));
    expect(plain.status).toBe(400);
    const message = await errorOf(plain);
    expect(message).toMatch(/^Källan sparades inte: inkorgsmappen upptagen\/data går inte att skapa/);
    expect(message).not.toContain(inbox);
    const withSample = await post(
      '/api/sources',
      form({ definition: JSON.stringify(blocked), file: { name: 'prov.csv', bytes: sample } }),
    );
    expect(withSample.status).toBe(400);
    expect(await getSource(t.db, 'blockerad')).toBeUndefined();
  });

  test('a save whose sample cannot be staged is taken back: a new source is not kept', async () => {
    const res = await post(
      '/api/sources',
      form({
        definition: JSON.stringify(definition('reserverad')),
        file: { name: 'processing', bytes: sample },
      }),
    );
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(
      /^Källan sparades inte: provfilen kunde inte läggas i inkorgen: Filnamnet/,
    );
    expect(await getSource(t.db, 'reserverad')).toBeUndefined();
  });

  test('a replaced source whose new sample cannot be staged keeps its earlier definition', async () => {
    const first = await post('/api/sources', JSON.stringify({ definition: definition('ersatt') }));
    expect(first.status).toBe(201);
    const changed = { ...definition('ersatt'), title: 'Ny titel' };
    const res = await post(
      '/api/sources',
      form({ definition: JSON.stringify(changed), replace: '1', file: { name: 'failed', bytes: sample } }),
    );
    expect(res.status).toBe(400);
    expect((await getSource(t.db, 'ersatt'))?.title).toBe('Källa ersatt');
  });

  test('a good save makes the inbox folder, so the first delivery has somewhere to go', async () => {
    const res = await post(
      '/api/sources',
      JSON.stringify({ definition: definition('ny', 'ny/leveranser/*.csv') }),
    );
    expect(res.status).toBe(201);
    expect(await readdir(path.join(inbox, 'ny'))).toEqual(['leveranser']);
  });
});

describe('preview and detect are bounded like the worker', () => {
  // One header line and one data line of a million columns each, 14 MB: the preview used to throw
  // RangeError after six seconds (a 500); the worker refuses such a record as too long.
  const columns = 1_000_000;
  const wideFile = new TextEncoder().encode(
    `Kommun;${Array.from({ length: columns }, (_, i) => `k${i}`).join(';')}\n` +
      `0586;${'1;'.repeat(columns - 1)}1\n`,
  );
  const wide = {
    ...definition('bred'),
    mapping: {
      layout: 'wide',
      indicator: { value: 'prov.varde' },
      area: { column: 'Kommun' },
      wide: { columns: '^k', as: 'period' },
    },
  };

  test('preview: a Swedish 400', async () => {
    const res = await post(
      '/api/sources/preview',
      form({ definition: JSON.stringify(wide), file: { name: 'bred.csv', bytes: wideFile } }),
    );
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^Rad 1 .*(tecken|kolumner)/);
  });

  test('detect: the same Swedish 400', async () => {
    const res = await post('/api/sources/detect', form({ file: { name: 'bred.csv', bytes: wideFile } }));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^Rad 1 .*(tecken|kolumner)/);
  });

  test('a million one-character columns, within the record length, are refused as too many columns', async () => {
    const narrow = new TextEncoder().encode(`Kommun;${'k;'.repeat(columns)}\n0586;${'1;'.repeat(columns)}\n`);
    const res = await post(
      '/api/sources/preview',
      form({ definition: JSON.stringify(wide), file: { name: 'smal.csv', bytes: narrow } }),
    );
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^Rad 1 har fler än 10 000 kolumner/);
  });

  test('a pattern that backtracks is refused before it runs on the sample', async () => {
    const hostile = definition('fastnar', 'fastnar/*.csv', {
      skip_rows: [{ column: 'Kommun', matches: '^(\\d+)*$' }],
    });
    const cell = `${'1'.repeat(40)}x`;
    const res = await post(
      '/api/sources/preview',
      form({
        definition: JSON.stringify(hostile),
        file: { name: 'prov.csv', bytes: new TextEncoder().encode(`Kommun;År;Värde\n${cell};2015;1\n`) },
      }),
    );
    const body = (await res.json()) as PreviewResponse;
    expect(body.ok).toBe(false);
    if (body.ok) return;
    expect(body.problems).toEqual([
      { field: 'mapping.skip_rows[0].matches', message: expect.stringMatching(/^Uttrycket kan fastna/) },
    ]);
  });
});
