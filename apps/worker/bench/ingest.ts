// Ingest benchmark: `pnpm bench:ingest [rows]` (default 5 000 000). Generates a Kolada-shaped long file
// (KPI × municipality × year × T/K/M; semicolons, decimal commas), streamed to disk, and measures in one
// run:
//   (a) psql \copy of the file into a typed, logged table with the same primary key: the floor;
//   (b) the pipeline's first load into an empty warehouse;
//   (c) the same file again;
//   (d) the file with 1 % of its values changed.
// Prints seconds, rows/s, each ratio to (a) and the pipeline's peak RSS. Figures vary on a shared
// machine: compare ratios from one run, not absolute numbers across runs.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { SWEDISH_AREAS, upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase } from '@malkoll/warehouse/testing';
import { ingestSource } from '../src/ingest.ts';

const targetRows = Number(process.argv[2] ?? 5_000_000);
const municipalities = SWEDISH_AREAS.filter((a) => a.type === 'municipality');
const indicators = Array.from({ length: 500 }, (_, i) => `N${String(i).padStart(5, '0')}`);
const sexes = ['T', 'K', 'M'] as const;
const perYear = indicators.length * municipalities.length * sexes.length;
const years = Math.max(1, Math.ceil(targetRows / perYear));

/** Writes the file in chunks with backpressure: memory stays flat whatever the row count. */
async function writeKoladaFile(file: string, changeEvery: number | null): Promise<number> {
  const out = createWriteStream(file);
  let chunk = 'Kommun;Nyckeltal;År;Kön;Värde\r\n';
  let rows = 0;
  outer: for (const kpi of indicators) {
    for (const area of municipalities) {
      for (let y = 0; y < years; y++) {
        for (const [s, sex] of sexes.entries()) {
          if (rows === targetRows) break outer;
          const seed = (rows * 2_654_435_761) >>> 0;
          let tenths = (seed % 1_000_000) + s;
          if (changeEvery !== null && rows % changeEvery === 7) tenths += 3;
          const value = seed % 97 === 0 ? '' : `${Math.floor(tenths / 10)},${tenths % 10}`;
          chunk += `${area.code} ${area.name};${kpi};${2010 + y};${sex};${value}\r\n`;
          rows++;
          if (chunk.length > 256 * 1024) {
            if (!out.write(chunk)) await once(out, 'drain');
            chunk = '';
          }
        }
      }
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return rows;
}

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

const seconds = async <T>(fn: () => Promise<T> | T) => {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
};

const inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-bench-'));
const file = path.join(inbox, 'bench.csv');
const t = await createTestDatabase();
try {
  const generated = await seconds(() => writeKoladaFile(file, null));
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

  await upsertIndicators(
    t.db,
    indicators.map((key) => ({ key, title: key, unit: '', direction: 'higher' as const, decimals: 1 })),
  );
  await upsertSource(t.db, { id: 'bench', title: 'Benchmark', kind: 'csv', definition, schedule: null });
  const log = createLogger('bench', 'silent');
  const ctx = { db: t.db, pool: t.pool, inboxRoot: inbox, log };
  const run = () => ingestSource(ctx, { sourceId: 'bench', trigger: 'manual' });

  const first = await seconds(run);
  const again = await seconds(run);
  await writeKoladaFile(file, 100);
  const changed = await seconds(run);

  const line = (label: string, s: number, extra = '') =>
    console.log(
      `  ${label.padEnd(40)} ${s.toFixed(2).padStart(7)} s ${Math.round(rows / s)
        .toLocaleString('sv-SE')
        .padStart(11)} rows/s  ${(floor.seconds / s).toFixed(2)}× of (a)${extra}`,
    );
  line('(a) psql \\copy (floor)', floor.seconds);
  const c = (r: Awaited<ReturnType<typeof run>>) =>
    `  [+${r.inserted} ~${r.updated} =${r.unchanged} rejected ${r.rejected}${r.identical_to_run === null ? '' : `, identical to run ${r.identical_to_run}`}]`;
  line('(b) first load, empty warehouse', first.seconds, c(first.result));
  line('(c) same file again', again.seconds, c(again.result));
  line('(d) 1 % of values changed', changed.seconds, c(changed.result));
  console.log(`  pipeline peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
}
