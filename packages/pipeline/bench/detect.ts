// Detect benchmark: `pnpm bench:detect [--rows N]` (default 1 000 000 rows). Writes a Kolada-shaped long
// file sorted by KPI (500 KPIs, so the first 5 000 rows hold only two of them) to a temp dir, runs detect on
// it as `sources detect` does (the reference area register, no database), and prints the seconds, rows/s,
// the KPIs the proposal covers and the peak RSS. Figures, not a test: they vary on a shared machine.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { detectDefinition } from '@malkoll/sources';
import { loadDetectRegister } from '../src/steward/steward.ts';
import { koladaFileLayout, writeKoladaFile } from './kolada-file.ts';

const { values: args, positionals } = parseArgs({
  options: { rows: { type: 'string' } },
  allowPositionals: true,
});
const rows = Number(args.rows ?? positionals[0] ?? 1_000_000);
if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');

const dir = await mkdtemp(path.join(os.tmpdir(), 'malkoll-bench-detect-'));
try {
  const file = path.join(dir, 'kolada-export.csv');
  const { indicators, areas, years } = koladaFileLayout({ rows });
  const inFile = Math.min(indicators.length, Math.ceil(rows / (areas.length * years * 3)));
  const written = await writeKoladaFile(file, { rows });
  const bytes = await readFile(file);
  const register = await loadDetectRegister(null);
  const started = process.hrtime.bigint();
  const detection = await detectDefinition(bytes, register, { fileName: 'kolada-export.csv' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mapping = detection.parsed.kind === 'csv' ? detection.parsed.mapping : null;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const n = (v: number) => v.toLocaleString('sv-SE');
  console.log(`Detect benchmark: ${n(written)} rows, ${mb(bytes.length)}, sorted by KPI`);
  console.log(`  detect:         ${seconds.toFixed(2)} s, ${n(Math.round(written / seconds))} rows/s`);
  console.log(
    `  KPIs proposed:  ${n(detection.newIndicators.length)} of ${n(inFile)} in the file` +
      ` (open-ended: ${mapping && mapping.layout !== 'classification' && mapping.indicator?.create ? 'yes' : 'no'})`,
  );
  console.log(`  peak RSS:       ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
