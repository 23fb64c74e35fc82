import type { GoalStatus, GoalView, PlanOverview } from '../../shared/api-types.ts';
import { SelectField } from '../components/select-field.tsx';
import { Sparkline } from '../components/sparkline.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { StatusCounts } from '../components/status-counts.tsx';
import { StatusIcon } from '../components/status-icon.tsx';
import { formatDate, formatValue } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.ts';
import { goalHref, Link, reportHref } from '../router.tsx';
import { STATUS_ORDER } from '../theme.ts';

function sumCounts(goals: GoalView[]): Record<GoalStatus, number> {
  const total: Record<GoalStatus, number> = {
    achieved: 0,
    on_track: 0,
    at_risk: 0,
    off_track: 0,
    no_data: 0,
  };
  for (const goal of goals) {
    for (const status of Object.keys(total) as GoalStatus[]) total[status] += goal.statusCounts[status];
  }
  return total;
}

export interface OverviewFilters {
  responsible: string | null;
  status: GoalStatus | null;
}

function responsibleOf(goal: GoalView): string[] {
  return [goal.responsible, ...goal.children.flatMap(responsibleOf)].filter((r): r is string => !!r);
}

/** A kommunmål passes when it (or a nämndåtagande under it) belongs to the unit and has a nyckeltal in the status. */
export function filterGoals(goals: readonly GoalView[], f: OverviewFilters): GoalView[] {
  return goals.filter(
    (g) =>
      (f.responsible === null || responsibleOf(g).includes(f.responsible)) &&
      (f.status === null || g.statusCounts[f.status] > 0),
  );
}

/** The follow-up as the board reads it: one card per kommunmål, filters, what changed. */
export function OverviewPage({
  overview,
  filters,
  onFilters,
}: {
  overview: PlanOverview;
  filters: OverviewFilters;
  onFilters: (f: OverviewFilters) => void;
}) {
  const { language, messages } = useI18n();
  const { goals } = overview;
  if (goals.length === 0) return <StatePanel kind="empty" message={messages.noGoals} />;
  const units = [...new Set(goals.flatMap(responsibleOf))].sort((a, b) => a.localeCompare(b, 'sv'));
  const shown = filterGoals(goals, filters);
  const f = messages.filters;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h2 className="text-2xl font-semibold tracking-tight text-slate-900">
            {translate(messages.overviewHeading, { date: formatDate(overview.asOf, language) })}
          </h2>
          <StatusCounts counts={sumCounts(goals)} />
          <p className="text-sm text-slate-700">
            {overview.previousAsOf
              ? translate(messages.changes.heading, { date: formatDate(overview.previousAsOf, language) }) +
                `: ${goals.reduce((n, g) => n + g.changes.length, 0)}`
              : messages.changes.firstFollowUp}
          </p>
        </div>
        <Link
          href={reportHref(overview.plan.id, overview.asOf)}
          className="rounded-md border border-blue-700 bg-white px-3 py-2 text-sm font-semibold text-blue-800 hover:bg-blue-50"
        >
          {messages.nav.report}
        </Link>
      </div>

      <section
        aria-label={f.heading}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3"
      >
        <SelectField
          label={f.responsible}
          value={filters.responsible ?? ''}
          options={[{ value: '', label: f.allResponsible }, ...units.map((u) => ({ value: u, label: u }))]}
          onChange={(v) => onFilters({ ...filters, responsible: v || null })}
        />
        <SelectField
          label={f.status}
          value={filters.status ?? ''}
          options={[
            { value: '', label: f.allStatuses },
            ...STATUS_ORDER.map((s) => ({ value: s, label: messages.status[s] })),
          ]}
          onChange={(v) => onFilters({ ...filters, status: (v || null) as GoalStatus | null })}
        />
        <p className="pb-2 text-sm text-slate-700" aria-live="polite">
          {translate(f.shown, { shown: shown.length, total: goals.length })}
        </p>
        {(filters.responsible || filters.status) && (
          <button
            type="button"
            onClick={() => onFilters({ responsible: null, status: null })}
            className="mb-1 rounded-md px-2 py-1 text-sm font-medium text-blue-800 underline hover:bg-blue-50"
          >
            {f.clear}
          </button>
        )}
      </section>

      {shown.length === 0 ? (
        <StatePanel kind="empty" message={f.none} />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label={messages.goalsOverviewLabel}>
          {shown.map((goal) => (
            <li key={goal.key}>
              <GoalCard goal={goal} overview={overview} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function describeMove(change: GoalView['changes'][number], messages: Messages): string {
  return translate(messages.changes.move, {
    label: change.label,
    from: change.from ? messages.status[change.from] : messages.changes.fromNothing,
    to: messages.status[change.to],
  });
}

function GoalCard({ goal, overview }: { goal: GoalView; overview: PlanOverview }) {
  const { language, messages } = useI18n();
  const id = `card-${goal.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const spark = goal.sparkline;
  const moves = goal.changes;
  return (
    <article
      aria-labelledby={id}
      data-goal={goal.key}
      className="flex h-full flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {messages.kindMunicipalGoal}
          </p>
          <h3 id={id} className="mt-0.5 text-base font-semibold leading-snug text-slate-900">
            <Link
              href={goalHref(overview.plan.id, goal.key, overview.asOf)}
              className="hover:underline focus-visible:underline"
            >
              {goal.title}
            </Link>
          </h3>
        </div>
        <StatusBadge status={goal.status} />
      </div>
      <StatusCounts counts={goal.statusCounts} />
      {spark && (
        <div className="flex items-center gap-3 text-xs text-slate-700">
          <Sparkline
            values={spark.points.flatMap((p) => (p.value === null ? [] : [p.value]))}
            label={translate(messages.sparklineLabel, {
              label: spark.label,
              points: spark.points
                .filter((p) => p.value !== null)
                .slice(-4)
                .map(
                  (p) =>
                    `${p.periodLabel} ${formatValue(p.value, { decimals: spark.decimals, locale: language })}`,
                )
                .join(', '),
            })}
          />
          <span className="min-w-0">{spark.label}</span>
        </div>
      )}
      {overview.previousAsOf !== null && (
        <div className="mt-auto border-t border-slate-100 pt-2 text-sm">
          {moves.length === 0 ? (
            <p className="text-slate-600">
              {translate(messages.changes.none, { date: formatDate(overview.previousAsOf, language) })}
            </p>
          ) : (
            <>
              <p className="font-medium text-slate-900">
                {translate(messages.changes.heading, { date: formatDate(overview.previousAsOf, language) })}
              </p>
              <ul className="mt-1 space-y-1">
                {moves.slice(0, 4).map((c) => (
                  <li key={c.linkId} className="flex items-start gap-1.5 text-slate-700">
                    <StatusIcon status={c.to} className="mt-0.5 h-4 w-4 shrink-0" />
                    <span>{describeMove(c, messages)}</span>
                  </li>
                ))}
                {moves.length > 4 && <li className="text-slate-600">+{moves.length - 4}</li>}
              </ul>
            </>
          )}
        </div>
      )}
    </article>
  );
}
