/**
 * V8 settings the worker runs with (`pnpm start`, `pnpm bench:ingest` and the service units of
 * docs/operations.md pass them to `node`). The ingest streams, so its live heap stays near 50 MB at any
 * file size; what made its RSS grow with the file was V8's own sizing: the young generation grows to
 * 3 × 16 MB semi-spaces under a high allocation rate (one short-lived string and object per row), and
 * the old generation is allowed to fill to several times the live heap before a full collection.
 * Smaller semi-spaces keep the young generation's pages few; the old-space limit bounds what garbage
 * may pile up. Measured with `pnpm bench:ingest` (see ARCHITECTURE.md, "Ingest").
 */
export const workerNodeFlags: readonly string[] = ['--max-semi-space-size=2', '--max-old-space-size=256'];
