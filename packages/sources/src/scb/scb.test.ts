import { afterEach, describe, expect, it } from 'vitest';
import { createLiveTransport } from '../http/transport.ts';
import { type FixtureServer, readFixture, startFixtureServer } from '../testing/http-server.ts';
import { ScbClient, type ScbSelection, selectionCells, splitSelection } from './client.ts';
import { parseJsonStat2 } from './json-stat.ts';
import { mapScbCells, scbRegionToAreaCode, sumAsTotal } from './map.ts';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const populationMapping = {
  regionVariable: 'Region',
  timeVariable: 'Tid',
  contentsVariable: 'ContentsCode',
  indicatorByContents: { BE0101N1: 'scb.folkmangd' },
  breakdown: { variable: 'Kon', map: { '1': 'M', '2': 'K' } },
};

describe('json-stat2', () => {
  it('reads the cells row-major over the dimensions in id order', () => {
    const ds = parseJsonStat2(readFixture('scb/synthetic-v2-jsonstat2-TAB638.json'));
    expect(ds.cells).toHaveLength(8);
    // Tid changes fastest, then ContentsCode, Kon, Region.
    expect(ds.cells.slice(0, 3)).toEqual([
      {
        codes: { Region: '0586', Kon: '1', ContentsCode: 'BE0101N1', Tid: '2023' },
        value: 16600,
        status: null,
      },
      {
        codes: { Region: '0586', Kon: '1', ContentsCode: 'BE0101N1', Tid: '2024' },
        value: 16700,
        status: null,
      },
      {
        codes: { Region: '0586', Kon: '2', ContentsCode: 'BE0101N1', Tid: '2023' },
        value: 15900,
        status: null,
      },
    ]);
    expect(ds.cells[7]).toEqual({
      codes: { Region: '2029', Kon: '2', ContentsCode: 'BE0101N1', Tid: '2024' },
      value: 7700,
      status: null,
    });
  });

  it('rejects an answer whose values do not fill the dimensions', () => {
    const ds = readFixture<Record<string, unknown>>('scb/synthetic-v2-jsonstat2-TAB638.json');
    expect(() => parseJsonStat2({ ...ds, value: [1, 2, 3] })).toThrow(
      /^value har 3 celler, dimensionerna ger 8$/,
    );
    expect(() => parseJsonStat2({ hello: 'world' })).toThrow(/^svaret är ingen json-stat2-datamängd \(id: /);
  });

  it('maps population by sex to M and K per municipality and year, and sums them to T when asked', () => {
    const ds = parseJsonStat2(readFixture('scb/synthetic-v2-jsonstat2-TAB638.json'));
    const { values, problems } = mapScbCells(ds.cells, populationMapping);
    expect(problems).toEqual([]);
    const totals = sumAsTotal(values, ['K', 'M']);
    expect(totals.map((t) => [t.areaCode, t.period.label, t.value])).toEqual([
      ['0586', '2023', 32500],
      ['0586', '2024', 32700],
      ['2029', '2023', 15350],
      ['2029', '2024', 15450],
    ]);
  });

  it('keeps suppressed cells as nulls with a reason, never as zero', () => {
    const ds = parseJsonStat2(readFixture('scb/synthetic-v2-jsonstat2-suppressed-cells.json'));
    const { values } = mapScbCells(ds.cells, {
      ...populationMapping,
      indicatorByContents: { X1: 'x.antal' },
      breakdown: undefined,
    });
    expect(values.map((v) => [v.areaCode, v.period.label, v.value, v.valueNote, v.status])).toEqual([
      ['0586', '2023', 10, null, null],
      ['0586', '2024', null, 'suppressed', '..'],
      ['2029', '2023', 0, null, null],
      ['2029', '2024', null, 'missing', '.'],
    ]);
  });

  it('a total over a suppressed part is null, noted suppressed', () => {
    const ds = parseJsonStat2({
      ...readFixture<Record<string, unknown>>('scb/synthetic-v2-jsonstat2-TAB638.json'),
      value: [16600, null, 15900, 16000, 7700, 7750, 7650, 7700],
      status: { '1': '..' },
    });
    const totals = sumAsTotal(mapScbCells(ds.cells, populationMapping).values, ['K', 'M']);
    expect(totals[1]).toMatchObject({ areaCode: '0586', value: null, valueNote: 'suppressed' });
  });
});

describe('SCB region codes', () => {
  it.each([
    ['00', '0000'],
    ['05', '0005'],
    ['20', '0020'],
    ['0586', '0586'],
    ['2029K', '2029'],
    ['SE1', null],
  ])('SCB %s is area %s', (scb, area) => {
    expect(scbRegionToAreaCode(scb)).toBe(area);
  });
});

describe('PxWebApi limits', () => {
  const selection: ScbSelection[] = [
    {
      variableCode: 'Region',
      codeList: 'vs_RegionKommun07',
      valueCodes: Array.from({ length: 290 }, (_, i) => String(i).padStart(4, '0')),
    },
    { variableCode: 'Kon', valueCodes: ['1', '2'] },
    { variableCode: 'ContentsCode', valueCodes: ['BE0101N1'] },
    { variableCode: 'Tid', valueCodes: Array.from({ length: 30 }, (_, i) => String(1995 + i)) },
  ];

  it('splits a selection larger than maxDataCells along its largest variable', () => {
    expect(selectionCells(selection)).toBe(17_400);
    const parts = splitSelection(selection, 10_000);
    expect(parts.length).toBe(2);
    for (const p of parts) expect(selectionCells(p)).toBeLessThanOrEqual(10_000);
    expect(parts.flatMap((p) => p[0]?.valueCodes ?? [])).toHaveLength(290);
  });

  it('reads the limits from /config and spaces its calls by them', async () => {
    const config = readFixture<Record<string, unknown>>('scb/pxapi2-spec-example-config-response.json');
    server = await startFixtureServer('/api/v2', (req) => {
      if (req.path === '/config') return { body: { ...config, maxDataCells: 5_000 } };
      if (req.method === 'POST' && req.path.startsWith('/tables/TAB638/data'))
        return { body: readFixture('scb/synthetic-v2-jsonstat2-TAB638.json') };
      return undefined;
    });
    const client = new ScbClient(createLiveTransport(server.baseUrl, { minIntervalMs: 0 }));
    const started = Date.now();
    const answers = [];
    for await (const a of client.tableData('TAB638', selection, 'sv')) answers.push(a);
    const elapsed = Date.now() - started;
    // 17 400 cells at 5 000 per call: four calls, at most 30 per 10 s → about 0.34 s apart.
    expect(answers.map((a) => `${a.part}/${a.parts}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(elapsed).toBeGreaterThanOrEqual(3 * 333);
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts[0]?.path).toBe('/tables/TAB638/data?lang=sv&outputFormat=json-stat2');
    expect(
      (posts[0]?.body as { selection: { variableCode: string; codeList?: string }[] } | undefined)
        ?.selection[0],
    ).toMatchObject({
      variableCode: 'Region',
      codeList: 'vs_RegionKommun07',
    });
  });

  it('refuses a /config without limits instead of guessing them', async () => {
    server = await startFixtureServer('/api/v2', () => ({ body: { apiVersion: '2.0' } }));
    const client = new ScbClient(createLiveTransport(server.baseUrl, { minIntervalMs: 0 }));
    await expect(client.readConfig()).rejects.toThrow(
      /^SCB:s svar på \/config saknar gränserna \(maxDataCells: .*\); försök igen senare$/,
    );
  });
});
