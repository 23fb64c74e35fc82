import { isolatedEnv, runCli } from '@malkoll/testing';
import { upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

// `malkoll runs --night`: the autumn DST night of 2026 (25 hours, 18:00 to 18:00 Swedish time), from
// the runs table as the worker leaves it.
let t: TestDatabase;
let env: NodeJS.ProcessEnv;

type RunSeed = {
  source: string;
  trigger: 'schedule' | 'manual' | 'catch_up';
  status: 'succeeded' | 'failed';
  at: string;
  counts?: { inserted?: number; updated?: number; unchanged?: number; rejected?: number };
  rows?: { read: number; loaded: number; skipped: number; rejected: number };
  warning?: string;
  error?: string;
};

async function seedRun(r: RunSeed) {
  const at = new Date(r.at);
  await t.db
    .insertInto('ops.runs')
    .values({
      source_id: r.source,
      trigger: r.trigger,
      status: r.status,
      queued_at: at,
      started_at: at,
      finished_at: new Date(at.getTime() + 2_000),
      inserted: r.counts?.inserted ?? 0,
      updated: r.counts?.updated ?? 0,
      unchanged: r.counts?.unchanged ?? 0,
      rejected: r.counts?.rejected ?? 0,
      rows_read: r.rows?.read ?? 0,
      rows_loaded: r.rows?.loaded ?? 0,
      skipped: r.rows?.skipped ?? 0,
      rows_rejected: r.rows?.rejected ?? 0,
      warning: r.warning ?? null,
      error: r.error ?? null,
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
  env = await isolatedEnv(t.url);
  const sources: [string, string | null][] = [
    ['annan-natt', null],
    ['befolkning', '0 2 * * *'],
    ['bokningar', '30 2 * * *'],
    ['manuell', null],
    ['styrkort', '0 4 * * *'],
  ];
  for (const [id, cron] of sources) {
    await upsertSource(t.db, {
      id,
      title: id,
      kind: 'csv',
      definition: { id },
      schedule: cron ? { cron, timezone: 'Europe/Stockholm' } : null,
    });
  }
  const runs: RunSeed[] = [
    // The evening before the night starts (17:59 CEST): not this night's.
    {
      source: 'befolkning',
      trigger: 'manual',
      status: 'failed',
      at: '2026-10-24T15:59:00Z',
      error: 'gammalt fel',
    },
    {
      source: 'befolkning',
      trigger: 'schedule',
      status: 'succeeded',
      at: '2026-10-25T00:00:00Z',
      counts: { inserted: 1200, updated: 2, unchanged: 40, rejected: 1 },
      rows: { read: 1250, loaded: 1242, skipped: 7, rejected: 1 },
      warning: 'Lyckades med 1 avvisad rad (0,1 % av värdena avvisades; över 50 % misslyckas körningen)',
    },
    {
      source: 'bokningar',
      trigger: 'schedule',
      status: 'failed',
      at: '2026-10-25T00:30:00Z',
      error: 'timeout',
    },
    {
      source: 'bokningar',
      trigger: 'catch_up',
      status: 'succeeded',
      at: '2026-10-25T06:00:00Z',
      counts: { unchanged: 5 },
      rows: { read: 5, loaded: 5, skipped: 0, rejected: 0 },
    },
    {
      source: 'manuell',
      trigger: 'manual',
      status: 'failed',
      at: '2026-10-25T16:59:00Z',
      error: 'Filen saknas',
    },
    {
      source: 'annan-natt',
      trigger: 'manual',
      status: 'succeeded',
      at: '2026-10-25T17:00:00Z',
      counts: { inserted: 3 },
    },
  ];
  for (const r of runs) await seedRun(r);
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

test('runs --night prints, in Swedish, which sources loaded (with a warning when they rejected rows), found nothing new, failed or did not run, with rows and values apart', async () => {
  const result = await runCli(['runs', '--night', '2026-10-25'], env);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout.replace(/\u00a0/g, ' ')).toBe(
    [
      'Natten till 25 oktober 2026 (2026-10-24 18:00 – 2026-10-25 18:00)',
      '4 källor: 1 laddade, 1 utan ändringar, 1 misslyckades, 1 kördes inte; 1 med varning (avvisade rader).',
      '  befolkning – laddade med varning: Lyckades med 1 avvisad rad (0,1 % av värdena avvisades; över 50 % misslyckas körningen)',
      '      Rader: 1 250 lästa = 1 242 inlästa + 7 överhoppade + 1 avvisade · Värden: 1 200 nya, 2 ändrade, 40 oförändrade, 1 avvisade',
      '  bokningar – inga ändringar (2 körningar)',
      '      Rader: 5 lästa = 5 inlästa + 0 överhoppade + 0 avvisade · Värden: 0 nya, 0 ändrade, 5 oförändrade, 0 avvisade',
      '  manuell – misslyckades: Filen saknas',
      '  styrkort – kördes inte',
      '',
    ].join('\n'),
  );
});

test('runs --night --json gives the same summary as data; a bad date is refused', async () => {
  const json = await runCli(['runs', '--night', '2026-10-25', '--json'], env);
  expect(json.code, json.stderr).toBe(0);
  const summary = JSON.parse(json.stdout) as {
    counts: Record<string, number>;
    withWarning: number;
    sources: Record<string, unknown>[];
    from: string;
    to: string;
  };
  expect(summary.counts).toEqual({ loaded: 1, unchanged: 1, failed: 1, running: 0, missed: 1 });
  expect(summary.withWarning).toBe(1);
  expect(summary.sources[0]).toMatchObject({
    sourceId: 'befolkning',
    outcome: 'loaded',
    rowsRead: 1250,
    rowsLoaded: 1242,
    rowsSkipped: 7,
    rowsRejected: 1,
    inserted: 1200,
    rejected: 1,
    warning: expect.stringMatching(/^Lyckades med 1 avvisad rad/),
  });
  expect([summary.from, summary.to]).toEqual(['2026-10-24T16:00:00.000Z', '2026-10-25T17:00:00.000Z']);

  const bad = await runCli(['runs', '--night', '25/10'], env);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('Natten anges som ett datum, ÅÅÅÅ-MM-DD (fick "25/10").');
});
