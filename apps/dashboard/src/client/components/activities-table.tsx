import type { ReactNode } from 'react';
import type { ActivityView } from '../../shared/api-types.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { ACTIVITY_STATUS_STYLES } from '../theme.ts';

/** The plan's "Aktivitetsmått" table, folded away by default: leadership reads the numbers first. */
export function ActivitiesTable({
  activities,
  open = false,
  statusCell,
}: {
  activities: ActivityView[];
  open?: boolean;
  /** Replaces the status badge (a steward's status select on the goal page). */
  statusCell?: (activity: ActivityView) => ReactNode;
}) {
  const { messages } = useI18n();
  if (activities.length === 0) return null;
  const columns = messages.activityColumns;
  return (
    <details open={open} className="group rounded-lg border border-slate-200 bg-white">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-4 py-3 text-sm font-semibold text-slate-900 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
        <svg
          viewBox="0 0 20 20"
          className="h-4 w-4 shrink-0 text-slate-600 transition-transform group-open:rotate-90"
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          aria-hidden="true"
        >
          <path d="M7.5 5l5 5-5 5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {translate(messages.activitiesHeading, { count: activities.length })}
      </summary>
      <section
        className="overflow-x-auto border-t border-slate-200 focus:outline-none focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-800"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways on a phone, so its box must be reachable by keyboard (axe scrollable-region-focusable)
        tabIndex={0}
        aria-label={messages.charts.tableRegion}
      >
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="bg-slate-50 text-xs font-semibold text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2">
                {columns.title}
              </th>
              <th scope="col" className="px-3 py-2">
                {columns.desiredState}
              </th>
              <th scope="col" className="px-3 py-2">
                {columns.status}
              </th>
              <th scope="col" className="px-3 py-2">
                {columns.partners}
              </th>
              <th scope="col" className="px-4 py-2">
                {columns.comment}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top text-slate-800">
            {activities.map((a) => (
              <tr key={a.id}>
                <td className="px-4 py-2.5 font-medium text-slate-900">{a.title}</td>
                <td className="px-3 py-2.5">{a.desiredState ?? messages.missingValue}</td>
                <td className="px-3 py-2.5">
                  {statusCell ? (
                    statusCell(a)
                  ) : (
                    <span
                      className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${ACTIVITY_STATUS_STYLES[a.status]}`}
                    >
                      {messages.activityStatus[a.status]}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2.5">{a.partners ?? messages.missingValue}</td>
                <td className="px-4 py-2.5 text-slate-700">{a.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </details>
  );
}
