// Kolada nightly-run benchmark: `pnpm --filter @malkoll/worker exec tsx bench/kolada.ts [kpis] [peers]`
// (defaults 200 KPIs, 7 similar municipalities). A local HTTP server answers like Kolada v3 (metadata,
// data pages of at most 5 000 rows, ids in batches of 25) with generated values; the run uses the real
// connector, the real politeness (one request per 334 ms) and a real Postgres database. It measures in
// one process:
//   (a) the first run: every year of the range (2015–2025, 11 years);
//   (b) a scheduled run after it: only the last 3 years (incremental), the nightly case;
// and prints wall time, requests, pages and values of each, and (b) against (a). No network latency is
// simulated: against the live API add its response time per request.
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { startFixtureServer } from '@malkoll/sources/testing';
import { currentMunicipalities, getRun, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase } from '@malkoll/warehouse/testing';
import { ingestSource } from '../src/ingest/ingest-source.ts';

const kpiCount = Number(process.argv[2] ?? 200);
const peerCount = Number(process.argv[3] ?? 7);
const kpis = Array.from({ length: kpiCount }, (_, i) => `N${String(10_000 + i).padStart(5, '0')}`);
const municipalities = currentMunicipalities()
  .slice(0, peerCount + 1)
  .map((a) => a.code);

const server = await startFixtureServer('/v3', (req) => {
  const [pathPart, query = ''] = req.path.split('?');
  const parts = (pathPart ?? '').split('/');
  const params = new URLSearchParams(query);
  const perPage = Number(params.get('per_page') ?? 5000);
  const page = Number(params.get('page') ?? 1);
  const list = (values: unknown[], next: string | null) => ({
    body: { count: values.length, values, next_url: next },
  });
  if (parts[1] === 'kpi') {
    return list(
      (parts[2] ?? '')
        .split(',')
        .map((id) => ({ id, title: `Nyckeltal ${id}, andel (%)`, publication_date: '2027-02-24' })),
      null,
    );
  }
  if (parts[1] === 'municipality') {
    return list(
      (parts[2] ?? '').split(',').map((id) => ({ id, title: id, type: 'K' })),
      null,
    );
  }
  if (parts[1] === 'data') {
    const ks = (parts[3] ?? '').split(',');
    const ms = (parts[5] ?? '').split(',');
    const ys = (parts[7] ?? '').split(',').map(Number);
    const rows = [];
    for (const kpi of ks)
      for (const municipality of ms)
        for (const period of ys)
          rows.push({
            kpi,
            municipality,
            period,
            values: ['K', 'M', 'T'].map((gender, g) => ({
              gender,
              status: '',
              value: (period % 100) + g + kpi.length,
            })),
          });
    const slice = rows.slice((page - 1) * perPage, page * perPage);
    const next =
      page * perPage < rows.length
        ? `https://api.kolada.se/v3${pathPart}?page=${page + 1}&per_page=${perPage}`
        : null;
    return list(slice, next);
  }
  return undefined;
});

const t = await createTestDatabase();
try {
  const definition = parseSourceDefinition({
    id: 'bench-kolada',
    title: 'Bench',
    owner: { name: 'Bench' },
    kind: 'kolada',
    kpis,
    municipalities,
    years: { from: 2015, to: 2025 },
    incremental: { recent_years: 3 },
  });
  await upsertSource(t.db, {
    id: definition.id,
    title: definition.title,
    kind: 'kolada',
    definition,
    schedule: null,
  });
  const ctx = {
    db: t.db,
    pool: t.pool,
    inboxRoot: '/nonexistent',
    log: createLogger('bench', 'silent'),
    connectors: {
      koladaBaseUrl: server.baseUrl,
      scbBaseUrl: server.baseUrl,
      apiMode: 'live' as const,
      recordedDir: '/nonexistent',
    },
  };
  const measure = async (trigger: 'manual' | 'schedule') => {
    const before = server.requests.length;
    const started = performance.now();
    const summary = await ingestSource(ctx, { sourceId: definition.id, trigger });
    const seconds = (performance.now() - started) / 1000;
    const details = (await getRun(t.db, summary.run_id))?.details as {
      pages: number;
      values: number;
      years: number[];
    };
    return {
      seconds,
      requests: server.requests.length - before,
      pages: details.pages,
      values: details.values,
      years: details.years.length,
    };
  };
  const full = await measure('manual');
  const nightly = await measure('schedule');
  const line = (name: string, r: typeof full) =>
    `${name.padEnd(34)} ${r.seconds.toFixed(1).padStart(6)} s  ${String(r.requests).padStart(4)} requests  ${String(r.pages).padStart(4)} pages  ${String(r.values).padStart(7)} values  ${r.years} years`;
  console.log(
    `Kolada run: ${kpiCount} KPIs × ${municipalities.length} municipalities (own + ${peerCount} peers), T/K/M`,
  );
  console.log(line('(a) first run, 2015–2025', full));
  console.log(line('(b) nightly, incremental 3 years', nightly));
  console.log(
    `(b)/(a): ${(nightly.seconds / full.seconds).toFixed(2)} of the time, ${(nightly.values / full.values).toFixed(2)} of the values`,
  );
} finally {
  await server.close();
  await t.drop();
}
