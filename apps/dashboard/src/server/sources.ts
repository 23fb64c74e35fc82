import { nightOf } from '@malkoll/jobs';
import { loadSourceStatuses, summariseNight } from '@malkoll/pipeline';
import { listRunHistory, type RunHistoryRow, type Warehouse } from '@malkoll/warehouse';
import type { Hono } from 'hono';
import type { SourceRunView, SourcesResponse, SourceView } from '../shared/sources-api.ts';
import type { ViewerPaths } from './viewer-paths.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toRunView(r: RunHistoryRow, paths: ViewerPaths): SourceRunView {
  const started = r.started_at ? new Date(r.started_at).getTime() : null;
  const finished = r.finished_at ? new Date(r.finished_at).getTime() : null;
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    queuedAt: new Date(r.queued_at).toISOString(),
    finishedAt: iso(r.finished_at),
    durationMs: started !== null && finished !== null ? finished - started : null,
    rowsRead: r.rows_read,
    rowsLoaded: r.rows_loaded,
    skipped: r.skipped,
    rowsRejected: r.rows_rejected,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    warning: r.warning,
    error: paths.text(r.error),
  };
}

/**
 * Builds the Sources page's data: state and freshness per source, its latest runs, and tonight; errors
 * with the server's paths rewritten (viewer-paths.ts).
 */
export async function loadSourcesResponse(
  db: Warehouse,
  paths: ViewerPaths,
  now: Date = new Date(),
  runsPerSource = 10,
) {
  const [statuses, night] = await Promise.all([
    loadSourceStatuses(db, now),
    summariseNight(db, nightOf(now), now),
  ]);
  const sources: SourceView[] = await Promise.all(
    statuses.map(async (s) => {
      const { lastRun: _lastRun, ...rest } = s;
      const runs = await listRunHistory(db, { sourceId: s.id, limit: runsPerSource });
      return { ...rest, stateText: paths.text(rest.stateText), runs: runs.map((r) => toRunView(r, paths)) };
    }),
  );
  const body: SourcesResponse = {
    generatedAt: now.toISOString(),
    sources,
    night: {
      night: night.night,
      from: night.from,
      to: night.to,
      counts: night.counts,
      sources: night.sources.map(({ sourceId, title, outcome, runs, error, warning }) => ({
        sourceId,
        title,
        outcome,
        runs,
        error: paths.text(error),
        warning,
      })),
    },
  };
  return body;
}

/** `/api/sources` (all sources) and `/api/sources/:id/runs?limit=` (one source's run history). */
export function registerSourceRoutes(app: Hono, db: Warehouse, paths: ViewerPaths): void {
  app.get('/api/sources', async (c) => c.json(await loadSourcesResponse(db, paths)));
  app.get('/api/sources/:id/runs', async (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      return c.json({ error: 'limit ska vara ett heltal mellan 1 och 500.' }, 400);
    }
    const sourceId = c.req.param('id');
    const statuses = await loadSourceStatuses(db);
    if (!statuses.some((s) => s.id === sourceId)) return c.json({ error: 'Källan finns inte.' }, 404);
    return c.json((await listRunHistory(db, { sourceId, limit })).map((r) => toRunView(r, paths)));
  });
}
