import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { StatusLineage, ValueLineage } from '../../shared/api-types.ts';
import { useJson, whyStatusUrl, whyValueUrl } from '../api.ts';
import { formatDate, formatTimestamp, formatValue, translateUnit } from '../i18n/format.ts';
import { type Language, translate, useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.ts';
import { StatePanel } from './state-panel.tsx';
import { StatusBadge } from './status-badge.tsx';

// "Why is this value / status here?": a native modal <dialog> (the page behind is inert and Escape closes
// it, by the browser; Tab is kept inside by keepFocusInside), opened from a small button next to any
// number or status, which gets the focus back when the dialog closes.

export type WhyTarget =
  | { kind: 'value'; indicator: string; area: string; period: string; breakdown: string }
  | { kind: 'status'; linkId: number; asOf: string };

export function WhyButton({
  target,
  label,
  children,
}: {
  target: WhyTarget;
  label: string;
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    // The dialog is unmounted, not just closed, so the browser's own focus return cannot be relied on.
    requestAnimationFrame(() => button.current?.focus());
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen(true)}
        aria-label={label}
        title={label}
        data-why={target.kind}
        className="inline-flex items-center gap-1 rounded px-1 text-xs font-medium text-blue-800 underline decoration-dotted underline-offset-2 hover:bg-blue-50 print:hidden"
      >
        {children ?? (
          <svg
            viewBox="0 0 20 20"
            className="h-4 w-4"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            aria-hidden="true"
          >
            <circle cx="10" cy="10" r="7.5" />
            <path
              d="M7.8 7.6a2.3 2.3 0 1 1 3.3 2.1c-.7.3-1.1.9-1.1 1.6v.4M10 14.4v.2"
              strokeLinecap="round"
            />
          </svg>
        )}
      </button>
      {open && <WhyDialog target={target} onClose={close} />}
    </>
  );
}

function WhyDialog({ target, onClose }: { target: WhyTarget; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { messages } = useI18n();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    return () => dialog.close();
  }, []);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onKeyDown={keepFocusInside}
      aria-labelledby="why-title"
      className="w-[min(44rem,calc(100vw-2rem))] rounded-xl border border-slate-300 p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-3">
        <h2 id="why-title" className="text-lg font-semibold">
          {target.kind === 'value' ? messages.why.valueTitle : messages.why.statusTitle}
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50"
        >
          {messages.why.close}
        </button>
      </div>
      <div className="max-h-[70vh] overflow-y-auto px-5 py-4 text-sm">
        {target.kind === 'value' ? <ValueBody target={target} /> : <StatusBody target={target} />}
      </div>
    </dialog>
  );
}

/**
 * Tab from the last control goes to the first and Shift+Tab from the first to the last: a modal dialog
 * makes the page inert, but Chromium still lets Tab leave for the browser's own controls.
 */
