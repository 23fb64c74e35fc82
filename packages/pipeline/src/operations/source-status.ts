import { formatDate, formatNumber, todayInSweden } from '@malkoll/goals';
import { DEFAULT_TIME_ZONE, formatZoned, nextFireTimes, nightWindow } from '@malkoll/jobs';
import { assessFreshness, type FreshnessState, parseSourceDefinition } from '@malkoll/sources';
import {
  listRunsQueuedBetween,
  listSourceOperations,
  type RunHistoryRow,
  type SourceOperationsRow,
  type Warehouse,
} from '@malkoll/warehouse';
import { formatRunCounts, type RunCounts } from '../ingest/run-summary.ts';

/*
 * What an operator needs to know about each source and each night, derived from the runs table and
 * the definitions (nothing here is stored twice): shown on the dashboard's Sources page, printed by
 * `malkoll runs --night`, and checked by the worker for stale-data alerts.
 */

/** `warning`: the latest run loaded but rejected rows or values (on time or not, that comes first). */
export type SourceState = 'ok' | 'running' | 'failing' | 'stale' | 'warning' | 'no_data';

export interface SourceStatus {
  id: string;
  title: string;
  state: SourceState;
  /** The state in Swedish words, with the dates that explain it. */
  stateText: string;
  schedule: { cron: string; timeZone: string; nextRunAt: string | null; nextRunLabel: string | null } | null;
  /** Runs when a new file arrives in its inbox folder (`on_file_arrival` of a file source). */
  onFileArrival: boolean;
  lastSuccessAt: string | null;
  lastNewDataAt: string | null;
  lastPeriod: { end: string; label: string } | null;
  lastRun: {
    id: number;
    status: string;
    trigger: string;
    at: string | null;
    error: string | null;
    warning: string | null;
  } | null;
  freshness: {
    state: FreshnessState;
    cadence: string | null;
    expectedPeriod: string | null;
    due: string | null;
  };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function buildSourceStatus(row: SourceOperationsRow, now: Date): SourceStatus {
  let rule: ReturnType<typeof parseSourceDefinition>['freshness'];
  let onFileArrival = false;
  try {
    const definition = parseSourceDefinition(row.definition);
    rule = definition.freshness;
    onFileArrival = 'on_file_arrival' in definition && definition.on_file_arrival === true;
  } catch {
    rule = undefined; // an invalid stored definition shows up as a failing run, not here
  }
  const today = todayInSweden(now);
  const freshness = assessFreshness(rule, row.last_period_end, today);
  let nextRunAt: Date | null = null;
  if (row.schedule_cron) {
    try {
      nextRunAt = nextFireTimes(row.schedule_cron, { from: now, tz: row.schedule_tz })[0] ?? null;
    } catch {
      nextRunAt = null;
    }
  }
  const tz = row.schedule_tz ?? DEFAULT_TIME_ZONE;

  let state: SourceState;
  let stateText: string;
  if (row.last_run_status === 'queued' || row.last_run_status === 'running') {
    state = 'running';
    stateText = 'Körs just nu.';
  } else if (row.last_run_status === 'failed') {
    state = 'failing';
    stateText = `Senaste körningen misslyckades: ${row.last_run_error ?? 'okänt fel'}`;
  } else if (freshness.state === 'stale' && freshness.expected) {
    state = 'stale';
    stateText = `Försenad: ${freshness.expected.period.label} skulle ha kommit senast ${formatDate(freshness.expected.due)}.`;
  } else if (row.last_run_status === 'succeeded' && row.last_run_warning !== null) {
    state = 'warning';
    stateText = `Senaste körningen: ${row.last_run_warning}.`;
  } else if (row.last_period_end === null) {
    state = 'no_data';
    stateText = row.last_run_status === null ? 'Har aldrig körts.' : 'Inga värden inlästa ännu.';
  } else {
    state = 'ok';
    // Without a cadence nothing is expected, so nothing can be on time: say what was loaded, not "I tid".
    stateText = freshness.expected
      ? `I tid: nästa period, ${freshness.expected.period.label}, väntas senast ${formatDate(freshness.expected.due)}.`
      : rule === undefined
        ? `Inläst: senaste period ${row.last_period_label ?? ''}; ingen takt angiven.`.replace(' ;', ';')
        : `I tid: senaste period ${row.last_period_label ?? ''}.`.replace(' .', '.');
  }

  return {
    id: row.id,
    title: row.title,
    state,
    stateText,
    schedule: row.schedule_cron
      ? {
          cron: row.schedule_cron,
          timeZone: tz,
          nextRunAt: iso(nextRunAt),
          nextRunLabel: nextRunAt ? formatZoned(nextRunAt, tz) : null,
        }
      : null,
    onFileArrival,
    lastSuccessAt: iso(row.last_success_at),
    lastNewDataAt: iso(row.last_new_data_at),
    lastPeriod:
      row.last_period_end && row.last_period_label
        ? { end: row.last_period_end, label: row.last_period_label }
        : null,
    lastRun:
      row.last_run_id === null
        ? null
        : {
            id: row.last_run_id,
            status: row.last_run_status ?? '',
            trigger: row.last_run_trigger ?? '',
            at: iso(row.last_run_at),
            error: row.last_run_error,
            warning: row.last_run_warning,
          },
    freshness: {
      state: freshness.state,
      cadence: rule?.cadence ?? null,
      expectedPeriod: freshness.expected?.period.label ?? null,
      due: freshness.expected?.due ?? null,
    },
  };
}

export async function loadSourceStatuses(db: Warehouse, now: Date = new Date()): Promise<SourceStatus[]> {
  return (await listSourceOperations(db)).map((row) => buildSourceStatus(row, now));
}

export type NightOutcome = 'loaded' | 'unchanged' | 'failed' | 'running' | 'missed';

export interface NightSourceLine {
  sourceId: string;
  title: string;
  outcome: NightOutcome;
  runs: number;
  /** Rows of the last run: rowsRead = rowsLoaded + rowsSkipped + rowsRejected (0 unless it succeeded). */
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
  rowsRejected: number;
  /** Values of the last run (0 unless it succeeded); `rejected` counts rejected values. */
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The last run loaded but rejected something: it is no plain success. */
  warning: string | null;
  error: string | null;
}

export interface NightSummary {
  night: string;
  from: string;
  to: string;
  sources: NightSourceLine[];
  counts: Record<NightOutcome, number>;
  /** Sources whose last run of the night succeeded with a warning (rejections). */
  withWarning: number;
}

/**
 * The night's refresh, source by source: what its last run of the night did (loaded values, found
 * nothing new, failed, still running), or that a scheduled source did not run at all.
 */
export async function summariseNight(
  db: Warehouse,
  night: string,
  now: Date = new Date(),
): Promise<NightSummary> {
  const { from, to } = nightWindow(night);
  const [runs, sources] = await Promise.all([listRunsQueuedBetween(db, from, to), listSourceOperations(db)]);
  const bySource = new Map<string, RunHistoryRow[]>();
  for (const run of runs) bySource.set(run.source_id, [...(bySource.get(run.source_id) ?? []), run]);
  const until = now < to ? now : to;

  const lines: NightSourceLine[] = [];
  for (const source of sources) {
    const own = bySource.get(source.id) ?? [];
    const last = own.at(-1);
    let scheduledInNight = false;
    if (source.schedule_cron) {
      try {
        const next = nextFireTimes(source.schedule_cron, {
          from: new Date(from.getTime() - 1),
          tz: source.schedule_tz,
        })[0];
        scheduledInNight = next !== undefined && next < until;
      } catch {
        scheduledInNight = false;
      }
    }
    if (!last && !scheduledInNight) continue;
    const sum = (
      k:
        | 'rows_read'
        | 'rows_loaded'
        | 'skipped'
        | 'rows_rejected'
        | 'inserted'
        | 'updated'
        | 'unchanged'
        | 'rejected',
    ) => (last?.status === 'succeeded' ? last[k] : 0);
    let outcome: NightOutcome;
    if (!last) outcome = 'missed';
    else if (last.status === 'succeeded') outcome = last.inserted + last.updated > 0 ? 'loaded' : 'unchanged';
    else if (last.status === 'failed') outcome = 'failed';
    else outcome = 'running';
    lines.push({
      sourceId: source.id,
      title: source.title,
      outcome,
      runs: own.length,
      rowsRead: sum('rows_read'),
      rowsLoaded: sum('rows_loaded'),
      rowsSkipped: sum('skipped'),
      rowsRejected: sum('rows_rejected'),
      inserted: sum('inserted'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      rejected: sum('rejected'),
      warning: last?.status === 'succeeded' ? last.warning : null,
      error: last?.status === 'failed' ? last.error : null,
    });
  }
  const counts: Record<NightOutcome, number> = { loaded: 0, unchanged: 0, failed: 0, running: 0, missed: 0 };
  for (const line of lines) counts[line.outcome] += 1;
  const withWarning = lines.filter((l) => l.warning !== null).length;
  return { night, from: from.toISOString(), to: to.toISOString(), sources: lines, counts, withWarning };
}

const outcomeWords: Record<NightOutcome, string> = {
  loaded: 'laddade',
  unchanged: 'inga ändringar',
  failed: 'misslyckades',
  running: 'pågår',
  missed: 'kördes inte',
};

/**
 * The night's summary as Swedish text: one line per source, and for a source that loaded, its rows
 * and values on the next line. A run with rejections says so in its line ("laddade med varning").
 */
export function formatNightSummary(summary: NightSummary): string {
  const n = (v: number) => formatNumber(v);
  const lines = [
    `Natten till ${formatDate(summary.night)} (${formatZoned(new Date(summary.from))} – ${formatZoned(new Date(summary.to))})`,
  ];
  if (summary.sources.length === 0) {
    lines.push('Inga körningar och inga schemalagda källor den natten.');
    return lines.join('\n');
  }
  const c = summary.counts;
  lines.push(
    `${n(summary.sources.length)} källor: ${n(c.loaded)} laddade, ${n(c.unchanged)} utan ändringar, ${n(c.failed)} misslyckades, ${n(c.missed)} kördes inte${c.running > 0 ? `, ${n(c.running)} pågår` : ''}${summary.withWarning > 0 ? `; ${n(summary.withWarning)} med varning (avvisade rader)` : ''}.`,
  );
  for (const s of summary.sources) {
    const loaded = s.outcome === 'loaded' || s.outcome === 'unchanged';
    let detail = '';
    if (s.outcome === 'failed') detail = `: ${s.error ?? 'okänt fel'}`;
    else if (loaded && s.warning !== null) detail = ` med varning: ${s.warning}`;
    const attempts = s.runs > 1 ? ` (${n(s.runs)} körningar)` : '';
    lines.push(`  ${s.sourceId} – ${outcomeWords[s.outcome]}${detail}${attempts}`);
    if (loaded) lines.push(`      ${formatRunCounts(nightLineCounts(s))}`);
  }
  return lines.join('\n');
}

function nightLineCounts(s: NightSourceLine): RunCounts {
  return {
    rows_read: s.rowsRead,
    rows_loaded: s.rowsLoaded,
    rows_skipped: s.rowsSkipped,
    rows_rejected: s.rowsRejected,
    values_inserted: s.inserted,
    values_updated: s.updated,
    values_unchanged: s.unchanged,
    values_rejected: s.rejected,
  };
}
