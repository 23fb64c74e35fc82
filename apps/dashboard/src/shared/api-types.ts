// The JSON contract between the dashboard's HTTP API (src/server) and its React UI (src/client).
// Dates are ISO strings (YYYY-MM-DD); timestamps are ISO date-times. Numbers are raw numbers: the UI
// formats them (Swedish by default) with the indicator's unit and decimals.

export type GoalStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export type GoalKind = 'vision' | 'municipal_goal' | 'committee_goal';
export type ActivityStatus = 'not_started' | 'in_progress' | 'done';
export type TargetType =
  | 'at_least'
  | 'at_most'
  | 'increase'
  | 'decrease'
  | 'range'
  | 'better_than_peers'
  | 'same_level';

export interface PlanSummary {
  id: string;
  name: string;
  organisation: string;
  areaCode: string;
  start: string;
  end: string;
  followUps: string[];
  /** The follow-up date to open: the latest one that has passed and has data (see server/app.ts). */
  defaultAsOf: string;
  isDemo: boolean;
}

export interface SeriesPoint {
  periodEnd: string;
  periodLabel: string;
  value: number | null;
  /** Why the value is null ("missing", "suppressed"), if it is. */
  note: string | null;
}

export interface IndicatorLinkView {
  linkId: number;
  indicatorKey: string;
  /** The row title as the plan words it (seed: "Förändring av invånarantal"). */
  label: string;
  unit: string;
  decimals: number;
  direction: 'higher' | 'lower';
  areaCode: string;
  kind: 'level' | 'ytd_sum';
  baseline: { value: number | null; date: string; text: string | null };
  target: { type: TargetType; value: number | null; date: string; text: string | null };
  current: { value: number | null; periodEnd: string; periodLabel: string } | null;
  status: GoalStatus;
  /** One Swedish sentence with the numbers, computed by the status engine. */
  explanation: string;
  explanationEn: string;
  progress: number | null;
  expectedProgress: number | null;
  series: SeriesPoint[];
}

export interface ActivityView {
  id: number;
  title: string;
  desiredState: string | null;
  status: ActivityStatus;
  statusText: string | null;
  partners: string | null;
  comment: string | null;
}

export interface GoalView {
  key: string;
  kind: GoalKind;
  title: string;
  status: GoalStatus;
  /** Count of linked indicators per status (for this goal and its descendants). */
  statusCounts: Record<GoalStatus, number>;
  indicators: IndicatorLinkView[];
  activities: ActivityView[];
  /** Summary comment for the selected follow-up date, if any. */
  comment: string | null;
  children: GoalView[];
}

export interface PlanOverview {
  plan: PlanSummary;
  asOf: string;
  /** When the newest successful run finished, and of which source. */
  freshness: { lastSuccessAt: string | null; lastSourceId: string | null };
  goals: GoalView[];
}
