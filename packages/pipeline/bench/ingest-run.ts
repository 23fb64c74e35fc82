// One pipeline run of the ingest benchmark, in its own process so that its peak RSS is the pipeline's
// alone (not the harness's, which writes the file). Usage: tsx ingest-run.ts <database-url> <inbox>.
// Prints one JSON line: seconds, the run summary, peak RSS in MB and the heap sampled during the run.
import { createLogger } from '@malkoll/runtime';
import { createWarehouse } from '@malkoll/warehouse';
import { ingestSource } from '../src/ingest/ingest-source.ts';

const [url, inbox] = process.argv.slice(2);
if (url === undefined || inbox === undefined) throw new Error('usage: ingest-run.ts <database-url> <inbox>');
const { db, pool } = createWarehouse({ url, max: 2, applicationName: 'malkoll-bench' });
try {
  // What the process holds before the first row: Node, the TypeScript loader, the imported modules.
  const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  let peakHeap = 0;
  let peakExternal = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakExternal = Math.max(peakExternal, m.external);
  }, 100);
  const log = createLogger('bench', process.env.BENCH_LOG === '1' ? 'debug' : 'silent');
  const start = process.hrtime.bigint();
  const summary = await ingestSource(
    { db, pool, inboxRoot: inbox, log },
    { sourceId: 'bench', trigger: 'manual' },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  console.log(
    JSON.stringify({
      seconds,
      summary: { ...summary, touched_indicator_ids: summary.touched_indicator_ids.length },
      rssBeforeMb,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      peakHeapMb: Math.round(peakHeap / 1024 / 1024),
      // Typed arrays and buffers outside the JS heap (the duplicate-key index, read chunks).
      peakExternalMb: Math.round(peakExternal / 1024 / 1024),
    }),
  );
} finally {
  await db.destroy();
}
