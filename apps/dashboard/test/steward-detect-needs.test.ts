import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER } from '../src/server/auth.ts';
import type { DetectFailure, DetectResponse } from '../src/shared/steward-api.ts';

// The wizard's detect for files that name no area or period, against a real Postgres: a file with no
// period answers 422 with a Swedish message and `needs: ['period']`, so the wizard asks for it; the
// `period` and `area` fields are what `sources detect --period/--area` take; the proposal names the
// publisher profile.

const ORIGIN = 'http://localhost';
const headers = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };
const fixtures = path.join(import.meta.dirname, '../../../packages/sources/fixtures');
let t: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestDatabase();
  app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'off' } });
});
afterAll(async () => {
  await t?.drop();
});

async function detect(file: string, fields: Record<string, string> = {}): Promise<Response> {
  const body = new FormData();
  const bytes = await readFile(path.join(fixtures, file));
  body.append('file', new File([bytes], file, { type: 'text/csv' }));
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return app.request(`${ORIGIN}/api/sources/detect`, { method: 'POST', headers, body });
}

describe('detect asks for what the file does not say', () => {
  test('no period: 422, a Swedish message naming the Period field, needs period', async () => {
    const res = await detect('no-period.csv');
    expect(res.status).toBe(422);
    const body = (await res.json()) as DetectFailure;
    expect(body.needs).toEqual(['period']);
    expect(body.error).toMatch(/^Hittar ingen period: .*\(i guiden: fältet Period\), t\.ex\. 2024/);
  });

  test('the period field: the proposal and its preview use it', async () => {
    const res = await detect('no-period.csv', { period: '2016K1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as DetectResponse;
    expect(body.definition.mapping).toMatchObject({ period: { value: '2016K1' } });
    expect(body.preview.facts.map((f) => [f.areaCode, f.period, f.value])).toEqual([
      ['0586', 'kv1 2016', 33081],
      ['0884', 'kv1 2016', 15469],
      ['2029', 'kv1 2016', 15992],
    ]);
    expect(body.profile).toEqual({
      name: 'Excel',
      why: 'semikolon som avgränsare, som svenska Excel sparar CSV',
    });
  });

  test('a national table is Riket unless the area field says otherwise; an unknown area needs area', async () => {
    const national = (await (await detect('national-table.csv')).json()) as DetectResponse;
    expect(national.constants).toContainEqual({
      dimension: 'area',
      value: '0000',
      why: 'ingen områdeskolumn: hela filen gäller Riket; ändra med --area',
    });
    expect(national.preview.facts[0]).toMatchObject({ areaCode: '0000', period: '2020', value: 10379295 });
    const mjolby = (await (await detect('national-table.csv', { area: 'Mjölby' })).json()) as DetectResponse;
    expect(mjolby.preview.facts[0]).toMatchObject({ areaCode: '0586' });
    const unknown = await detect('national-table.csv', { area: 'Atlantis' });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as DetectFailure).needs).toEqual(['area']);
  });
});
