// Ingest benchmark: `pnpm bench:ingest [--rows N] [--max-old-space MB] [--no-baseline]` (default 5 000 000
// rows; the pipeline runs with Node's default heap limits unless --max-old-space is given). Generates a Kolada-shaped long
// file (KPI × municipality × year × T/K/M; semicolons, decimal commas), streamed to disk, and measures in
// one run:
//   (a) psql \copy of the file into a typed, logged table with the same primary key: the floor;
//   (b) the pipeline's first load into an empty warehouse;
//   (c) the same file again;
//   (d) the file with 1 % of its values changed.
// Each pipeline run is its own process (bench/ingest-run.ts), so the peak RSS printed is the pipeline's,
// not this harness's. The runs are of the built code, as production runs it: ingest-run.ts bundled like the
// worker (infra/scripts/build-app.mjs, external packages from the worker's node_modules) and run with
// plain `node`. Unless --no-baseline, (b) is also run from source under tsx, as every process ran before
// `pnpm build`, and printed beside it. Prints seconds, rows/s, each ratio to (a), the peak RSS and where the time went.
// Figures vary on a shared machine: compare ratios from one run, not absolute numbers across runs.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { workerNodeFlags } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase } from '@malkoll/warehouse/testing';
import { koladaFileLayout, writeKoladaFile } from './kolada-file.ts';

const { values: args, positionals } = parseArgs({
  options: {
    rows: { type: 'string' },
    'max-old-space': { type: 'string' },
    'no-baseline': { type: 'boolean' },
  },
  allowPositionals: true,
});
const targetRows = Number(args.rows ?? positionals[0] ?? 5_000_000);
if (!Number.isInteger(targetRows) || targetRows < 1) throw new Error(`--rows must be a positive integer`);
const { indicators, areas: municipalities, years } = koladaFileLayout({ rows: targetRows });

const writeFile = (file: string, changeEvery: number | null) =>
  writeKoladaFile(file, { rows: targetRows, indicators, changeEvery });

const definition = parseSourceDefinition({
  id: 'bench',
  title: 'Benchmark',
  owner: { name: 'bench' },
  kind: 'csv',
  location: { inbox: 'bench.csv' },
  mapping: {
    layout: 'long',
    indicator: { column: 'Nyckeltal' },
    area: { column: 'Kommun' },
    period: { column: 'År' },
    breakdown: { column: 'Kön' },
    value: { column: 'Värde' },
  },
  load: { mode: 'upsert' },
});

/** The indicators and the source definition the runs load against. */
async function prepareWarehouse(db: Awaited<ReturnType<typeof createTestDatabase>>['db']): Promise<void> {
  await upsertIndicators(
    db,
    indicators.map((key) => ({ key, title: key, unit: '', direction: 'higher' as const, decimals: 1 })),
  );
  await upsertSource(db, { id: 'bench', title: 'Benchmark', kind: 'csv', definition, schedule: null });
}

const seconds = async <T>(fn: () => Promise<T> | T) => {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
};

