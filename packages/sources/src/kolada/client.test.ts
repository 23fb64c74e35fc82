import { afterEach, describe, expect, it } from 'vitest';
import { createLiveTransport, type LiveTransportOptions, parseRetryAfter } from '../http/transport.ts';
import {
  type FixtureServer,
  firstOf,
  koladaMetadataHandler,
  readFixture,
  startFixtureServer,
} from '../testing/http-server.ts';
import { KoladaClient, relativeNextPath } from './client.ts';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Fast retries and a record of every wait the client asked for. */
function fastOptions(sleeps: number[] = []): LiveTransportOptions {
  return {
    name: 'Kolada',
    minIntervalMs: 0,
    backoffBaseMs: 5,
    maxAttempts: 3,
    timeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

const page1 = readFixture<{ next_url: string }>('kolada/synthetic-v3-data-page1.json');
const page2 = readFixture('kolada/synthetic-v3-data-page2.json');

describe('Kolada client against recorded responses', () => {
  it('follows next_url until it is null and keeps the rows of every page', async () => {
    server = await startFixtureServer('/v3', (req) => {
      if (req.path === '/data/kpi/N01951,N00670/municipality/0586,2029/year/2023,2024?per_page=5000')
        return { body: page1 };
      if (req.path === '/data/kpi/N01951,N00670/municipality/0586,2029/year/2023,2024?page=2&per_page=2')
        return { body: page2 };
      return undefined;
    });
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions()));
    const pages = [];
    for await (const p of client.data(['N01951', 'N00670'], ['0586', '2029'], [2023, 2024])) pages.push(p);
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    expect(pages.flatMap((p) => p.rows.map((r) => `${r.kpi} ${r.municipality} ${r.period}`))).toEqual([
      'N01951 0586 2023',
      'N01951 0586 2024',
      'N00670 2029 2023',
      'N00670 2029 2024',
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it('asks for at most 25 ids per request and at most 5 000 rows per page', async () => {
    server = await startFixtureServer('/v3', (req) =>
      req.path.startsWith('/data/') ? { body: { count: 0, values: [], next_url: null } } : undefined,
    );
    const kpis = Array.from({ length: 30 }, (_, i) => `N${String(i).padStart(5, '0')}`);
    const municipalities = Array.from({ length: 26 }, (_, i) => String(100 + i).padStart(4, '0'));
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions()), { perPage: 10_000 });
    for await (const _ of client.data(kpis, municipalities, [2024])) {
      // drain
    }
    // 30 KPIs → 25 + 5; 26 municipalities → 25 + 1: four requests.
    expect(server.requests).toHaveLength(4);
    for (const r of server.requests) {
      const [, , kpiList, , muniList] = r.path.split('?')[0]?.split('/').slice(1) ?? [];
      expect(kpiList?.split(',').length).toBeLessThanOrEqual(25);
      expect(muniList?.split(',').length).toBeLessThanOrEqual(25);
      expect(r.path).toMatch(/per_page=5000$/);
    }
    expect(new Set(server.requests.flatMap((r) => r.path.split('/')[3]?.split(',') ?? [])).size).toBe(30);
  });

  it('waits as long as Retry-After says after a 429, then goes on', async () => {
    let calls = 0;
    server = await startFixtureServer(
      '/v3',
      firstOf((req) => {
        if (!req.path.startsWith('/kpi/')) return undefined;
        calls++;
        return calls === 1
          ? { status: 429, headers: { 'retry-after': '7' }, body: { error: 'Too many requests' } }
          : undefined;
      }, koladaMetadataHandler()),
    );
    const sleeps: number[] = [];
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions(sleeps)));
    const kpis = await client.kpis(['N01951']);
    expect(kpis.map((k) => k.title)).toEqual(['Invånare totalt, antal']);
    expect(sleeps).toContain(7_000);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on a Retry-After longer than allowed, with the wait in the message', async () => {
    server = await startFixtureServer('/v3', () => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      body: {},
    }));
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions()));
    await expect(client.kpis(['N01951'])).rejects.toThrow(
      /^Kolada svarade HTTP 429 på GET .*\/v3\/kpi\/N01951\?per_page=5000 \(\{\}\) och ber oss vänta 3 600 s \(Retry-After\), längre än de 120 s vi väntar; försök igen senare$/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 503 with backoff and fails after the last attempt, naming the request', async () => {
    server = await startFixtureServer('/v3', () => ({ status: 503, body: 'Service Unavailable' }));
    const sleeps: number[] = [];
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions(sleeps)));
    await expect(client.kpis(['N01951'])).rejects.toThrow(
      /^Kolada svarade HTTP 503 på GET .*\/v3\/kpi\/N01951\?per_page=5000 \(Service Unavailable\) efter 3 försök; försök igen senare$/,
    );
    expect(server.requests).toHaveLength(3);
    // Exponential: the second wait is about twice the first (jitter adds at most 25 %).
    expect(sleeps).toHaveLength(2);
    expect((sleeps[1] as number) / (sleeps[0] as number)).toBeGreaterThan(1.5);
  });

  it('does not retry a 404 or 410 (a wrong request stays wrong)', async () => {
    server = await startFixtureServer('/v3', () => ({
      status: 410,
      body: readFixture('kolada/v2-deprecated-endpoint-response.json'),
    }));
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions()));
    await expect(client.kpis(['N01951'])).rejects.toThrow(
      /^Kolada svarade HTTP 410 på GET .*\/v3\/kpi\/N01951\?per_page=5000 \(\{"error":"This endpoint is deprecated\. Please use \/v3 instead\."\}\); ett nytt försök hjälper inte: kontrollera id:n, tabell och urval i källans definition$/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries an answer that is not JSON and then fails saying so', async () => {
    server = await startFixtureServer('/v3', () => ({ body: '{"values": [ {"kpi": "N0' }));
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions()));
    await expect(client.kpis(['N01951'])).rejects.toThrow(
      /^Kolada svarade på GET .*\/v3\/kpi\/N01951\?per_page=5000 med något som inte är giltig JSON \(.*; början: "\{\\"values\\": \[ .*\) efter 3 försök; försök igen senare$/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('fails a page that is JSON but not a Kolada answer, naming the page', async () => {
    server = await startFixtureServer('/v3', (req) =>
      req.path.includes('page=2') ? { body: { rows: [] } } : { body: { ...page1, next_url: page1.next_url } },
    );
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions()));
    const read = async () => {
      for await (const _ of client.data(['N01951', 'N00670'], ['0586', '2029'], [2023, 2024])) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow(
      /^Koladas sida 2 för \/data\/.* är inget Kolada-svar \(values: .*\); inget från körningen lästes in, försök igen senare$/,
    );
  });

  it('times out a server that never answers and says so after the retries', async () => {
    server = await startFixtureServer('/v3', () => ({ hang: true }));
    const client = new KoladaClient(
      createLiveTransport(server.baseUrl, { ...fastOptions(), timeoutMs: 150, maxAttempts: 2 }),
    );
    await expect(client.kpis(['N01951'])).rejects.toThrow(
      /^Kolada gav inget fullständigt svar på GET .*\/v3\/kpi\/N01951\?per_page=5000 inom 0,15 s \(tidsgräns\) efter 2 försök; försök igen senare$/,
    );
  });

  it('reports a refused connection after the retries', async () => {
    server = await startFixtureServer('/v3', () => undefined);
    const base = server.baseUrl;
    await server.close();
    server = undefined;
    const client = new KoladaClient(createLiveTransport(base, fastOptions()));
    await expect(client.kpis(['N01951'])).rejects.toThrow(
      /^Kolada gick inte att nå med GET .*\/v3\/kpi\/N01951\?per_page=5000 \(anslutningen misslyckades: .*\) efter 3 försök; försök igen senare$/,
    );
  });

  it('returns no item for an unknown id (the API answers with an empty list)', async () => {
    server = await startFixtureServer('/v3', koladaMetadataHandler());
    const client = new KoladaClient(createLiveTransport(server.baseUrl, fastOptions()));
    expect(await client.kpis(['N99999'])).toEqual([]);
    expect((await client.groups(['G37442'])).map((g) => g.members.length)).toEqual([7]);
  });
});

