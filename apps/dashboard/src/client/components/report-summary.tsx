import type { GoalStatus, GoalView, PlanOverview } from '../../shared/api-types.ts';
import { formatDate } from '../i18n/format.ts';
import { useReportMessages } from '../i18n/report-messages.ts';
import { translate } from '../i18n/translate.ts';
import { STATUS_ORDER } from '../theme.ts';
import { StatusIcon } from './status-icon.tsx';

// The report's first page: how many nyckeltal of each kommunmål are in each status (the statuses in
// words and with their shapes, never colour alone), and which nyckeltal changed status since the
// previous follow-up (the snapshots stored for both dates, as the overview shows them).

function totals(goals: readonly GoalView[]): Record<GoalStatus, number> {
  const sum = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<GoalStatus, number>;
  for (const g of goals) for (const s of STATUS_ORDER) sum[s] += g.statusCounts[s];
  return sum;
}

export function ReportSummary({ data }: { data: PlanOverview }) {
  const { language, messages, rm } = useReportMessages();
  const all = totals(data.goals);
  const changed = data.goals.filter((g) => g.changes.length > 0);
  return (
    <section className="report-summary space-y-4" aria-labelledby="report-summary">
      <h3 id="report-summary" className="text-lg font-semibold">
        {rm.summaryHeading}
      </h3>
      <table className="report-table report-stack w-full border-collapse text-left text-sm">
        <caption className="pb-1 text-left text-sm text-slate-700">{rm.statusTableCaption}</caption>
        <thead>
          <tr>
            <th scope="col" className="align-bottom">
              {rm.goalColumn}
            </th>
            {STATUS_ORDER.map((s) => (
              <th key={s} scope="col" className="report-num w-[11%] align-bottom">
                <StatusIcon status={s} className="ml-auto h-4 w-4" />
                {messages.status[s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.goals.map((g) => (
            <tr key={g.key} data-goal-row={g.key}>
              <th scope="row" className="font-medium">
                {g.title}
              </th>
              {STATUS_ORDER.map((s) => (
                <td key={s} data-label={messages.status[s]} className="report-num tabular-nums">
                  {g.statusCounts[s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{rm.total}</th>
            {STATUS_ORDER.map((s) => (
              <td key={s} data-label={messages.status[s]} className="report-num font-semibold tabular-nums">
                {all[s]}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <div className="report-changes text-sm">
        {data.previousAsOf === null ? (
          <p>{messages.changes.firstFollowUp}</p>
        ) : changed.length === 0 ? (
          <p>{translate(messages.changes.none, { date: formatDate(data.previousAsOf, language) })}</p>
        ) : (
          <>
            <h4 className="font-semibold">
              {translate(messages.changes.heading, { date: formatDate(data.previousAsOf, language) })}
            </h4>
            <ul className="mt-1 space-y-2">
              {changed.map((g) => (
                <li key={g.key}>
                  <p className="font-medium">{g.title}</p>
                  <ul className="mt-0.5 space-y-0.5">
                    {g.changes.map((c) => (
                      <li key={c.linkId} className="flex items-start gap-1.5">
                        <StatusIcon status={c.to} className="mt-0.5 h-4 w-4 shrink-0" />
                        <span>
                          {translate(messages.changes.move, {
                            label: c.label,
                            from: c.from ? messages.status[c.from] : messages.changes.fromNothing,
                            to: messages.status[c.to],
                          })}
                        </span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
