import { type ChangeEvent, useEffect, useState } from 'react';
import type { SourceRunView, SourceState, SourcesResponse, SourceView } from '../../shared/sources-api.ts';
import type { RunStartedResponse } from '../../shared/steward-api.ts';
import { ApiError, sendJson, useJson } from '../api.ts';
import { AppHeader } from '../components/app-header.tsx';
import { buttonClass, ScrollRegion, secondaryButtonClass } from '../components/sources-shell.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { formatDate, formatValue } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { SOURCES_MESSAGES } from '../i18n/sources-messages.ts';
import { STEWARD_MESSAGES } from '../i18n/steward-messages.ts';
import { Link, NEW_SOURCE_PATH, navigate, runHref, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { formatInstant, runResult, scheduleInWords } from '../sources-format.ts';

const stateTone: Record<SourceState, string> = {
  ok: 'bg-emerald-50 text-emerald-900 ring-emerald-600/30',
  running: 'bg-blue-50 text-blue-900 ring-blue-600/30',
  failing: 'bg-red-50 text-red-900 ring-red-600/30',
  stale: 'bg-amber-50 text-amber-900 ring-amber-600/40',
  warning: 'bg-amber-50 text-amber-900 ring-amber-600/40',
  no_data: 'bg-slate-50 text-slate-800 ring-slate-500/30',
};

function useSourcesMessages() {
  const { language, locale } = useI18n();
  return { m: SOURCES_MESSAGES[language], language, locale };
}

const n = (v: number) => formatValue(v, { decimals: 0 });

function duration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return s < 60 ? `${formatValue(s, { decimals: 1 })} s` : `${formatValue(s / 60, { decimals: 1 })} min`;
}

/** The state in a word; a source that loads fine but has no cadence is "Inläst", never "I tid". */
function StateBadge({ source }: { source: SourceView }) {
  const { m } = useSourcesMessages();
  const unjudged = source.state === 'ok' && source.freshness.state === 'no_rule';
  return (
    <span
      className={`inline-flex rounded-md px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${unjudged ? stateTone.no_data : stateTone[source.state]}`}
    >
      {unjudged ? m.loadedNoRule : m.state[source.state]}
    </span>
  );
}

/** The schedule as it was saved: the cron in words with the next run, and "När en ny fil kommer". */
function ScheduleText({ source }: { source: SourceView }) {
  const { m, language } = useSourcesMessages();
  const lines: string[] = [];
  if (source.schedule) {
    const words = scheduleInWords(source.schedule.cron, language, m.schedule);
    const next = source.schedule.nextRunAt
      ? translate(m.schedule.next, { date: formatInstant(source.schedule.nextRunAt, language, m) })
      : null;
    lines.push(next ? `${words}; ${next}` : words);
  }
  if (source.onFileArrival) lines.push(m.onFileArrival);
  if (lines.length === 0) lines.push(m.unscheduled);
  return (
    <span className="block max-w-56 space-y-1" data-schedule>
      {lines.map((l) => (
        <span key={l} className="block">
          {l}
        </span>
      ))}
    </span>
  );
}

/** A run's result; a success that rejected something is a warning and says how much. */
export function RunResult({ run }: { run: Parameters<typeof runResult>[0] }) {
  const { m } = useSourcesMessages();
  const result = runResult(run, m);
  const tone = run.status === 'failed' ? 'text-red-800' : result.warning ? 'text-amber-800' : '';
  return (
    <span className={`font-medium ${tone}`} data-run-result={result.warning ? 'warning' : run.status}>
      {result.warning && (
        <span aria-hidden="true" className="mr-1">
          ⚠
        </span>
      )}
      {result.text}
    </span>
  );
}

