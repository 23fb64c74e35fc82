import type { GoalView } from '../../shared/api-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { goalAnchorId } from './goal-section.tsx';
import { StatusBadge } from './status-badge.tsx';

/** The first screen before a meeting: every kommunmål and its status in one list, each a link down. */
export function GoalsAtAGlance({ goals }: { goals: GoalView[] }) {
  const { messages } = useI18n();
  return (
    <nav
      aria-label={messages.goalsOverviewLabel}
      className="rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900 md:px-6">
        {messages.goalsOverviewLabel}
      </h2>
      <ul className="divide-y divide-slate-100">
        {goals.map((goal) => (
          <li key={goal.key}>
            <a
              href={`#${goalAnchorId(goal)}`}
              className="flex items-center justify-between gap-4 px-4 py-2.5 text-sm text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-600 md:px-6"
            >
              <span className="min-w-0">{goal.title}</span>
              <StatusBadge status={goal.status} size="sm" />
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
