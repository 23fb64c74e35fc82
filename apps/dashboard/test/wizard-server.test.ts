import { addUser } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_PATH } from '../src/server/auth.ts';
import type { DetectResponse, PreviewResponse } from '../src/shared/steward-api.ts';

// What the add-source wizard's routes answer (issue 16, item 7), against a real Postgres: detect makes
// up no owner and leaves its CLI-worded notes to the form; the preview names indicators and areas and
// carries each indicator's decimals, and runs without an owner; a cron that cannot fire is refused at
// its field.

const ORIGIN = 'http://localhost';
const sameOrigin = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };
const SAMPLE = new TextEncoder().encode(
  'Kommun;År;Kön;Kostnad (tkr)\n0586;2023;Totalt;1198\n0586;2023;Kvinnor;1256,75\n0580;2023;Totalt;980,5\n',
);

let t: TestDatabase;
let app: ReturnType<typeof createApp>;
let cookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'required' } });
  const password = (await addUser(t.db, 'sara', 'steward')).password;
  const res = await app.request(`${ORIGIN}${SESSION_PATH}`, {
    method: 'POST',
    headers: { ...sameOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'sara', password }),
  });
  const match = res.headers.get('set-cookie')?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`));
  if (!match?.[1]) throw new Error(`no session cookie (status ${res.status})`);
  cookie = `${SESSION_COOKIE}=${match[1]}`;
});

afterAll(async () => {
  await t?.drop();
});

function withSample(fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new File([SAMPLE.slice()], 'kostnad.csv', { type: 'text/csv' }));
  return f;
}

const post = (url: string, body: FormData | string) =>
  app.request(`${ORIGIN}${url}`, {
    method: 'POST',
    headers: {
      ...sameOrigin,
      cookie,
      ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
    },
    body,
  });

let detected: DetectResponse;

test('detect proposes no made-up owner, and no note in CLI words about what the form asks', async () => {
  const res = await post('/api/sources/detect', withSample());
  expect(res.status).toBe(200);
  detected = (await res.json()) as DetectResponse;
  expect(detected.definition.owner).toEqual({});
  const notes = detected.notes.join('\n');
  expect(notes).not.toContain('sources apply');
  expect(notes).not.toContain('owner.name');
  expect(detected.definition.indicators).toEqual([
    expect.objectContaining({ title: 'Kostnad', unit: 'tkr', decimals: 2 }),
  ]);
});

test('the preview names indicators, areas, and writes values with the indicator decimals; no owner needed', async () => {
  const res = await post(
    '/api/sources/preview',
    withSample({ definition: JSON.stringify(detected.definition) }),
  );
  const answer = (await res.json()) as PreviewResponse;
  if (!answer.ok) throw new Error(JSON.stringify(answer.problems));
  expect(
    answer.preview.facts.map((f) => [f.indicatorTitle, f.areaName, f.breakdown, f.value, f.decimals]),
  ).toEqual([
    ['Kostnad', 'Mjölby', 'T', 1198, 2],
    ['Kostnad', 'Mjölby', 'K', 1256.75, 2],
    ['Kostnad', 'Linköping', 'T', 980.5, 2],
  ]);
});

test('a save with a cron that cannot fire is refused with the problem at schedule.cron', async () => {
  const definition = {
    ...detected.definition,
    owner: { name: 'Sara' },
    schedule: { cron: '61 25 * * *', timezone: 'Europe/Stockholm' },
  };
  const res = await post('/api/sources', JSON.stringify({ definition }));
  expect(res.status).toBe(400);
  const body = (await res.json()) as { problems: { field: string; message: string }[] };
  expect(body.problems).toEqual([
    {
      field: 'schedule.cron',
      message:
        'Cron-uttrycket "61 25 * * *" går inte att läsa: minut 0–59, timme 0–23, dag 1–31, månad 1–12, veckodag 0–7',
    },
  ]);
  expect(await t.db.selectFrom('ops.sources').select('id').execute()).toEqual([]);
});
