import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createAreaResolver } from '../areas/resolve.ts';
import { parseCsvSourceDefinition as parseSourceDefinition } from '../definition.ts';
import { readCsv } from './read-csv.ts';

const rowCount = 200_000;
const indicators = 50;
// A long free-text column makes the file about 45 MB, so holding it (or its rows) in memory would show.
const comment =
  'Kommentar från verksamheten om utfallet, med å, ä och ö och lite till för att fylla ut raden. '.repeat(2);

/** The export, generated chunk by chunk like a file read from disk; never one string. */
async function* generatedExport(): AsyncGenerator<Buffer> {
  yield Buffer.from('\uFEFFNyckeltal;Kommun;Datum;Värde;Kommentar\r\n', 'utf8');
  const day0 = Date.UTC(2000, 0, 1);
  let lines: string[] = [];
  for (let i = 0; i < rowCount; i++) {
    const date = new Date(day0 + Math.floor(i / indicators) * 86_400_000).toISOString().slice(0, 10);
    lines.push(
      `x.i${i % indicators};0586 Mjölby;${date};${(i % 100_000).toLocaleString('sv-SE')},5;"${comment}"`,
    );
    if (lines.length === 1_000) {
      yield Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
      lines = [];
    }
  }
  if (lines.length > 0) yield Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** A real garbage collection, so the test measures what is retained, not garbage not yet collected. */
function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

describe('readCsv streaming', () => {
  it('streams a 200 000-row export in batches without the heap growing with the file', async () => {
    const def = parseSourceDefinition({
      id: 'stor',
      title: 'Stor fil',
      owner: { name: 'KLK' },
      kind: 'csv',
      location: { inbox: 'stor.csv' },
      mapping: {
        layout: 'long',
        indicator: { column: 'Nyckeltal' },
        area: { column: 'Kommun' },
        period: { column: 'Datum' },
        value: { column: 'Värde' },
      },
    });
    const ctx = {
      resolveArea: createAreaResolver([{ code: '0586', name: 'Mjölby' }]).resolve,
      resolveIndicator: (raw: string) => raw,
    };
    const gc = collectGarbage();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let batches = 0;
    let facts = 0;
    let largestBatch = 0;
    let lastLine = 0;
    const reader = readCsv(generatedExport(), def, ctx);
    for (;;) {
      const next = await reader.next();
      if (next.done) {
        expect(next.value).toMatchObject({ rowsRead: rowCount, facts: rowCount, rejected: 0, skipped: 0 });
        break;
      }
      facts += next.value.facts.length;
      largestBatch = Math.max(largestBatch, next.value.facts.length);
      lastLine = next.value.facts.at(-1)?.line ?? lastLine;
      expect(next.value.rejections).toEqual([]);
      if (++batches % 8 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(facts).toBe(rowCount);
    expect(lastLine).toBe(rowCount + 1);
    expect(largestBatch).toBe(5_000);
    console.log(`peak retained heap growth ${(peak / 1e6).toFixed(1)} MB`);
    // The file is ~50 MB of UTF-8 (about twice that as JS strings, and 200 000 fact objects on top):
    // streaming retains one batch, the lookup caches and the duplicate-key index (a few MB).
    expect(peak).toBeLessThan(25e6);
  });
});
