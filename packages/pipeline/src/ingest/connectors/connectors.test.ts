import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition, type Recording, recordSourceResponses } from '@malkoll/sources';
import {
  type FixtureServer,
  firstOf,
  type Handler,
  koladaMetadataHandler,
  readFixture,
  startFixtureServer,
} from '@malkoll/sources/testing';
import { getRun, listPeerGroupMembers, listRejectedRows, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ingestSource } from '../ingest-source.ts';
import type { ConnectorSettings } from './transport.ts';

let t: TestDatabase;
let dir: string;
let kolada: FixtureServer;
let scb: FixtureServer;
/** What the Kolada data endpoint answers; each test sets its own. */
let koladaData: Handler = () => undefined;

const log = createLogger('test', 'silent');
const settings = (over: Partial<ConnectorSettings> = {}): ConnectorSettings => ({
  koladaBaseUrl: kolada.baseUrl,
  scbBaseUrl: scb.baseUrl,
  apiMode: 'live',
  recordedDir: path.join(dir, 'recorded'),
  http: { minIntervalMs: 0, backoffBaseMs: 1, maxAttempts: 2, timeoutMs: 2_000 },
  ...over,
});

async function addSource(input: Record<string, unknown>) {
  const definition = parseSourceDefinition({ title: 'Test', owner: { name: 'Test' }, ...input });
  await upsertSource(t.db, {
    id: definition.id,
    title: definition.title,
    kind: definition.kind,
    definition,
    schedule: null,
  });
}

const run = (
  sourceId: string,
  trigger: 'manual' | 'schedule' = 'manual',
  over: Partial<ConnectorSettings> = {},
) =>
  ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: path.join(dir, 'inbox'), log, connectors: settings(over) },
    { sourceId, trigger },
  );

async function failure(
  sourceId: string,
  over: Partial<ConnectorSettings> = {},
): Promise<Error & { runId?: number }> {
  try {
    await run(sourceId, 'manual', over);
  } catch (error) {
    return error as Error & { runId?: number };
  }
  throw new Error('the run did not fail');
}

interface MartRow {
  indicator_key: string;
  area_code: string;
  period_label: string;
  breakdown: string;
  value: number | null;
  value_note: string | null;
}

/** The facts a source loaded, as BI tools see them (mart.indicator_values). */
const facts = async (sourceId: string): Promise<MartRow[]> =>
  (
    await t.pool.query<MartRow>(
      `select indicator_key, area_code, period_label, breakdown, value::float8 as value, value_note
       from mart.indicator_values where source_id = $1
       order by indicator_key, area_code, period_label, breakdown`,
      [sourceId],
    )
  ).rows;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'malkoll-connectors-'));
  await mkdir(path.join(dir, 'inbox'), { recursive: true });
  await mkdir(path.join(dir, 'recorded'), { recursive: true });
  kolada = await startFixtureServer(
    '/v3',
    firstOf(
      // One made-up organisational unit (the recorded fixtures hold none).
      koladaMetadataHandler({
        ous: [{ id: 'V15E058600101', title: 'Exempelskolan (påhittad)', municipality: '0586' }],
      }),
      (req) => koladaData(req),
    ),
  );
  const config = readFixture<Record<string, unknown>>('scb/pxapi2-spec-example-config-response.json');
  scb = await startFixtureServer('/api/v2', (req) => {
    if (req.path === '/config') return { body: config };
    if (req.method === 'POST' && req.path.startsWith('/tables/TAB638/data')) {
      return { body: readFixture('scb/synthetic-v2-jsonstat2-TAB638.json') };
    }
    if (req.method === 'POST' && req.path.startsWith('/tables/TABX/data')) {
      return { body: readFixture('scb/synthetic-v2-jsonstat2-suppressed-cells.json') };
    }
    return undefined;
  });
});
afterAll(async () => {
  await kolada.close();
  await scb.close();
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  kolada.requests.length = 0;
});

