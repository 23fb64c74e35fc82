import { useState } from 'react';
import type { GoalView, PlanOverview } from '../../shared/api-types.ts';
import { overviewUrl, useJson } from '../api.ts';
import { ReportIndicator } from '../components/report-indicator.tsx';
import { useReportPrintMarks } from '../components/report-print-marks.ts';
import { ReportSummary } from '../components/report-summary.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { describeFreshness } from '../freshness-text.ts';
import { formatDate } from '../i18n/format.ts';
import { translate } from '../i18n/i18n.tsx';
import { useReportMessages } from '../i18n/report-messages.ts';

// The board's follow-up report, printable as it is tabled: page 1 the summary (nyckeltal per status and
// kommunmål, what changed since the previous follow-up), then per kommunmål its nämndåtaganden, the
// activity table, each nyckeltal with a small chart, its numbers and status sentence, and the summary
// comment. The numbers are the status snapshots stored for the follow-up date, so the report for a date
// that has passed stays as it was computed for that date. Print CSS (styles.css, "report print") lets
// the goals flow over A4 pages, keeps each nyckeltal whole, and puts the demo label, print date, data
// freshness and "Sida N av M" on every page.

export default function ReportPage({ planId, asOf }: { planId: string; asOf: string }) {
  const { messages } = useReportMessages();
  const r = useJson<PlanOverview>(overviewUrl(planId, asOf));
  if (r.state === 'error') return <StatePanel kind="error" message={r.error.message} onRetry={r.reload} />;
  const data = r.data && r.data.asOf === asOf && r.data.plan.id === planId ? r.data : null;
  if (!data) return <StatePanel kind="loading" message={messages.loading} />;
  return <Report data={data} />;
}

/** Today in Sweden as an ISO date (sv-SE writes dates as YYYY-MM-DD), whatever the device's zone. */
const todayInSweden = (now: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

function Report({ data }: { data: PlanOverview }) {
  const { language, messages, rm } = useReportMessages();
  const [now] = useState(() => new Date());
  const year = data.plan.start.slice(0, 4);
  const date = (iso: string) => formatDate(iso, language);
  const printed = translate(rm.printed, { date: date(todayInSweden(now)) });
  const freshness = describeFreshness(data.freshness, now, language, messages, date);
  const foot = [printed, ...freshness].join(' · ');
  const demo = data.plan.isDemo ? `${rm.demoLabel} · ${messages.demoNotice}` : null;
  useReportPrintMarks({ head: demo, foot, pageWord: rm.pageWord, pageOf: rm.pageOf });
  return (
    <article className="report mx-auto max-w-4xl space-y-8 bg-white px-4 py-6 text-slate-900 md:px-10 print:max-w-none print:space-y-5 print:p-0">
      <header className="report-title border-b border-slate-300 pb-4">
        <p className="text-sm text-slate-700">{data.plan.organisation}</p>
        <h2 className="mt-1 text-2xl font-semibold">
          {translate(messages.report.heading, { year, date: date(data.asOf) })}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{data.plan.name}</p>
        {/* On screen the header above the page says this; in print it is hidden, so the report says it. */}
        <p className="mt-1 hidden text-sm text-slate-700 print:block" data-testid="report-print-meta">
          {foot}
        </p>
        {demo && <p className="mt-1 hidden text-sm font-semibold text-amber-900 print:block">{demo}</p>}
        <button
          type="button"
          onClick={() => window.print()}
          className="mt-3 rounded-md bg-blue-700 px-3 py-2 text-sm font-semibold text-white hover:bg-blue-800 print:hidden"
        >
          {messages.report.print}
        </button>
      </header>
      <ReportSummary data={data} />
      {data.goals.map((goal) => (
        <section key={goal.key} className="report-goal space-y-4" aria-labelledby={`r-${goal.key}`}>
          <h3 id={`r-${goal.key}`} className="text-lg font-semibold">
            {messages.kindMunicipalGoal}: {goal.title}
          </h3>
          <ReportBlock goal={goal} />
          {goal.children.map((child) => (
            <div key={child.key} className="space-y-3">
              <h4 className="font-semibold">
                {messages.kindCommitteeGoal}: {child.title}
              </h4>
              <ReportBlock goal={child} />
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}

function ReportBlock({ goal }: { goal: GoalView }) {
  const { messages } = useReportMessages();
  const a = messages.activityColumns;
  return (
    <>
      {goal.activities.length > 0 && (
        <div>
          <h5 className="text-sm font-semibold">{messages.report.activities}</h5>
          <table className="report-table report-stack mt-1 w-full border-collapse text-left text-xs">
            <thead>
              <tr>
                <th scope="col">{a.title}</th>
                <th scope="col">{a.desiredState}</th>
                <th scope="col">{a.status}</th>
                <th scope="col">{a.partners}</th>
                <th scope="col">{a.comment}</th>
              </tr>
            </thead>
            <tbody>
              {goal.activities.map((act) => (
                <tr key={act.id}>
                  <th scope="row" className="font-normal">
                    {act.title}
                  </th>
                  <td data-label={a.desiredState}>{act.desiredState ?? ''}</td>
                  <td data-label={a.status}>{act.statusText ?? messages.activityStatus[act.status]}</td>
                  <td data-label={a.partners}>{act.partners ?? ''}</td>
                  <td data-label={a.comment}>{act.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {goal.indicators.length > 0 && (
        <div>
          <h5 className="text-sm font-semibold">{messages.report.results}</h5>
          <div className="mt-1">
            {goal.indicators.map((i) => (
              <ReportIndicator key={i.linkId} indicator={i} />
            ))}
          </div>
        </div>
      )}
      {goal.comment && (
        <div className="report-comment">
          <h5 className="text-sm font-semibold">{messages.summaryComment}</h5>
          <div className="mt-1 space-y-2 text-sm leading-relaxed">
            {goal.comment.split(/\n\s*\n|\n/).map((p, k) => (
              // Paragraphs have no id; their order is their identity.
              <p key={k}>{p}</p>
            ))}
          </div>
        </div>
      )}
    </>
  );
}