describe('next_url and Retry-After', () => {
  it.each([
    [
      'https://api.kolada.se/v3/data/kpi/N01951/municipality/0586/year/2024?page=2&per_page=2',
      '/data/kpi/N01951/municipality/0586/year/2024?page=2&per_page=2',
    ],
    ['http://127.0.0.1:9/v3/kpi?page=3', '/kpi?page=3'],
    ['/v3/kpi?page=3', '/kpi?page=3'],
  ])('next_url %s is followed as %s relative to the base URL', (next, path) => {
    expect(relativeNextPath(next)).toBe(path);
  });

  it('refuses a next_url outside API v3', () => {
    expect(() => relativeNextPath('https://api.kolada.se/v2/kpi?page=2')).toThrow(
      /^Koladas next_url pekar inte in i API v3: https:\/\/api\.kolada\.se\/v2\/kpi\?page=2; försök igen senare$/,
    );
  });

  it.each([
    ['120', 120_000],
    ['0', 0],
    ['', null],
    ['soon', null],
  ])('Retry-After "%s" means %s ms', (header, ms) => {
    expect(parseRetryAfter(header)).toBe(ms);
  });

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-11-30T04:00:00Z');
    expect(parseRetryAfter('Mon, 30 Nov 2026 04:00:30 GMT', now)).toBe(30_000);
  });
});
