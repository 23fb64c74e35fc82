// Ingest benchmark: `pnpm bench:ingest [rows]`. Prints throughput of the whole ingest (stream → parse →
// COPY into staging → merge in one transaction) against its baseline, parsing the same file without a
// database, so the ratio says what the warehouse side costs. Figures vary on a shared machine: compare
// ratios from one run, not absolute numbers across runs.
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition, readCsv } from '@malkoll/sources';
import { SWEDISH_AREAS, upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase } from '@malkoll/warehouse/testing';
import { ingestSource } from '../src/ingest.ts';

const targetRows = Number(process.argv[2] ?? 300_000);
const municipalities = SWEDISH_AREAS.filter((a) => a.type === 'municipality');
const indicators = Array.from({ length: 20 }, (_, i) => `bench.kpi-${String(i).padStart(2, '0')}`);
const months = Math.max(1, Math.ceil(targetRows / (municipalities.length * indicators.length)));

function* csvLines(): Generator<string> {
  yield 'Kommun;Nyckeltal;Månad;Värde\r\n';
  for (let m = 0; m < months; m++) {
    const year = 2000 + Math.floor(m / 12);
    const month = String((m % 12) + 1).padStart(2, '0');
    for (const area of municipalities) {
      for (const [i, key] of indicators.entries()) {
        const value = (Number(area.code) * (i + 1) + m * 37) % 100_000;
        // Swedish format: space as thousands separator, decimal comma.
        const text = `${Math.floor(value / 1000) > 0 ? `${Math.floor(value / 1000)} ` : ''}${String(value % 1000).padStart(Math.floor(value / 1000) > 0 ? 3 : 1, '0')},${m % 10}`;
        yield `${area.code} ${area.name};${key};${year}-${month};${text}\r\n`;
      }
    }
  }
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
    period: { column: 'Månad' },
    value: { column: 'Värde' },
  },
  load: { mode: 'upsert' },
});

const inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-bench-'));
await mkdir(inbox, { recursive: true });
const file = path.join(inbox, 'bench.csv');
await writeFile(file, [...csvLines()].join(''));
const rows = months * municipalities.length * indicators.length;

const t = await createTestDatabase();
try {
  await upsertIndicators(
    t.db,
    indicators.map((key) => ({ key, title: key, unit: '', direction: 'higher' as const, decimals: 1 })),
  );
  await upsertSource(t.db, { id: 'bench', title: 'Benchmark', kind: 'csv', definition, schedule: null });
  const codes = new Set(municipalities.map((a) => a.code));
  const ctx = {
    resolveArea: (raw: string) => (codes.has(raw) ? raw : undefined),
    resolveIndicator: (raw: string) => raw,
  };

  const timed = async <T>(fn: () => Promise<T>) => {
    const start = process.hrtime.bigint();
    const result = await fn();
    return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
  };
  const parse = await timed(async () => {
    let facts = 0;
    const reader = readCsv(createReadStream(file), definition, ctx);
    for (;;) {
      const next = await reader.next();
      if (next.done) return facts;
      facts += next.value.facts.length;
    }
  });
  const log = createLogger('bench', 'silent');
  const first = await timed(() =>
    ingestSource({ db: t.db, pool: t.pool, inboxRoot: inbox, log }, { sourceId: 'bench', trigger: 'manual' }),
  );
  const again = await timed(() =>
    ingestSource({ db: t.db, pool: t.pool, inboxRoot: inbox, log }, { sourceId: 'bench', trigger: 'manual' }),
  );

  const rate = (s: number) => `${Math.round(rows / s).toLocaleString('sv-SE')} rader/s`;
  console.log(
    `Ingest benchmark: ${rows.toLocaleString('sv-SE')} rows (${municipalities.length} municipalities × ${indicators.length} indicators × ${months} months)`,
  );
  console.log(
    `  baseline, parse only (no database):   ${parse.seconds.toFixed(2)} s  ${rate(parse.seconds)}  (${parse.result} facts)`,
  );
  console.log(
    `  first ingest (all rows new):          ${first.seconds.toFixed(2)} s  ${rate(first.seconds)}  ratio to baseline ${(parse.seconds / first.seconds).toFixed(2)}`,
  );
  console.log(
    `  re-run (all rows unchanged):          ${again.seconds.toFixed(2)} s  ${rate(again.seconds)}  ratio to baseline ${(parse.seconds / again.seconds).toFixed(2)}`,
  );
  console.log(
    `  counts: first inserted ${first.result.inserted}, re-run inserted ${again.result.inserted} updated ${again.result.updated} unchanged ${again.result.unchanged}`,
  );
  console.log(`  peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
}
