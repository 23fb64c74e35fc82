import { useEffect } from 'react';
import type { RunDetail } from '../../shared/steward-api.ts';
import { useJson } from '../api.ts';
import { RejectionsTable } from '../components/rejections-table.tsx';
import { Panel, SourcesShell } from '../components/sources-shell.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { formatValue } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { SOURCES_MESSAGES } from '../i18n/sources-messages.ts';
import { STEWARD_MESSAGES } from '../i18n/steward-messages.ts';
import { Link, SOURCES_PATH, sourceRunsHref } from '../router.tsx';
import { formatInstant, runResult } from '../sources-format.ts';

const POLL_MS = 1000;
const finished = (status: string) => status === 'succeeded' || status === 'failed';
const n = (v: number) => formatValue(v, { decimals: 0 });

function duration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return s < 60 ? `${formatValue(s, { decimals: 1 })} s` : `${formatValue(s / 60, { decimals: 1 })} min`;
}

const rowKeys = ['read', 'rowsLoaded', 'skipped', 'rowsRejected'] as const;
const valueKeys = ['inserted', 'updated', 'unchanged', 'rejected'] as const;

/** Rows (read = loaded + skipped + rejected) and values, each in its own panel. */
function RunCounts({ run: r }: { run: RunDetail }) {
  const m = STEWARD_MESSAGES[useI18n().language];
  const tiles = (keys: readonly (keyof RunDetail['counts'])[]) =>
    keys.map((k) => (
      <div key={k} className="rounded-md bg-slate-50 px-3 py-2" data-count={k}>
        <dt className="text-xs text-slate-600">{m.run.counts[k]}</dt>
        <dd className="text-lg font-semibold tabular-nums">{n(r.counts[k])}</dd>
      </div>
    ));
  const c = r.counts;
  return (
    <>
      <Panel title={m.run.countsHeading} id="run-counts">
        <p className="text-sm text-slate-700" data-testid="run-rows">
          {translate(m.run.rowsEquation, {
            read: n(c.read),
            loaded: n(c.rowsLoaded),
            skipped: n(c.skipped),
            rejected: n(c.rowsRejected),
          })}
        </p>
        {r.status === 'failed' && c.read > 0 && (
          <p className="mt-1 text-sm text-red-800">{m.run.failedCounts}</p>
        )}
        <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="run-counts">
          {tiles(rowKeys)}
        </dl>
      </Panel>
      <Panel title={m.run.valuesHeading} id="run-values">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="run-values">
          {tiles(valueKeys)}
        </dl>
      </Panel>
    </>
  );
}

/** One run: what it read, its counts and error, and its rejected rows; polls until the run is done. */
export default function RunPage({ runId }: { runId: number }) {
  const { language } = useI18n();
  const m = STEWARD_MESSAGES[language];
  const sm = SOURCES_MESSAGES[language];
  const run = useJson<RunDetail>(`/api/runs/${runId}`);
  const { reload } = run;
  const status = run.data?.status;

  useEffect(() => {
    // A queued or running run is read again each second until it has finished.
    if (run.state === 'loading' || status === undefined || finished(status)) return;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [status, reload, run.state]);

  const title = translate(m.run.title, { id: runId });
  let body: JSX.Element;
  if (run.state === 'error' && !run.data) {
    body = <StatePanel kind="error" message={m.run.loadError} detail={run.error.message} onRetry={reload} />;
  } else if (!run.data) {
    body = <StatePanel kind="loading" message={m.run.loading} />;
  } else {
    const r = run.data;
    const done = finished(r.status);
    const when = (iso: string | null) => (iso ? formatInstant(iso, language, sm) : '–');
    const facts: [string, string][] = [
      [m.run.trigger, sm.trigger[r.trigger] ?? r.trigger],
      [m.run.queued, when(r.queuedAt)],
      [m.run.started, when(r.startedAt)],
      [m.run.finished, when(r.finishedAt)],
      [m.run.duration, duration(r.durationMs)],
      [m.run.files, r.files.length > 0 ? r.files.join(', ') : (r.origin ?? '–')],
    ];
    const result = runResult(
      {
        status: r.status,
        rowsRejected: r.counts.rowsRejected,
        rejected: r.counts.rejected,
        warning: r.warning,
      },
      sm,
    );
    const warned = r.status === 'succeeded' && result.warning;
    body = (
      <>
        <section
          className="rounded-lg border border-slate-200 bg-white p-4"
          aria-live="polite"
          data-run-status={r.status}
          data-run-warning={warned ? 'true' : undefined}
        >
          <p className="text-sm">
            <span className="font-semibold">{m.run.status}: </span>
            <span
              className={`font-semibold ${r.status === 'failed' ? 'text-red-800' : warned ? 'text-amber-800' : ''}`}
            >
              {warned && (
                <span aria-hidden="true" className="mr-1">
                  ⚠
                </span>
              )}
              {result.text}
            </span>
          </p>
          {!done && <p className="mt-1 text-sm text-slate-600">{m.run.waiting}</p>}
          <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            <div className="flex gap-2">
              <dt className="text-slate-600">{m.run.source}:</dt>
              <dd className="font-medium">
                <Link
                  href={sourceRunsHref(r.sourceId)}
                  className="text-blue-800 underline underline-offset-2"
                  data-testid="run-source-link"
                >
                  {r.sourceTitle ?? r.sourceId}
                </Link>
              </dd>
            </div>
            {facts.map(([k, v]) => (
              <div key={k} className="flex gap-2">
                <dt className="text-slate-600">{k}:</dt>
                <dd className="font-medium">{v}</dd>
              </div>
            ))}
          </dl>
          {warned && (
            <p
              className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
              role="status"
              lang="sv"
              data-testid="run-warning"
            >
              <span className="font-semibold">{m.run.warning}: </span>
              {r.warning}
            </p>
          )}
          {r.error && (
            <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" role="alert">
              <span className="font-semibold">{m.run.error}: </span>
              {r.error}
            </p>
          )}
        </section>
        <RunCounts run={r} />
        {r.indicators.length > 0 && (
          <Panel title={m.run.indicatorsHeading} id="run-indicators">
            <p className="text-sm text-slate-700">{m.run.indicatorsLead}</p>
            <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="run-indicators">
              {r.indicators.map((i) => (
                <li key={i.key}>
                  <Link
                    href={`/explorer?indicator=${encodeURIComponent(i.key)}`}
                    className="font-medium text-blue-800 underline underline-offset-2"
                  >
                    {i.title}
                  </Link>
                </li>
              ))}
            </ul>
          </Panel>
        )}
        <Panel title={m.run.rejectedHeading} id="run-rejected">
          {r.counts.rejected === 0 ? (
            <p className="text-sm text-slate-600">{m.run.noRejected}</p>
          ) : (
            <>
              <p className="text-sm text-slate-700">
                {translate(m.run.rejectedShown, { shown: n(r.rejectedShown), total: n(r.counts.rejected) })}{' '}
                <a
                  href={`/api/runs/${r.id}/rejected.csv`}
                  download
                  className="font-medium text-blue-800 underline underline-offset-2"
                >
                  {m.run.download}
                </a>
              </p>
              <RejectionsTable
                rows={r.rejectedRows}
                caption={m.run.rejectedHeading}
                columns={m.rejectionColumns}
                language={language}
              />
            </>
          )}
        </Panel>
      </>
    );
  }
  return (
    <SourcesShell title={title} backHref={SOURCES_PATH} backLabel={m.backToSources}>
      {body}
    </SourcesShell>
  );
}
