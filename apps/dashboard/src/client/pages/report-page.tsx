import type { GoalView, IndicatorLinkView, PlanOverview } from '../../shared/api-types.ts';
import { overviewUrl, useJson } from '../api.ts';
import { StatePanel } from '../components/state-panel.tsx';
import { StatusIcon } from '../components/status-icon.tsx';
import { formatDate, formatValue, translateUnit } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import type { Language, Messages } from '../i18n/messages.ts';

// The board's follow-up report in the shape of the paper one (seed 002): per kommunmål the nämndåtagande,
// the activity table, the result table (Ingångsvärde, Önskat läge, Status) and the summary comment.
// The numbers are the status snapshots stored for the follow-up date, so the report for a date that has
// passed stays as it was computed for that date. Print CSS (styles.css) gives one kommunmål per A4 page.

export default function ReportPage({ planId, asOf }: { planId: string; asOf: string }) {
  const { messages } = useI18n();
  const r = useJson<PlanOverview>(overviewUrl(planId, asOf));
  if (r.state === 'error') return <StatePanel kind="error" message={r.error.message} onRetry={r.reload} />;
  const data = r.data && r.data.asOf === asOf && r.data.plan.id === planId ? r.data : null;
  if (!data) return <StatePanel kind="loading" message={messages.loading} />;
  return <Report data={data} />;
}

function amount(value: number, i: IndicatorLinkView, language: Language): string {
  return formatValue(value, {
    unit: translateUnit(i.unit, language),
    decimals: i.decimals,
    locale: language,
  });
}

function baselineText(i: IndicatorLinkView, m: Messages, language: Language): string {
  if (i.baseline.value !== null) return amount(i.baseline.value, i, language);
  return i.baseline.text ?? m.missingValue;
}

function targetText(i: IndicatorLinkView, m: Messages, language: Language): string {
  const t = i.target;
  if (t.value !== null && (t.type === 'at_least' || t.type === 'at_most' || t.type === 'range')) {
    const bound = t.type === 'at_most' ? `${m.targetAtMost} ` : '';
    return `${bound}${amount(t.value, i, language)}`;
  }
  if (t.text) return t.text;
  return t.type in m.targetWords ? m.targetWords[t.type as keyof Messages['targetWords']] : m.missingValue;
}

function Report({ data }: { data: PlanOverview }) {
  const { language, messages } = useI18n();
  const year = data.plan.start.slice(0, 4);
  return (
    <article className="report mx-auto max-w-4xl space-y-8 bg-white px-4 py-6 text-slate-900 md:px-10 print:max-w-none print:p-0">
      <header className="report-title border-b border-slate-300 pb-4">
        <p className="text-sm text-slate-700">{data.plan.organisation}</p>
        <h2 className="mt-1 text-2xl font-semibold">
          {translate(messages.report.heading, { year, date: formatDate(data.asOf, language) })}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{data.plan.name}</p>
        <button
          type="button"
          onClick={() => window.print()}
          className="mt-3 rounded-md bg-blue-700 px-3 py-2 text-sm font-semibold text-white hover:bg-blue-800 print:hidden"
        >
          {messages.report.print}
        </button>
      </header>
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
  const { language, messages } = useI18n();
  const a = messages.activityColumns;
  const c = messages.report.columns;
  const baselineDates = [...new Set(goal.indicators.map((i) => i.baseline.date))];
  return (
    <>
      {goal.activities.length > 0 && (
        <div>
          <h5 className="text-sm font-semibold">{messages.report.activities}</h5>
          <table className="report-table mt-1 w-full border-collapse text-left text-xs">
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
                  <td>{act.title}</td>
                  <td>{act.desiredState ?? ''}</td>
                  <td>{act.statusText ?? messages.activityStatus[act.status]}</td>
                  <td>{act.partners ?? ''}</td>
                  <td>{act.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {goal.indicators.length > 0 && (
        <div>
          <h5 className="text-sm font-semibold">{messages.report.results}</h5>
          <table className="report-table mt-1 w-full border-collapse text-left text-xs">
            <thead>
              <tr>
                <th scope="col">{c.label}</th>
                <th scope="col">
                  {c.baseline}
                  {baselineDates.length === 1 && baselineDates[0]
                    ? ` ${formatDate(baselineDates[0], language)}`
                    : ''}
                </th>
                <th scope="col">{c.target}</th>
                <th scope="col">{c.current}</th>
                <th scope="col">{c.status}</th>
              </tr>
            </thead>
            <tbody>
              {goal.indicators.map((i) => (
                <tr key={i.linkId}>
                  <td>{i.label}</td>
                  <td className="tabular-nums">{baselineText(i, messages, language)}</td>
                  <td className="tabular-nums">{targetText(i, messages, language)}</td>
                  <td className="tabular-nums">
                    {i.current && i.current.value !== null && i.status !== 'no_data'
                      ? `${amount(i.current.value, i, language)} (${i.current.periodLabel})`
                      : messages.noNewData}
                  </td>
                  <td>
                    <span
                      className="inline-flex items-center gap-1 whitespace-nowrap font-semibold"
                      data-status={i.status}
                    >
                      <StatusIcon status={i.status} className="h-3.5 w-3.5" />
                      {messages.status[i.status]}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
