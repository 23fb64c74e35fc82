import { formatZoned } from '@malkoll/jobs';
import { getRun, listRunHistory, type RunHistoryRow, type Warehouse } from '@malkoll/warehouse';
import { formatRunCounts, type RunCounts } from '../ingest/run-summary.ts';

/** One run as `malkoll runs` lists it: what it read, rows and values apart, and how it ended. */
export interface RunListEntry extends RunCounts {
  run_id: number;
  source_id: string;
  trigger: string;
  /** queued, running, succeeded or failed; a succeeded run with `warning` is no plain success. */
  status: string;
  warning: string | null;
  error: string | null;
  queued_at: string;
  finished_at: string | null;
}

function toEntry(r: RunHistoryRow): RunListEntry {
  return {
    run_id: r.id,
    source_id: r.source_id,
    trigger: r.trigger,
    status: r.status,
    warning: r.warning,
    error: r.error,
    queued_at: new Date(r.queued_at).toISOString(),
    finished_at: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    rows_read: r.rows_read,
    rows_loaded: r.rows_loaded,
    rows_skipped: r.skipped,
    rows_rejected: r.rows_rejected,
    values_inserted: r.inserted,
    values_updated: r.updated,
    values_unchanged: r.unchanged,
    values_rejected: r.rejected,
  };
}

/** The latest runs, newest first (of one source when `sourceId` is given). */
export async function listRecentRuns(
  db: Warehouse,
  options: { sourceId?: string; limit?: number } = {},
): Promise<RunListEntry[]> {
  return (await listRunHistory(db, options)).map(toEntry);
}

/** One run by id (a failed run keeps what its file gave), or undefined. */
export async function loadRunEntry(db: Warehouse, runId: number): Promise<RunListEntry | undefined> {
  const run = await getRun(db, runId);
  return run === undefined ? undefined : toEntry({ ...run, id: Number(run.id) });
}

const statusWords: Record<string, string> = {
  queued: 'i kö',
  running: 'körs',
  succeeded: 'lyckades',
  failed: 'misslyckades',
};
const triggerWords: Record<string, string> = {
  schedule: 'schema',
  manual: 'manuellt',
  file: 'ny fil',
  catch_up: 'ikappkörning',
  demo: 'demo',
};

/** The runs as Swedish text: a head line per run, its rows and values, and its warning or error. */
export function formatRunList(runs: readonly RunListEntry[]): string {
  if (runs.length === 0) return 'Inga körningar ännu.';
  const lines: string[] = [];
  for (const r of runs) {
    const status =
      r.status === 'succeeded' && r.warning !== null
        ? 'lyckades med varning'
        : (statusWords[r.status] ?? r.status);
    lines.push(
      `Körning ${r.run_id} av ${r.source_id} (${triggerWords[r.trigger] ?? r.trigger}, ${formatZoned(new Date(r.queued_at))}): ${status}`,
    );
    if (r.status === 'succeeded') lines.push(`  ${formatRunCounts(r)}`);
    // A run failed on its rejections read its file: what the file gave, none of it stored.
    if (r.status === 'failed' && r.rows_read > 0)
      lines.push(`  Filen gav (inget lästes in): ${formatRunCounts(r)}`);
    if (r.warning !== null && r.status === 'succeeded') lines.push(`  Varning: ${r.warning}`);
    if (r.error !== null) lines.push(`  Fel: ${r.error}`);
  }
  return lines.join('\n');
}
