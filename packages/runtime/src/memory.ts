/**
 * V8 settings the worker runs with (`pnpm start`, the worker's `start` script, `pnpm bench:ingest` and the
 * service units of docs/operations.md pass them to `node`).
 *
 * The ingest streams, so its live heap stays near 40–50 MB whatever the file's size; what made the
 * process's RSS grow with the file was V8's sizing of its heap, not live data:
 * - under the ingest's allocation rate (short-lived strings and objects per row) the young generation
 *   grows to its 16 MB semi-spaces; `--max-semi-space-size=2` keeps it small (the objects still die
 *   young: a batch is 1 000 rows);
 * - the old generation was allowed to fill to about twice the live heap before a full collection. V8
 *   scales that growing factor with the heap limit: near its minimum (about 1.1×) for a limit of
 *   256 MB, up to 4× for the default of several GB. `--max-old-space-size=256` is that limit: five
 *   times the ingest's live heap, so for the ingest it changes when V8 collects. It is also a hard cap:
 *   a job that needed more than 256 MB of live heap would end the process (none of ours comes near).
 * On 5 million rows: peak RSS 222 MB with the semi-spaces alone, 140 MB with both (`pnpm bench:ingest`).
 * The small young generation costs throughput (more scavenges). Measured on 5 million rows on a quiet
 * machine, first load: semi-space 2 MB 143 MB in 31 s; 4 MB 150–155 MB in 27 s; 8 MB 153 MB in 20 s;
 * Node's defaults under tsx 264 MB in 21 s. The 150 MB ceiling decides: 2 MB.
 */
export const workerNodeFlags: readonly string[] = ['--max-semi-space-size=2', '--max-old-space-size=256'];
