import { useCallback, useState } from 'react';
import type { GoalPage as GoalPageData, GoalView } from '../../shared/api-types.ts';
import { ApiError, goalUrl, useJson } from '../api.ts';
import { ActivitiesTable } from '../components/activities-table.tsx';
import { GoalIndicatorChart } from '../components/goal-indicator-chart.tsx';
import { IndicatorCard } from '../components/indicator-card.tsx';
import { ActivityStatusSelect, CommentEditor, LinkValuesEditor } from '../components/plan-editors.tsx';
import { PlanHistory } from '../components/plan-history.tsx';
import { NotFoundPanel, StatePanel } from '../components/state-panel.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { StatusCounts } from '../components/status-counts.tsx';
import { formatDate } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, overviewHref } from '../router.tsx';
import { useSession } from '../session.tsx';

/** What the page's edit controls need: whether to show them, and what to do after a change. */
interface Editing {
  canEdit: boolean;
  onChanged: () => void;
  /** Counts changes, so the history below loads again after each. */
  changes: number;
}

/** One kommunmål in full: its nämndåtaganden, every nyckeltal with its trend, activities and comments. */
export default function GoalPage({
  planId,
  goalKey,
  asOf,
}: {
  planId: string;
  goalKey: string;
  asOf: string;
}) {
  const { messages } = useI18n();
  const page = useJson<GoalPageData>(goalUrl(planId, goalKey, asOf));
  const { can } = useSession();
  const [changes, setChanges] = useState(0);
  const { reload } = page;
  const onChanged = useCallback(() => {
    reload();
    setChanges((n) => n + 1);
  }, [reload]);
  if (page.state === 'error') {
    // An unknown goal is not worth retrying: say it once and offer the way home.
    if (page.error instanceof ApiError && page.error.status === 404) {
      return <NotFoundPanel message={messages.goalPage.notFound} />;
    }
    return (
      <StatePanel
        kind="error"
        message={messages.loadError}
        detail={page.error.message}
        onRetry={page.reload}
      />
    );
  }
  const data = page.data && page.data.goal.key === goalKey ? page.data : null;
  if (!data) return <StatePanel kind="loading" message={messages.loading} />;
  return <GoalContent data={data} editing={{ canEdit: can('steward'), onChanged, changes }} />;
}

function GoalContent({ data, editing }: { data: GoalPageData; editing: Editing }) {
  const { language, messages } = useI18n();
  const { goal } = data;
  const comments = data.comments;
  return (
    <div className="space-y-6">
      <Link
        href={overviewHref(data.plan.id, data.asOf)}
        className="inline-block text-sm font-medium text-blue-800 underline underline-offset-2"
      >
        ← {messages.goalPage.back}
      </Link>
      <header className="rounded-xl border border-slate-200 bg-white px-4 py-4 shadow-sm md:px-6">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          {goal.kind === 'committee_goal' ? messages.kindCommitteeGoal : messages.kindMunicipalGoal}
        </p>
        <div className="mt-1 flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
          {/* On a phone the badge sits above the title, which gets the whole width (long Swedish words). */}
          <h2 className="min-w-0 basis-full break-words text-xl font-semibold leading-snug text-slate-900 sm:flex-1 sm:basis-0 md:text-2xl">
            {goal.title}
          </h2>
          <div className="order-first sm:order-none">
            <StatusBadge status={goal.status} size="lg" />
          </div>
        </div>
        <div className="mt-3">
          <StatusCounts counts={goal.statusCounts} />
        </div>
      </header>

      <GoalBlock goal={goal} data={data} editing={editing} />
      {goal.children.length > 0 && (
        <section aria-labelledby="commitments" className="space-y-6">
          <h2 id="commitments" className="text-lg font-semibold text-slate-900">
            {messages.goalPage.commitments}
          </h2>
          {goal.children.map((child) => (
            <section
              key={child.key}
              aria-labelledby={`c-${child.key}`}
              className="space-y-4 rounded-xl border border-slate-200 bg-slate-50/60 p-4 md:p-5"
            >
              <div className="flex flex-wrap items-start justify-between gap-3 border-l-2 border-slate-400 pl-3">
                <div className="min-w-0 basis-full break-words sm:flex-1 sm:basis-0">
                  <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                    {messages.kindCommitteeGoal}
                  </p>
                  <h3
                    id={`c-${child.key}`}
                    className="mt-0.5 text-base font-semibold text-slate-900 md:text-lg"
                  >
                    {child.title}
                  </h3>
                </div>
                <div className="order-first sm:order-none">
                  <StatusBadge status={child.status} />
                </div>
              </div>
              <GoalBlock goal={child} data={data} editing={editing} />
            </section>
          ))}
        </section>
      )}

      <section
        aria-labelledby="comments"
        className="rounded-xl border border-slate-200 bg-white px-4 py-4 md:px-6"
      >
        <h2 id="comments" className="text-lg font-semibold text-slate-900">
          {messages.goalPage.comments}
        </h2>
        {comments.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{messages.goalPage.noComments}</p>
        ) : (
          <ol className="mt-2 space-y-3">
            {comments.map((c) => (
              <li key={`${c.goalKey}-${c.date}`} className="text-sm">
                <p className="font-semibold text-slate-900">{formatDate(c.date, language)}</p>
                <p className="mt-0.5 max-w-prose whitespace-pre-line leading-relaxed text-slate-700">
                  {c.text}
                </p>
              </li>
            ))}
          </ol>
        )}
        {editing.canEdit && (
          <CommentEditor
            planId={data.plan.id}
            goals={[goal, ...goal.children].map((g) => ({ key: g.key, title: g.title }))}
            followUps={data.plan.followUps}
            asOf={data.asOf}
            comments={comments}
            onChanged={editing.onChanged}
          />
        )}
      </section>
      <PlanHistory key={editing.changes} planId={data.plan.id} goalKey={goal.key} />
    </div>
  );
}

function GoalBlock({ goal, data, editing }: { goal: GoalView; data: GoalPageData; editing: Editing }) {
  const { messages } = useI18n();
  if (goal.indicators.length === 0 && goal.activities.length === 0) return null;
  return (
    <div className="space-y-3">
      {goal.indicators.length > 0 && (
        <ul className="space-y-3" aria-label={messages.indicatorsHeading}>
          {goal.indicators.map((indicator) => (
            <li key={indicator.linkId}>
              <IndicatorCard
                indicator={indicator}
                asOf={data.asOf}
                chart={<GoalIndicatorChart indicator={indicator} detail={data.details[indicator.linkId]} />}
                footer={
                  editing.canEdit && (
                    <LinkValuesEditor
                      planId={data.plan.id}
                      indicator={indicator}
                      onChanged={editing.onChanged}
                    />
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
      <ActivitiesTable
        activities={goal.activities}
        open
        {...(editing.canEdit
          ? {
              statusCell: (a: GoalView['activities'][number]) => (
                <ActivityStatusSelect planId={data.plan.id} activity={a} onChanged={editing.onChanged} />
              ),
            }
          : {})}
      />
    </div>
  );
}