interface PipelineRun {
  seconds: number;
  summary: {
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    identical_to_run: number | null;
    phases?: Record<string, number>;
  };
  rssBeforeMb: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const runner = path.join(benchDir, 'ingest-run.ts');
const tsx = path.join(benchDir, '..', 'node_modules', '.bin', 'tsx');
const workerDir = path.resolve(benchDir, '../../../apps/worker');
const builtRunner = path.join(workerDir, '.bench', 'ingest-run.js');

/** ingest-run.ts built the way the worker is: one ES module, run with `node`. */
async function buildRunner(): Promise<void> {
  // @ts-expect-error: a plain JavaScript build script without type declarations.
  const { buildEntry } = await import('../../../infra/scripts/build-app.mjs');
  await buildEntry({ appDir: workerDir, entry: runner, outfile: builtRunner });
}

/** One pipeline run in a child process; its own clock and its own peak RSS. */
const maxOldSpace = args['max-old-space'];
function runPipeline(url: string, inbox: string, from: 'build' | 'source' = 'build'): PipelineRun {
  const env =
    maxOldSpace === undefined
      ? process.env
      : { ...process.env, NODE_OPTIONS: `--max-old-space-size=${Number(maxOldSpace)}` };
  // Built: with the V8 settings the worker runs with; from source: as tsx ran every process before.
  const [command, prefix] =
    from === 'build' ? [process.execPath, [...workerNodeFlags, builtRunner]] : [tsx, [runner]];
  const child = spawnSync(command, [...prefix, url, inbox], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  if (child.status !== 0) throw new Error(`pipeline run failed:\n${child.stderr}\n${child.stdout}`);
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as PipelineRun;
}

const inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-bench-'));
const file = path.join(inbox, 'bench.csv');
await buildRunner();
const t = await createTestDatabase();
try {
  const generated = await seconds(() => writeFile(file, null));
  const rows = generated.result;
  console.log(
    `Ingest benchmark: ${rows.toLocaleString('sv-SE')} rows (${indicators.length} KPIs × ${municipalities.length} municipalities × ${years} years × T/K/M), file written in ${generated.seconds.toFixed(1)} s`,
  );

  // (a) The floor: psql \copy into a typed, logged table keyed like the facts.
  const floor = await seconds(() => {
    const sql = [
      // "C" collation: byte-wise key comparisons, the fastest floor, not a locale's slower ones.
      'create table bench_floor (kommun text collate "C" not null, nyckeltal text collate "C" not null, ar smallint not null, kon text collate "C" not null, varde text, primary key (nyckeltal, kommun, ar, kon));',
      `\\copy bench_floor from '${file}' with (format csv, delimiter ';', header true)`,
    ].join('\n');
    const psql = spawnSync('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-q', t.url], {
      input: sql,
      encoding: 'utf8',
    });
    if (psql.status !== 0) throw new Error(`psql failed: ${psql.stderr}`);
  });
  spawnSync('psql', ['-X', '-q', t.url, '-c', 'drop table bench_floor']);

  await prepareWarehouse(t.db);
  // The warehouse checkpoints on its own schedule; start each scenario from a checkpoint so one run does
  // not pay for the previous one's dirty pages.
  const checkpoint = () => spawnSync('psql', ['-X', '-q', t.url, '-c', 'checkpoint']);

  checkpoint();
  const first = runPipeline(t.url, inbox);
  // The baseline: the same first load from source under tsx, into a second empty warehouse.
  let baseline: PipelineRun | null = null;
  if (args['no-baseline'] !== true) {
    const b = await createTestDatabase();
    try {
      await prepareWarehouse(b.db);
      spawnSync('psql', ['-X', '-q', b.url, '-c', 'checkpoint']);
      baseline = runPipeline(b.url, inbox, 'source');
    } finally {
      await b.drop();
    }
  }
  checkpoint();
  const again = runPipeline(t.url, inbox);
  await writeFile(file, 100);
  checkpoint();
  const changed = runPipeline(t.url, inbox);

  const line = (label: string, s: number, extra = '') =>
    console.log(
      `  ${label.padEnd(34)} ${s.toFixed(2).padStart(7)} s ${Math.round(rows / s)
        .toLocaleString('sv-SE')
        .padStart(11)} rows/s  ${(floor.seconds / s).toFixed(2)}× of (a)${extra}`,
    );
  line('(a) psql \\copy (floor)', floor.seconds);
  const c = (r: PipelineRun) =>
    `  peak RSS ${r.peakRssMb} MB (heap ${r.peakHeapMb})  [+${r.summary.inserted} ~${r.summary.updated} =${r.summary.unchanged} rejected ${r.summary.rejected}${r.summary.identical_to_run === null ? '' : `, identical to run ${r.summary.identical_to_run}`}]`;
  line('(b) first load, empty warehouse', first.seconds, c(first));
  if (baseline !== null) line('(b) again from source under tsx', baseline.seconds, c(baseline));
  line('(c) same file again', again.seconds, c(again));
  line('(d) 1 % of values changed', changed.seconds, c(changed));
  console.log(
    `  pipeline peak RSS, built: ${Math.max(first.peakRssMb, again.peakRssMb, changed.peakRssMb)} MB (goal ≤ 150 MB), of which ${first.rssBeforeMb} MB before the first row (Node and the modules; node ${workerNodeFlags.join(' ')})${maxOldSpace === undefined ? '' : `; pipeline run with --max-old-space-size=${maxOldSpace}`}`,
  );
  if (baseline !== null) {
    console.log(
      `  baseline from source under tsx: peak RSS ${baseline.peakRssMb} MB, of which ${baseline.rssBeforeMb} MB before the first row`,
    );
  }
  console.log('  goals: (b) ≥ 0.30×, (c) and (d) ≥ 0.35× of (a)');
  for (const [label, r] of [
    ['(b)', first],
    ['(c)', again],
    ['(d)', changed],
  ] as const) {
    const phases = Object.entries(r.summary.phases ?? {})
      .map(([name, s]) => `${name} ${s.toFixed(2)} s`)
      .join(', ');
    if (phases !== '') console.log(`  ${label} phases: ${phases}`);
  }
} finally {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
}
