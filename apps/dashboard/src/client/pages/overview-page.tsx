import { ATTENTION_ORDER, sortByAttention } from '@malkoll/answers/card-order';
import { useId, useState } from 'react';
import type { GoalStatus, GoalView, PlanOverview, WorstIndicator } from '../../shared/api-types.ts';
import { SelectField } from '../components/select-field.tsx';
import { Sparkline } from '../components/sparkline.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { StatusCounts } from '../components/status-counts.tsx';
import { StatusIcon } from '../components/status-icon.tsx';
import { formatDate, formatValue, translateUnit } from '../i18n/format.ts';
import { type Language, translate, useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.ts';
import { goalHref, Link, reportHref } from '../router.tsx';
import { STATUS_ORDER, STATUS_STYLES } from '../theme.ts';

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

export type CardOrder = 'status' | 'plan';

export interface OverviewFilters {
  responsible: string | null;
  status: GoalStatus | null;
  /** Worst status first (the default), or the plan's own order. Kept in the address as ?order=plan. */
  order: CardOrder;
}

export const NO_FILTERS: OverviewFilters = { responsible: null, status: null, order: 'status' };

function responsibleOf(goal: GoalView): string[] {
  return [goal.responsible, ...goal.children.flatMap(responsibleOf)].filter((r): r is string => !!r);
}

/**
 * A kommunmål passes when it (or a nämndåtagande under it) belongs to the unit and has a nyckeltal in the
 * status; the cards come worst status first (ties in plan order) unless the plan's order is asked for.
 */
export function filterGoals(goals: readonly GoalView[], f: OverviewFilters): GoalView[] {
  const passing = goals.filter(
    (g) =>
      (f.responsible === null || responsibleOf(g).includes(f.responsible)) &&
      (f.status === null || g.statusCounts[f.status] > 0),
  );
  return f.order === 'plan' ? passing : sortByAttention(passing);
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
    <div className="space-y-4 md:space-y-5">
      <div className="space-y-3">
        <div className="flex items-start justify-between gap-3">
          <h2 className="text-xl font-semibold tracking-tight text-slate-900 md:text-2xl">
            {translate(messages.overviewHeading, { date: formatDate(overview.asOf, language) })}
          </h2>
          <Link
            href={reportHref(overview.plan.id, overview.asOf)}
            className="shrink-0 rounded-md border border-blue-700 bg-white px-3 py-1.5 text-sm font-semibold text-blue-800 hover:bg-blue-50 md:py-2"
          >
            {messages.nav.report}
          </Link>
        </div>
        <StatusSummary goals={goals} />
        <div className="space-y-1">
          <StatusCounts counts={sumCounts(goals)} />
          <p className="text-sm text-slate-700">
            {overview.previousAsOf
              ? translate(messages.changes.heading, { date: formatDate(overview.previousAsOf, language) }) +
                `: ${goals.reduce((n, g) => n + g.changes.length, 0)}`
              : messages.changes.firstFollowUp}
          </p>
        </div>
      </div>

      <FilterBar
        filters={filters}
        onFilters={onFilters}
        units={units}
        shown={shown.length}
        total={goals.length}
      />

      {shown.length === 0 ? (
        <StatePanel kind="empty" message={f.none} />
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2" aria-label={messages.goalsOverviewLabel}>
          {shown.map((goal) => (
            <li key={goal.key} className="min-w-0">
              <GoalCard goal={goal} overview={overview} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The whole plan at a glance: kommunmål per status, worst first, each with its count of nyckeltal. */
function StatusSummary({ goals }: { goals: readonly GoalView[] }) {
  const { messages } = useI18n();
  const o = messages.overview;
  return (
    <div className="space-y-1">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600" aria-hidden="true">
        {o.summaryLabel}
      </p>
      <ul
        aria-label={o.summaryLabel}
        className="grid grid-cols-5 gap-1.5 sm:gap-2"
        data-testid="status-summary"
      >
        {ATTENTION_ORDER.map((status) => {
          const count = goals.filter((g) => g.status === status).length;
          return (
            <li
              key={status}
              data-status={status}
              className={`min-w-0 rounded-lg border border-l-4 border-slate-200 bg-white px-2 py-1.5 sm:px-3 sm:py-2 ${
                STATUS_STYLES[status].accent
              }`}
            >
              <p className="flex items-center gap-1 sm:gap-1.5">
                <StatusIcon status={status} className="h-4 w-4 shrink-0" />
                <span className="text-lg font-semibold tabular-nums text-slate-900 sm:text-xl">{count}</span>
                <span className="sr-only"> {o.goalsWord}</span>
              </p>
              <p className="text-xs font-medium leading-tight text-slate-800 sm:text-sm">
                {messages.status[status]}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * Filters and the card order. On narrow screens the filters fold behind a "Filter" button (aria-expanded)
 * so the first card starts within the first screen; the order toggle stays one click away.
 */
function FilterBar({
  filters,
  onFilters,
  units,
  shown,
  total,
}: {
  filters: OverviewFilters;
  onFilters: (f: OverviewFilters) => void;
  units: string[];
  shown: number;
  total: number;
}) {
  const { messages } = useI18n();
  const f = messages.filters;
  const o = messages.overview;
  const fieldsId = useId();
  const active = (filters.responsible ? 1 : 0) + (filters.status ? 1 : 0);
  // Open from the start when a link arrives with filters set: what is applied stays visible.
  const [open, setOpen] = useState(active > 0);
  return (
    <section
      aria-label={f.heading}
      className="flex flex-wrap items-center gap-x-2 gap-y-2 rounded-lg border border-slate-200 bg-white px-2 py-2 md:items-end md:gap-x-3 md:px-4 md:py-3"
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={fieldsId}
        onClick={() => setOpen(!open)}
        className="inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 md:hidden"
      >
        <svg viewBox="0 0 20 20" className="h-4 w-4" aria-hidden="true" focusable="false">
          <path d="M3 5h14M6 10h8M8.5 15h3" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        {o.filterToggle}
        {active > 0 && (
          <span className="rounded-full bg-blue-700 px-1.5 text-xs font-semibold text-white">
            {translate(o.activeFilters, { count: active })}
          </span>
        )}
      </button>
      <div
        id={fieldsId}
        className={`${open ? 'flex' : 'hidden'} order-last basis-full flex-wrap items-end gap-3 md:order-none md:flex md:basis-auto`}
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
          {translate(f.shown, { shown, total })}
        </p>
        {active > 0 && (
          <button
            type="button"
            onClick={() => onFilters({ ...filters, responsible: null, status: null })}
            className="mb-1 rounded-md px-2 py-1 text-sm font-medium text-blue-800 underline hover:bg-blue-50"
          >
            {f.clear}
          </button>
        )}
      </div>
      <OrderToggle order={filters.order} onOrder={(order) => onFilters({ ...filters, order })} />
    </section>
  );
}

function OrderToggle({ order, onOrder }: { order: CardOrder; onOrder: (order: CardOrder) => void }) {
  const { messages } = useI18n();
  const o = messages.overview;
  const choices: { value: CardOrder; label: string }[] = [
    { value: 'status', label: o.orderStatus },
    { value: 'plan', label: o.orderPlan },
  ];
  return (
    <fieldset className="ml-auto flex items-center gap-2">
      <legend className="sr-only">{o.orderLabel}</legend>
      <span className="hidden text-xs font-medium text-slate-600 lg:inline" aria-hidden="true">
        {o.orderLabel}
      </span>
      <div className="inline-flex h-9 rounded-md border border-slate-300 bg-white p-0.5 shadow-sm">
        {choices.map((c) => (
          <button
            key={c.value}
            type="button"
            aria-pressed={order === c.value}
            onClick={() => onOrder(c.value)}
            className={`whitespace-nowrap rounded px-2 text-sm font-medium sm:px-2.5 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
              order === c.value ? 'bg-blue-700 text-white' : 'text-slate-700 hover:bg-slate-100'
            }`}
          >
            {c.label}
          </button>
        ))}
      </div>
    </fieldset>
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
  const moves = goal.changes;
  return (
    <article
      aria-labelledby={id}
      data-goal={goal.key}
      className="flex h-full flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      {/* Phone: the badge above the title, so the title has the card's whole width. */}
      <div className="flex flex-col-reverse items-start gap-2 sm:flex-row sm:justify-between sm:gap-3">
        <div className="min-w-0">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {messages.kindMunicipalGoal}
          </p>
          <h3 id={id} className="mt-0.5 break-words text-base font-semibold leading-snug text-slate-900">
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
      {goal.worst && <WorstIndicatorLine worst={goal.worst} />}
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

/** "0,0 av 5,0 ha": the value against the target, in the words the target is stated in. */
export function describeAgainstTarget(worst: WorstIndicator, messages: Messages, language: Language): string {
  const o = messages.overview;
  const unit = translateUnit(worst.unit, language);
  const number = (v: number) => formatValue(v, { decimals: worst.decimals, locale: language });
  const target =
    worst.target.value !== null && (worst.target.type === 'at_least' || worst.target.type === 'at_most')
      ? formatValue(worst.target.value, { decimals: worst.decimals, unit, locale: language })
      : worst.target.text;
  const current = worst.current?.value ?? null;
  if (current === null) return target ? translate(o.noValueTarget, { target }) : o.noValue;
  if (!target) return formatValue(current, { decimals: worst.decimals, unit, locale: language });
  if (worst.target.value !== null && worst.target.type === 'at_least') {
    return translate(o.valueOfTarget, { current: number(current), target });
  }
  const withUnit = formatValue(current, { decimals: worst.decimals, unit, locale: language });
  if (worst.target.value !== null && worst.target.type === 'at_most') {
    return translate(o.valueAtMost, { current: withUnit, target });
  }
  return translate(o.valueTargetText, { current: withUnit, target });
}

/** The nyckeltal that makes the card look as it does: its status, value against target and own trend. */
function WorstIndicatorLine({ worst }: { worst: WorstIndicator }) {
  const { language, messages } = useI18n();
  const measured = worst.series.filter((p) => p.value !== null);
  return (
    <div
      data-worst-indicator={worst.indicatorKey}
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border-l-4 bg-slate-50 py-2 pl-3 pr-2 ${STATUS_STYLES[worst.status].accent}`}
    >
      {/* On a phone the trend goes under the words rather than squeezing them. */}
      <div className="min-w-[12rem] flex-1 text-sm">
        <p className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
          <StatusIcon status={worst.status} className="h-3.5 w-3.5 shrink-0" />
          <span>
            {messages.overview.worstHeading}: {messages.status[worst.status]}
          </span>
        </p>
        <p className="mt-0.5 break-words text-slate-900">{worst.label}</p>
        <p className="font-semibold tabular-nums text-slate-900" data-testid="against-target">
          {describeAgainstTarget(worst, messages, language)}
          {worst.current && (
            <span className="font-normal text-slate-600"> ({worst.current.periodLabel})</span>
          )}
        </p>
      </div>
      <Sparkline
        values={measured.map((p) => p.value)}
        label={translate(messages.sparklineLabel, {
          label: worst.label,
          points: measured
            .slice(-4)
            .map(
              (p) =>
                `${p.periodLabel} ${formatValue(p.value, { decimals: worst.decimals, locale: language })}`,
            )
            .join(', '),
        })}
      />
    </div>
  );
}