function keepFocusInside(event: React.KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const focusable = [
    ...event.currentTarget.querySelectorAll<HTMLElement>(
      'button, [href], summary, [tabindex]:not([tabindex="-1"]), input, select, textarea',
    ),
  ].filter((el) => el.offsetParent !== null);
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-x-3 gap-y-0.5 py-1.5 sm:grid-cols-[9rem_1fr]">
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function ValueBody({ target }: { target: Extract<WhyTarget, { kind: 'value' }> }) {
  const { messages, language, locale } = useI18n();
  const r = useJson<ValueLineage>(whyValueUrl(target));
  if (r.state === 'error') return <StatePanel kind="error" message={r.error.message} />;
  if (!r.data) return <StatePanel kind="loading" message={messages.loading} />;
  const v = r.data;
  const fmt = (value: number | null) =>
    value === null
      ? messages.missingValue
      : formatValue(value, { unit: translateUnit(v.unit, language), decimals: v.decimals, locale: language });
  const w = messages.why;
  return (
    <div className="space-y-4">
      <p className="text-base">
        <span className="font-semibold">{v.indicatorTitle}</span>, {v.areaName}, {v.periodLabel}
        {v.breakdown !== 'T' ? ` (${messages.explorer.breakdowns[v.breakdown] ?? v.breakdown})` : ''}:{' '}
        <span className="font-semibold tabular-nums">{fmt(v.value)}</span>
      </p>
      <dl className="divide-y divide-slate-100">
        <Row label={w.source}>
          {v.source.title}{' '}
          <span className="text-slate-600">
            ({v.source.id}, {v.source.kind})
          </span>
        </Row>
        <Row label={w.origin}>
          <code className="break-all text-xs">{v.origin ?? v.run.origin ?? messages.missingValue}</code>
        </Row>
        <Row label={w.run}>
          {translate(w.runSummary, {
            id: v.run.id,
            trigger: w.triggers[v.run.trigger] ?? v.run.trigger,
            time: v.run.finishedAt ? formatTimestamp(v.run.finishedAt, locale) : messages.missingValue,
            read: v.run.rowsRead,
            inserted: v.run.inserted,
            updated: v.run.updated,
            rejected: v.run.rejected,
          })}
        </Row>
        <Row label={w.loadedAt}>{formatTimestamp(v.loadedAt, locale)}</Row>
      </dl>
      <div>
        <h3 className="font-semibold">{w.history}</h3>
        {v.history.length === 0 ? (
          <p className="mt-1 text-slate-700">{w.noHistory}</p>
        ) : (
          <table className="mt-2 w-full text-left">
            <thead className="text-xs text-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  {w.historyColumns.value}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {w.historyColumns.loadedAt}
                </th>
                <th scope="col" className="py-1 pr-3">
                  {w.historyColumns.replacedAt}
                </th>
                <th scope="col" className="py-1">
                  {w.historyColumns.run}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {v.history.map((h) => (
                <tr key={`${h.runId}-${h.replacedAt}`}>
                  <td className="py-1 pr-3 tabular-nums">{fmt(h.value)}</td>
                  <td className="py-1 pr-3">{formatTimestamp(h.loadedAt, locale)}</td>
                  <td className="py-1 pr-3">{formatTimestamp(h.replacedAt, locale)}</td>
                  <td className="py-1">{h.replacedByRunId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function StatusBody({ target }: { target: Extract<WhyTarget, { kind: 'status' }> }) {
  const { messages, language, locale } = useI18n();
  const r = useJson<StatusLineage>(whyStatusUrl(target.linkId, target.asOf));
  if (r.state === 'error') return <StatePanel kind="error" message={r.error.message} />;
  if (!r.data) return <StatePanel kind="loading" message={messages.loading} />;
  const s = r.data;
  const w = messages.why;
  const c = messages.charts.why;
  const reasons = s.reasons[language];
  const fmt = (value: number | null) =>
    value === null
      ? messages.missingValue
      : formatValue(value, { unit: translateUnit(s.unit, language), decimals: s.decimals, locale: language });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-base font-semibold">{s.label}</span>
        <StatusBadge status={s.status} />
        <span className="text-slate-600">{formatDate(s.asOf, language)}</span>
      </div>
      <dl className="divide-y divide-slate-100">
        <Row label={w.explanation}>{language === 'en' ? s.explanationEn : s.explanation}</Row>
        <Row label={c.rule}>
          {reasons.rule} <code className="text-xs text-slate-600">{s.rule}</code>
        </Row>
        <Row label={messages.currentLabel}>
          {fmt(s.currentValue)} {s.currentPeriodLabel ? `(${s.currentPeriodLabel})` : ''}
        </Row>
        {reasons.age && <Row label={c.age}>{reasons.age}</Row>}
        {(reasons.gapToTarget || reasons.gapToExpected) && (
          <Row label={c.gap}>
            <ul className="space-y-0.5">
              {reasons.gapToTarget && (
                <li>
                  <span className="font-medium">{c.gapToTarget}:</span> {reasons.gapToTarget}
                </li>
              )}
              {reasons.gapToExpected && (
                <li>
                  <span className="font-medium">{c.gapToExpected}:</span> {reasons.gapToExpected}
                </li>
              )}
            </ul>
          </Row>
        )}
        {reasons.bands && <Row label={c.tolerance}>{reasons.bands}</Row>}
        {reasons.decided && <Row label={c.decided}>{reasons.decided}</Row>}
        <Row label={w.expected}>{fmt(s.expectedValue)}</Row>
        <Row label={c.planFreshness}>{describePlanFreshness(s, language, c)}</Row>
        <Row label={w.computedAt}>{formatTimestamp(s.computedAt, locale)}</Row>
      </dl>
      <details>
        <summary className="cursor-pointer font-semibold">{w.inputs}</summary>
        <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-3 text-xs">
          {JSON.stringify(s.inputs, null, 2)}
        </pre>
      </details>
    </div>
  );
}

/** "12 av 15 nyckeltal i planen har ett mätt värde per 31 december 2016; det senaste är från …". */
function describePlanFreshness(s: StatusLineage, language: Language, c: Messages['charts']['why']): string {
  const f = s.planFreshness;
  const date = formatDate(s.asOf, language);
  if (f.withValue === 0 || !f.newest || !f.oldest) {
    return translate(c.planFreshnessNone, { links: f.links, date });
  }
  return (
    translate(c.planFreshnessLine, { withValue: f.withValue, links: f.links, date }) +
    translate(c.planFreshnessRange, {
      newest: formatDate(f.newest, language),
      oldest: formatDate(f.oldest, language),
    })
  );
}