const page1 = readFixture('kolada/synthetic-v3-data-page1.json');
const page2 = readFixture('kolada/synthetic-v3-data-page2.json');
const twoPages: Handler = (req) => {
  if (!req.path.startsWith('/data/')) return undefined;
  return { body: req.path.includes('page=2') ? page2 : page1 };
};

describe('a Kolada source', () => {
  test('loads every page, maps genders and missing values, and fills indicators and peer groups', async () => {
    koladaData = twoPages;
    await addSource({
      id: 'kolada-test',
      kind: 'kolada',
      kpis: ['N01951', 'N00670'],
      municipalities: ['0586', '2029'],
      groups: ['G37442'],
      years: { from: 2023, to: 2024 },
    });
    const summary = await run('kolada-test');
    expect(summary).toMatchObject({ status: 'succeeded', inserted: 10, rejected: 0, rows_read: 4 });
    expect(summary.files).toEqual([kolada.baseUrl]);
    const rows = await facts('kolada-test');
    expect(
      rows.map((r) => [r.indicator_key, r.area_code, r.period_label, r.breakdown, r.value, r.value_note]),
    ).toEqual([
      ['kolada.n00670', '2029', '2023', 'T', null, 'missing'],
      ['kolada.n00670', '2029', '2024', 'K', 61, null],
      ['kolada.n00670', '2029', '2024', 'M', 58, null],
      ['kolada.n00670', '2029', '2024', 'T', 59.5, null],
      ['kolada.n01951', '0586', '2023', 'K', 16000, null],
      ['kolada.n01951', '0586', '2023', 'M', 16500, null],
      ['kolada.n01951', '0586', '2023', 'T', 32500, null],
      ['kolada.n01951', '0586', '2024', 'K', 16100, null],
      ['kolada.n01951', '0586', '2024', 'M', 16600, null],
      ['kolada.n01951', '0586', '2024', 'T', 32700, null],
    ]);
    const indicator = await t.db
      .selectFrom('dim.indicators')
      .selectAll()
      .where('key', '=', 'kolada.n01951')
      .executeTakeFirstOrThrow();
    expect(indicator).toMatchObject({
      title: 'Invånare totalt, antal',
      unit: 'antal',
      external_ids: { kolada: 'N01951' },
      source_metadata: { kolada: { publication_date: '2027-02-24', has_ou_data: false } },
    });
    expect(await listPeerGroupMembers(t.db, 'kolada-G37442')).toEqual([
      '0781',
      '0840',
      '1264',
      '1421',
      '1471',
      '2061',
      '2321',
    ]);
    const r = await getRun(t.db, summary.run_id);
    expect(r?.details).toMatchObject({
      pages: 2,
      status_flags: { Missing: 1 },
      recorded: false,
      years: [2023, 2024],
    });
    // The peers' values were asked for too: one data request for the municipalities and the group's members.
    const data = kolada.requests.filter((q) => q.path.startsWith('/data/'));
    expect(data[0]?.path).toBe(
      '/data/kpi/N01951,N00670/municipality/0586,2029,0781,0840,1264,1421,1471,2061,2321/year/2023,2024?per_page=5000',
    );
  });

  test('organisational units are read through /oudata and stored as org units under their municipality', async () => {
    await addSource({
      id: 'kolada-ou',
      kind: 'kolada',
      kpis: ['N00945'],
      ous: ['V15E058600101'],
      years: { from: 2024, to: 2024 },
    });
    koladaData = (req) =>
      req.path === '/oudata/kpi/N00945/ou/V15E058600101/year/2024?per_page=5000'
        ? {
            body: {
              count: 1,
              values: [
                {
                  kpi: 'N00945',
                  ou: 'V15E058600101',
                  period: 2024,
                  values: [{ gender: 'T', status: '', value: 87.5 }],
                },
              ],
              next_url: null,
            },
          }
        : undefined;
    const summary = await run('kolada-ou');
    expect(summary).toMatchObject({ status: 'succeeded', inserted: 1 });
    expect((await facts('kolada-ou')).map((r) => [r.indicator_key, r.area_code, r.value])).toEqual([
      ['kolada.n00945', 'V15E058600101', 87.5],
    ]);
    const unit = await t.db
      .selectFrom('dim.areas as a')
      .innerJoin('dim.areas as p', 'p.id', 'a.parent_id')
      .select(['a.name', 'a.type', 'a.org_level', 'p.code as parent'])
      .where('a.code', '=', 'V15E058600101')
      .executeTakeFirstOrThrow();
    expect(unit).toEqual({
      name: 'Exempelskolan (påhittad)',
      type: 'org_unit',
      org_level: 'enhet',
      parent: '0586',
    });
  });

  test('a scheduled run after a successful one asks only for the latest years', async () => {
    koladaData = twoPages;
    await addSource({
      id: 'kolada-incremental',
      kind: 'kolada',
      kpis: ['N01951', 'N00670'],
      municipalities: ['0586', '2029'],
      years: { from: 2015, to: 2024 },
      incremental: { recent_years: 2 },
    });
    await run('kolada-incremental', 'schedule');
    const full = kolada.requests.filter((q) => q.path.startsWith('/data/')).map((q) => q.path);
    expect(full[0]).toContain('/year/2015,2016,2017,2018,2019,2020,2021,2022,2023,2024?');
    kolada.requests.length = 0;
    await run('kolada-incremental', 'schedule');
    const recent = kolada.requests.filter((q) => q.path.startsWith('/data/')).map((q) => q.path);
    expect(recent[0]).toContain('/year/2023,2024?');
  });

  test('an unknown KPI id fails the run instead of loading nothing, and is not retried', async () => {
    await addSource({
      id: 'kolada-unknown',
      kind: 'kolada',
      kpis: ['N99999'],
      municipalities: ['0586'],
      years: { from: 2023 },
    });
    const error = await failure('kolada-unknown');
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toBe(
      'Kolada har ingen KPI N99999 (/kpi svarar med en tom lista för det id:t); inget lästes in. Rätta KPI-id:t i källans definition (kpis)',
    );
    expect((await getRun(t.db, error.runId as number))?.status).toBe('failed');
    expect(await facts('kolada-unknown')).toEqual([]);
  });

  test('an answer with no values at all is an error, not an empty load', async () => {
    koladaData = (req) =>
      req.path.startsWith('/data/') ? { body: { count: 0, values: [], next_url: null } } : undefined;
    await addSource({
      id: 'kolada-empty',
      kind: 'kolada',
      kpis: ['N01951'],
      municipalities: ['0586'],
      years: { from: 2023, to: 2024 },
    });
    const error = await failure('kolada-empty');
    expect(error.message).toBe(
      'Kolada svarade med en tom lista på varje fråga om N01951 (2023–2024): inga värden alls, så inget lästes in. Kontrollera id:na och åren i källans definition.',
    );
  });

  describe('ten pages', () => {
    /** Page k holds the value for year 2014 + k; `broken` says how page 7 misbehaves. */
    const tenPages =
      (value: number, broken: 'none' | 'http500' | 'malformed' | 'bad-json', area: string): Handler =>
      (req) => {
        if (!req.path.startsWith('/data/')) return undefined;
        const k = Number(/[?&]page=(\d+)/.exec(req.path)?.[1] ?? '1');
        if (k === 7 && broken === 'http500') return { status: 500, body: 'Internal Server Error' };
        if (k === 7 && broken === 'malformed') return { body: { vals: [] } };
        if (k === 7 && broken === 'bad-json') return { body: '<html>Bad gateway</html>' };
        return {
          body: {
            count: 1,
            values: [
              {
                kpi: 'N01951',
                municipality: area,
                period: 2014 + k,
                values: [{ gender: 'T', status: '', value: value + k }],
              },
            ],
            next_url:
              k < 10
                ? `https://api.kolada.se/v3/data/kpi/N01951/municipality/${area}/year/2015?page=${k + 1}`
                : null,
          },
        };
      };

    test.each([
      [
        'HTTP 500 after the retries',
        'http500' as const,
        '0884',
        /^Kolada svarade HTTP 500 på GET .*page=7 \(Internal Server Error\) efter 2 försök; försök igen senare$/,
      ],
      [
        'a malformed page',
        'malformed' as const,
        '2081',
        /^Koladas sida 7 för \/data\/.* är inget Kolada-svar \(values: .*\); inget från körningen lästes in/,
      ],
      [
        'bad JSON',
        'bad-json' as const,
        '2029',
        /^Kolada svarade på GET .*page=7 med något som inte är giltig JSON \(.*\) efter 2 försök; försök igen senare$/,
      ],
    ])('%s on page 7 of 10 loads nothing from that run', async (_name, broken, area, message) => {
      const id = `kolada-ten-${broken}`;
      await addSource({
        id,
        kind: 'kolada',
        kpis: ['N01951'],
        municipalities: [area],
        years: { from: 2015, to: 2024 },
      });
      koladaData = tenPages(1000, 'none', area);
      const first = await run(id);
      expect(first.inserted).toBe(10);
      const before = await facts(id);

      koladaData = tenPages(2000, broken, area);
      const error = await failure(id);
      expect(error.message).toMatch(message);
      const failed = await getRun(t.db, error.runId as number);
      expect(failed).toMatchObject({ status: 'failed' });
      expect(failed?.error).toMatch(message);
      // Pages 1–6 were read and staged with new values, yet not one of them changed the warehouse.
      expect(await facts(id)).toEqual(before);
      expect(before.map((r) => r.value)).toEqual([
        1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010,
      ]);
    });
  });

  test('without network it reads the recorded answers and says so in the run summary', async () => {
    await addSource({
      id: 'kolada-recorded',
      kind: 'kolada',
      kpis: ['N01951'],
      municipalities: ['0586'],
      years: { from: 2023, to: 2024 },
    });
    const metadata = readFixture<{ values: { id: string }[] }>('kolada/v3-kpi-metadata-selection.json');
    const recording: Recording = {
      source_id: 'kolada-recorded',
      base_url: 'https://api.kolada.se/v3',
      recorded_at: '2026-11-30T04:00:00Z',
      provenance: 'synthetic',
      note: 'test',
      exchanges: [
        {
          method: 'GET',
          path: '/kpi/N01951?per_page=5000',
          response: { count: 1, values: metadata.values.filter((v) => v.id === 'N01951'), next_url: null },
        },
        {
          method: 'GET',
          path: '/municipality/0586?per_page=5000',
          response: { count: 1, values: [{ id: '0586', title: 'Mjölby', type: 'K' }], next_url: null },
        },
        {
          method: 'GET',
          path: '/data/kpi/N01951/municipality/0586/year/2023,2024?per_page=5000',
          response: page1,
        },
        {
          method: 'GET',
          path: '/data/kpi/N01951,N00670/municipality/0586,2029/year/2023,2024?page=2&per_page=2',
          response: { count: 0, values: [], next_url: null },
        },
      ],
    };
    await writeFile(path.join(dir, 'recorded', 'kolada-recorded.json'), JSON.stringify(recording));
    // Nothing listens on port 9: the API cannot be reached.
    const summary = await run('kolada-recorded', 'manual', {
      apiMode: 'auto',
      koladaBaseUrl: 'http://127.0.0.1:9/v3',
      probeTimeoutMs: 500,
    });
    expect(summary).toMatchObject({ status: 'succeeded', loaded: 6 });
    expect(summary.files.join(' ')).toMatch(
      /Inget nätverk .*inspelade svar \(kolada-recorded.json, påhittade demodata/,
    );
    expect((await getRun(t.db, summary.run_id))?.details).toMatchObject({ recorded: true });
  });
});

describe('recording a source (malkoll sources record)', () => {
  test('records every answer a full run needs, and a run from the recording loads the same facts', async () => {
    koladaData = twoPages;
    const definition = parseSourceDefinition({
      id: 'kolada-rec',
      title: 'Test',
      owner: { name: 'Test' },
      kind: 'kolada',
      kpis: ['N01951', 'N00670'],
      municipalities: ['0586', '2029'],
      years: { from: 2023, to: 2024 },
    });
    const recording = await recordSourceResponses(definition, settings());
    expect(recording).toMatchObject({ source_id: 'kolada-rec', provenance: 'real' });
    expect(recording.exchanges.map((e) => e.path)).toEqual([
      '/kpi/N01951,N00670?per_page=5000',
      '/municipality/0586,2029?per_page=5000',
      '/data/kpi/N01951,N00670/municipality/0586,2029/year/2023,2024?per_page=5000',
      '/data/kpi/N01951,N00670/municipality/0586,2029/year/2023,2024?page=2&per_page=2',
    ]);
    await writeFile(path.join(dir, 'recorded', 'kolada-rec.json'), JSON.stringify(recording));
    await upsertSource(t.db, { id: 'kolada-rec', title: 'Test', kind: 'kolada', definition, schedule: null });
    const requestsBefore = kolada.requests.length;
    const summary = await run('kolada-rec', 'manual', { apiMode: 'recorded' });
    expect(kolada.requests.length).toBe(requestsBefore);
    expect(summary).toMatchObject({ status: 'succeeded', loaded: 10 });
    expect(summary.files.join(' ')).toMatch(/Inspelat läge .*kolada-rec.json, hämtade/);
  });

  test('a CSV source has nothing to record', async () => {
    const csv = parseSourceDefinition({
      id: 'csv',
      title: 'CSV',
      owner: { name: 'Test' },
      kind: 'csv',
      location: { inbox: 'a.csv' },
      mapping: {
        layout: 'long',
        indicator: { value: 'a.b' },
        area: { value: '0586' },
        period: { column: 'P' },
        value: { column: 'V' },
      },
    });
    await expect(recordSourceResponses(csv, settings())).rejects.toThrow(
      /^Bara Kolada- och SCB-källor har API-svar att spela in; .* är av typen csv$/,
    );
  });
});

describe('an SCB source', () => {
  test('reads the limits from /config and loads population by sex with the total as their sum', async () => {
    await addSource({
      id: 'scb-folkmangd',
      kind: 'scb',
      table: 'TAB638',
      selection: [
        { variable: 'Region', codelist: 'vs_RegionKommun07', values: ['0586', '2029'] },
        { variable: 'Kon', values: ['1', '2'] },
        { variable: 'ContentsCode', values: ['BE0101N1'] },
        { variable: 'Tid', values: ['2023', '2024'] },
      ],
      contents: { BE0101N1: { key: 'scb.folkmangd', title: 'Folkmängd', unit: 'invånare' } },
      breakdown: { variable: 'Kon', map: { '1': 'M', '2': 'K' }, sum_as_total: true },
    });
    const summary = await run('scb-folkmangd');
    expect(summary).toMatchObject({ status: 'succeeded', inserted: 12, rows_read: 8 });
    const totals = (await facts('scb-folkmangd')).filter((r) => r.breakdown === 'T');
    expect(totals.map((r) => [r.area_code, r.period_label, r.value])).toEqual([
      ['0586', '2023', 32500],
      ['0586', '2024', 32700],
      ['2029', '2023', 15350],
      ['2029', '2024', 15450],
    ]);
    expect((await getRun(t.db, summary.run_id))?.details).toMatchObject({
      limits: { max_data_cells: 10_000, max_calls: 30 },
    });
    expect(scb.requests[0]?.path).toBe('/config');
  });

  test('a table SCB does not know fails at once, naming the request and what to check', async () => {
    await addSource({
      id: 'scb-okand-tabell',
      kind: 'scb',
      table: 'TABNONE',
      selection: [{ variable: 'Region', values: ['0586'] }],
      contents: { X1: { key: 'scb.okand', title: 'Okänd', unit: 'antal' } },
    });
    const error = await failure('scb-okand-tabell');
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toMatch(
      /^SCB svarade HTTP 404 på POST http:\/\/[^ ]+\/api\/v2\/tables\/TABNONE\/data\?lang=sv&outputFormat=json-stat2 \(\{"error":"no fixture for POST .*"\}\); ett nytt försök hjälper inte: kontrollera id:n, tabell och urval i källans definition$/,
    );
    expect((await getRun(t.db, error.runId as number))?.error).toBe(error.message);
  });

  test('contents without a title and without a plan name the missing indicator', async () => {
    await addSource({
      id: 'scb-utan-titel',
      kind: 'scb',
      table: 'TABX',
      selection: [{ variable: 'Region', values: ['0586', '2029'] }],
      contents: { X1: { key: 'scb.utan_titel' } },
    });
    const error = await failure('scb-utan-titel');
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toBe(
      'Måttet scb.utan_titel finns inte: ge det en titel i källans definition (contents.<kod>.title) eller beskriv det i en plan',
    );
    expect(await facts('scb-utan-titel')).toEqual([]);
  });

  test('keeps suppressed cells as nulls with a reason', async () => {
    await addSource({
      id: 'scb-suppressed',
      kind: 'scb',
      table: 'TABX',
      selection: [{ variable: 'Region', values: ['0586', '2029'] }],
      contents: { X1: { key: 'scb.x', title: 'X', unit: 'antal' } },
    });
    await run('scb-suppressed');
    expect(
      (await facts('scb-suppressed')).map((r) => [r.area_code, r.period_label, r.value, r.value_note]),
    ).toEqual([
      ['0586', '2023', 10, null],
      ['0586', '2024', null, 'suppressed'],
      ['2029', '2023', 0, null],
      ['2029', '2024', null, 'missing'],
    ]);
  });
});

describe('a survey source', () => {
  test('with no file in the inbox fails at once, saying in Swedish where to put the file', async () => {
    await addSource({
      id: 'enkat-saknas',
      kind: 'survey',
      location: { inbox: 'mjolby/enkät*.csv' },
      unit: { column: 'Förvaltning' },
      period: { column: 'År' },
      scale: { type: 'numeric', min: 1, max: 5 },
      units: [
        { code: '0586-ksf', name: 'Kommunstyrelseförvaltningen', level: 'forvaltning', parent: '0586' },
      ],
      measures: [{ indicator: 'test.hme', title: 'HME', questions: ['F1'], measure: 'index' }],
    });
    const error = await failure('enkat-saknas');
    const expected =
      'Ingen fil i inkorgen matchar "mjolby/enkät*.csv"; lägg enkätexporten i inkorgen eller rätta location.inbox i källans definition';
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.message).toBe(expected);
    expect(await getRun(t.db, error.runId as number)).toMatchObject({ status: 'failed', error: expected });
  });

  test('stores only aggregates per unit, suppresses small units, and keeps no answer anywhere', async () => {
    const lines = ['Förvaltning;År;F1;F2'];
    const answers = ['5;4', '4;4', '3;5', '5;5', '2;3', '1;2'];
    for (const a of answers) lines.push(`Kommunstyrelseförvaltningen;2016;${a}`);
    for (const a of ['5;5', '4;4', '3;3']) lines.push(`Tekniska förvaltningen;2016;${a}`);
    lines.push('Kommunstyrelseförvaltningen;2016;7;1');
    await writeFile(path.join(dir, 'inbox', 'enkat.csv'), `${lines.join('\r\n')}\r\n`);
    await addSource({
      id: 'enkat',
      kind: 'survey',
      location: { inbox: 'enkat.csv' },
      unit: { column: 'Förvaltning' },
      period: { column: 'År' },
      scale: { type: 'numeric', min: 1, max: 5 },
      total_area: '0586',
      units: [
        { code: '0586-ksf', name: 'Kommunstyrelseförvaltningen', level: 'forvaltning', parent: '0586' },
        { code: '0586-tf', name: 'Tekniska förvaltningen', level: 'forvaltning', parent: '0586' },
      ],
      measures: [
        { indicator: 'test.hme', title: 'HME totalindex', questions: ['F1', 'F2'], measure: 'index' },
        { indicator: 'test.svar', title: 'Svarande', questions: ['F1', 'F2'], measure: 'respondents' },
      ],
    });
    const summary = await run('enkat');
    expect(summary).toMatchObject({ rows_read: 10, rejected: 1 });
    // KSF: F1 mean 20/6, F2 mean 23/6 → (20/6 − 1)·25 = 58,33…, (23/6 − 1)·25 = 70,83…, index 64,58…
    // Mjölby (all 9): F1 32/9 → 63,888…, F2 35/9 → 72,222…, index 68,055…
    expect((await facts('enkat')).map((r) => [r.indicator_key, r.area_code, r.value, r.value_note])).toEqual([
      ['test.hme', '0586', 68.055556, null],
      ['test.hme', '0586-ksf', 64.583333, null],
      ['test.hme', '0586-tf', null, 'suppressed'],
      ['test.svar', '0586', 9, null],
      ['test.svar', '0586-ksf', 6, null],
      ['test.svar', '0586-tf', null, 'suppressed'],
    ]);
    const rejected = await listRejectedRows(t.db, summary.run_id);
    expect(rejected.map((r) => [r.line, r.column_name, r.raw])).toEqual([[11, 'F1', '(svaret visas inte)']]);
    const details = (await getRun(t.db, summary.run_id))?.details as { suppressed: { reason: string }[] };
    expect(details.suppressed.map((s) => s.reason)).toEqual(['för få svar', 'för få svar']);
  });

  test('a question the export lacks fails the run, naming the file, the column and the header', async () => {
    await writeFile(
      path.join(dir, 'inbox', 'enkat-kolumn.csv'),
      'Förvaltning;År;F1\r\nKommunstyrelseförvaltningen;2016;5\r\n',
    );
    await addSource({
      id: 'enkat-kolumn',
      kind: 'survey',
      location: { inbox: 'enkat-kolumn.csv' },
      unit: { column: 'Förvaltning' },
      period: { column: 'År' },
      scale: { type: 'numeric', min: 1, max: 5 },
      units: [
        { code: '0586-ksf', name: 'Kommunstyrelseförvaltningen', level: 'forvaltning', parent: '0586' },
      ],
      measures: [{ indicator: 'test.kolumn', title: 'Kolumn', questions: ['F1', 'F9'], measure: 'index' }],
    });
    const error = await failure('enkat-kolumn');
    expect(error.message).toBe(
      'enkat-kolumn.csv: Enkätfilen har ingen kolumn "F9" (fråga); rubrikraden är: Förvaltning, År, F1. Rätta kolumnen i källans definition eller exportera filen med den kolumnen',
    );
    expect((await getRun(t.db, error.runId as number))?.error).toBe(error.message);
    expect(await facts('enkat-kolumn')).toEqual([]);
  });

  test('two exports of one survey are one population: a unit spread over both is counted whole', async () => {
    const header = 'Förvaltning;År;F1;F2';
    await writeFile(
      path.join(dir, 'inbox', 'delad-1.csv'),
      `${header}\r\nKommunstyrelseförvaltningen;2016;5;5\r\nKommunstyrelseförvaltningen;2016;4;4\r\nKommunstyrelseförvaltningen;2016;3;3\r\n`,
    );
    await writeFile(
      path.join(dir, 'inbox', 'delad-2.csv'),
      `${header}\r\nKommunstyrelseförvaltningen;2016;2;2\r\nKommunstyrelseförvaltningen;2016;1;1\r\n`,
    );
    await addSource({
      id: 'enkat-delad',
      kind: 'survey',
      location: { inbox: 'delad-*.csv' },
      unit: { column: 'Förvaltning' },
      period: { column: 'År' },
      scale: { type: 'numeric', min: 1, max: 5 },
      measures: [{ indicator: 'test.delad', title: 'Delad', questions: ['F1', 'F2'], measure: 'mean' }],
    });
    const summary = await run('enkat-delad');
    expect(summary).toMatchObject({ rows_read: 5, inserted: 1 });
    // Five respondents in all (three plus two): not suppressed; mean (5+4+3+2+1)/5 = 3.
    expect((await facts('enkat-delad')).map((r) => [r.area_code, r.value, r.value_note])).toEqual([
      ['0586-ksf', 3, null],
    ]);
  });
});
