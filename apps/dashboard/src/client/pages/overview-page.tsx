import type { GoalStatus, GoalView, PlanOverview } from '../../shared/api-types.ts';
import { GoalSection } from '../components/goal-section.tsx';
import { GoalsAtAGlance } from '../components/goals-at-a-glance.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { StatusCounts } from '../components/status-counts.tsx';
import { formatDate } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';

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

/** The follow-up as the board reads it: all kommunmål at a glance, then each one in full. */
export function OverviewPage({ overview }: { overview: PlanOverview }) {
  const { language, messages } = useI18n();
  const { goals } = overview;
  if (goals.length === 0) return <StatePanel kind="empty" message={messages.noGoals} />;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h2 className="text-2xl font-semibold tracking-tight text-slate-900">
          {translate(messages.overviewHeading, { date: formatDate(overview.asOf, language) })}
        </h2>
        <StatusCounts counts={sumCounts(goals)} />
      </div>
      {goals.length > 1 && <GoalsAtAGlance goals={goals} />}
      {goals.map((goal) => (
        <GoalSection key={goal.key} goal={goal} />
      ))}
    </div>
  );
}