function RunHistory({ source }: { source: SourceView }) {
  const { m, language } = useSourcesMessages();
  if (source.runs.length === 0) return <p className="px-4 py-3 text-sm text-slate-600">{m.noRuns}</p>;
  const c = m.runColumns;
  return (
    <ScrollRegion label={translate(m.historyHeading, { source: source.title })}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{translate(m.historyHeading, { source: source.title })}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            {[
              c.queued,
              c.trigger,
              c.status,
              c.read,
              c.rowsLoaded,
              c.skipped,
              c.rowsRejected,
              c.inserted,
              c.updated,
              c.unchanged,
              c.rejected,
              c.duration,
              c.error,
            ].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {source.runs.map((r: SourceRunView) => (
            <tr key={r.id} data-run-id={r.id}>
              <td className="whitespace-nowrap px-3 py-1.5">
                <Link href={runHref(r.id)} className="text-blue-800 underline underline-offset-2">
                  {formatInstant(r.queuedAt, language, m)}
                </Link>
              </td>
              <td className="px-3 py-1.5">{m.trigger[r.trigger] ?? r.trigger}</td>
              <td className="whitespace-nowrap px-3 py-1.5">
                <RunResult run={r} />
              </td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n(r.rowsRead)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n(r.rowsLoaded)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n(r.skipped)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n(r.rowsRejected)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n(r.inserted)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n(r.updated)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n(r.unchanged)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{n(r.rejected)}</td>
              <td className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums">
                {duration(r.durationMs)}
              </td>
              <td lang="sv" className={`max-w-md px-3 py-1.5 ${r.error ? 'text-red-800' : 'text-amber-800'}`}>
                {r.error ?? r.warning ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** "Kör nu" and "Ladda upp fil" for one source; a started run opens its detail page. */
function StewardActions({ source, onDone }: { source: SourceView; onDone: () => void }) {
  const { language } = useI18n();
  const sm = STEWARD_MESSAGES[language];
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const started = (answer: RunStartedResponse) => {
    if (answer.runId !== null) navigate(runHref(answer.runId));
    else {
      setMessage({ text: answer.message, error: false });
      onDone();
    }
  };
  const act = async (call: () => Promise<RunStartedResponse>) => {
    setBusy(true);
    setMessage(null);
    try {
      started(await call());
    } catch (error) {
      setMessage({ text: error instanceof ApiError ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const body = new FormData();
    body.append('file', file);
    body.append('run', '1');
    void act(() =>
      sendJson<RunStartedResponse>('POST', `/api/sources/${encodeURIComponent(source.id)}/files`, body),
    );
  };
  return (
    <div className="flex flex-col items-start gap-1.5">
      <button
        type="button"
        className={secondaryButtonClass}
        // One name per row ("Kör nu: Folkmängd per månad"): a list of twelve "Kör nu" says nothing.
        aria-label={`${sm.runNow}: ${source.title}`}
        disabled={busy}
        onClick={() =>
          void act(() =>
            sendJson<RunStartedResponse>('POST', `/api/sources/${encodeURIComponent(source.id)}/runs`, {}),
          )
        }
      >
        {sm.runNow}
      </button>
      <label className={`${secondaryButtonClass} cursor-pointer`}>
        {busy ? sm.uploading : sm.uploadFile}
        <input
          type="file"
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          className="sr-only"
          disabled={busy}
          onChange={upload}
          aria-label={`${sm.uploadFile}: ${source.title}`}
        />
      </label>
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          className={`max-w-xs text-xs ${message.error ? 'text-red-800' : 'text-slate-700'}`}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

function SourceRow({
  source,
  steward,
  onChanged,
  initiallyOpen,
}: {
  source: SourceView;
  steward: boolean;
  onChanged: () => void;
  /** Opened by the address (`?kalla=<id>`, a run's link to its source): its runs show at once. */
  initiallyOpen: boolean;
}) {
  const { m, language } = useSourcesMessages();
  const [open, setOpen] = useState(initiallyOpen);
  const expected =
    source.freshness.expectedPeriod && source.freshness.due
      ? translate(m.expectedBy, {
          period: source.freshness.expectedPeriod,
          date: formatDate(source.freshness.due, language),
        })
      : source.freshness.cadence
        ? translate(m.firstDelivery, {
            cadence: m.cadence[source.freshness.cadence] ?? source.freshness.cadence,
          })
        : m.noRule;
  return (
    <>
      <tr data-source-id={source.id} id={`source-${source.id}`} className="scroll-mt-4 align-top">
        <th scope="row" className="px-3 py-2 text-left font-medium">
          <button
            type="button"
            id={`source-title-${source.id}`}
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
            className="text-left text-blue-800 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
          >
            {source.title}
          </button>
          <span className="block text-xs font-normal text-slate-500">{source.id}</span>
        </th>
        <td className="px-3 py-2">
          <StateBadge source={source} />
          <span lang="sv" className="mt-1 block max-w-xs text-xs text-slate-700">
            {source.stateText}
          </span>
        </td>
        <td className="whitespace-nowrap px-3 py-2">
          {source.lastSuccessAt ? formatInstant(source.lastSuccessAt, language, m) : m.never}
        </td>
        <td className="px-3 py-2">{source.lastPeriod?.label ?? '–'}</td>
        <td className="px-3 py-2">{expected}</td>
        <td className="px-3 py-2">
          <ScheduleText source={source} />
        </td>
        {steward && (
          <td className="px-3 py-2">
            <StewardActions source={source} onDone={onChanged} />
          </td>
        )}
      </tr>
      {open && (
        <tr>
          <td colSpan={steward ? 7 : 6} className="bg-slate-50/60 px-2 pb-3">
            <h3 className="px-2 pt-2 text-sm font-semibold text-slate-800">
              {translate(m.historyHeading, { source: source.title })}
            </h3>
            <RunHistory source={source} />
          </td>
        </tr>
      )}
    </>
  );
}

function NightPanel({ data }: { data: SourcesResponse }) {
  const { m, language } = useSourcesMessages();
  const { night } = data;
  return (
    <section aria-labelledby="night-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="night-heading" className="text-base font-semibold text-slate-900">
        {translate(m.nightHeading, { date: formatDate(night.night, language) })}
      </h2>
      {night.sources.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{m.nightEmpty}</p>
      ) : (
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          {night.sources.map((s) => (
            <li key={s.sourceId} data-night-source={s.sourceId}>
              <span className="font-medium">{s.title}</span>: {m.outcome[s.outcome]}
              {s.error ? <span className="text-red-800"> – {s.error}</span> : null}
              {s.warning ? (
                <span lang="sv" className="text-amber-800">
                  {' '}
                  – {s.warning}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Sources and their freshness, for whoever looks after the nightly refresh. */
export function SourcesPage() {
  const { m, language } = useSourcesMessages();
  const sm = STEWARD_MESSAGES[language];
  const steward = useSession().can('steward');
  const sources = useJson<SourcesResponse>('/api/sources');
  const opened = new URLSearchParams(useLocation().search).get('kalla');
  const loaded = sources.data !== null;
  useEffect(() => {
    // The row a run's link opened, once the list is there (the hash alone came before the rows did).
    if (loaded && opened) document.getElementById(`source-${opened}`)?.scrollIntoView({ block: 'start' });
  }, [loaded, opened]);
  const c = m.columns;
  const headers = [c.source, c.state, c.lastSuccess, c.lastPeriod, c.expected, c.nextRun];
  if (steward) headers.push(sm.actionsLabel);
  let body: JSX.Element;
  if (sources.state === 'error') {
    body = (
      <StatePanel
        kind="error"
        message={m.loadError}
        detail={sources.error.message}
        onRetry={sources.reload}
      />
    );
  } else if (!sources.data) {
    body = <StatePanel kind="loading" message={m.loading} />;
  } else if (sources.data.sources.length === 0) {
    body = <StatePanel kind="empty" message={m.empty} />;
  } else {
    body = (
      <div className="space-y-4">
        <NightPanel data={sources.data} />
        <ScrollRegion label={m.title} className="rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sources.data.sources.map((s) => (
                <SourceRow
                  key={s.id}
                  source={s}
                  steward={steward}
                  onChanged={sources.reload}
                  initiallyOpen={s.id === opened}
                />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </div>
    );
  }
  return (
    <div className="min-h-screen bg-slate-100/70 text-slate-900">
      <AppHeader
        planName={m.title}
        organisation={null}
        controls={
          <a href="/" className="text-sm font-medium text-blue-800 underline-offset-2 hover:underline">
            {m.backToPlan}
          </a>
        }
        status={null}
      />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto max-w-6xl space-y-4 px-4 py-6 focus:outline-none md:px-6"
      >
        <div className="flex flex-wrap items-start justify-between gap-3">
          <p className="text-sm text-slate-700">{m.lead}</p>
          {steward && (
            <Link href={NEW_SOURCE_PATH} className={buttonClass}>
              {sm.newSource}
            </Link>
          )}
        </div>
        {body}
      </main>
    </div>
  );
}
