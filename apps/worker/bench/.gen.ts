import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SWEDISH_AREAS } from '@malkoll/warehouse';
const [file, n, change] = process.argv.slice(2);
const targetRows = Number(n);
const municipalities = SWEDISH_AREAS.filter((a) => a.type === 'municipality');
const indicators = Array.from({ length: 500 }, (_, i) => `N${String(i).padStart(5, '0')}`);
const sexes = ['T', 'K', 'M'] as const;
const years = Math.max(1, Math.ceil(targetRows / (500 * 290 * 3)));
const changeEvery = change ? Number(change) : null;
const out = createWriteStream(file as string);
let chunk = 'Kommun;Nyckeltal;År;Kön;Värde\r\n';
let rows = 0;
outer: for (const kpi of indicators) for (const area of municipalities) for (let y = 0; y < years; y++) for (const [s, sex] of sexes.entries()) {
  if (rows === targetRows) break outer;
  const seed = (rows * 2_654_435_761) >>> 0;
  let tenths = (seed % 1_000_000) + s;
  if (changeEvery !== null && rows % changeEvery === 7) tenths += 3;
  const value = seed % 97 === 0 ? '' : `${Math.floor(tenths / 10)},${tenths % 10}`;
  chunk += `${area.code} ${area.name};${kpi};${2010 + y};${sex};${value}\r\n`;
  rows++;
  if (chunk.length > 256 * 1024) { if (!out.write(chunk)) await once(out, 'drain'); chunk = ''; }
}
out.end(chunk); await once(out, 'finish');
