import type { GoalKind, GoalView } from '../../shared/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.ts';
import { ActivitiesTable } from './activities-table.tsx';
import { IndicatorCard } from './indicator-card.tsx';
import { StatusBadge } from './status-badge.tsx';
import { StatusCounts } from './status-counts.tsx';

function kindLabel(kind: GoalKind, messages: Messages): string {
  if (kind === 'vision') return messages.kindVision;
  return kind === 'municipal_goal' ? messages.kindMunicipalGoal : messages.kindCommitteeGoal;
}

export function goalAnchorId(goal: GoalView): string {
  return `goal-${goal.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/** A kommunmål (or vision) with its rolled-up status, and under it the nämndåtaganden that serve it. */
export function GoalSection({ goal }: { goal: GoalView }) {
  const { messages } = useI18n();
  const id = goalAnchorId(goal);
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="scroll-mt-28 rounded-xl border border-slate-200 bg-slate-50/60 shadow-sm"
    >
      <header className="rounded-t-xl border-b border-slate-200 bg-white px-4 py-4 md:px-6 md:py-5">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          {kindLabel(goal.kind, messages)}
        </p>
        <div className="mt-1 flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
          <h2 id={`${id}-title`} className="min-w-0 flex-1 text-xl font-semibold leading-snug text-slate-900">
            {goal.title}
          </h2>
          <StatusBadge status={goal.status} size="lg" />
        </div>
        <div className="mt-3">
          <StatusCounts counts={goal.statusCounts} />
        </div>
      </header>
      <div className="space-y-6 px-4 py-5 md:px-6">
        <GoalBody goal={goal} />
        {goal.children.map((child) => (
          <CommitmentBlock key={child.key} goal={child} />
        ))}
      </div>
    </section>
  );
}

/** A nämndåtagande: its own indicators, activities and the summary comment for the follow-up. */
function CommitmentBlock({ goal }: { goal: GoalView }) {
  const { messages } = useI18n();
  const id = goalAnchorId(goal);
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-l-2 border-slate-300 pl-3">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {kindLabel(goal.kind, messages)}
          </p>
          <h3
            id={`${id}-title`}
            className="mt-0.5 text-base font-semibold leading-snug text-slate-900 md:text-lg"
          >
            {goal.title}
          </h3>
        </div>
        <StatusBadge status={goal.status} />
      </div>
      <GoalBody goal={goal} />
      {goal.children.map((child) => (
        <CommitmentBlock key={child.key} goal={child} />
      ))}
    </section>
  );
}

function GoalBody({ goal }: { goal: GoalView }) {
  const { messages } = useI18n();
  if (goal.indicators.length === 0 && goal.activities.length === 0 && !goal.comment) return null;
  return (
    <div className="space-y-3">
      {goal.indicators.length > 0 && (
        <ul className="space-y-3" aria-label={messages.indicatorsHeading}>
          {goal.indicators.map((indicator) => (
            <li key={indicator.linkId}>
              <IndicatorCard indicator={indicator} />
            </li>
          ))}
        </ul>
      )}
      <ActivitiesTable activities={goal.activities} />
      {goal.comment && (
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          <h4 className="text-sm font-semibold text-slate-900">{messages.summaryComment}</h4>
          <div className="mt-1 max-w-prose space-y-2 text-sm leading-relaxed text-slate-700">
            {goal.comment.split(/\n\s*\n|\n/).map((paragraph, i) => (
              // A comment's paragraphs have no id; their order is their identity.
              <p key={i}>{paragraph}</p>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
