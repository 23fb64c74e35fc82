// The JSON contract between the dashboard's HTTP API (src/server) and its React UI (src/client).
// Dates are ISO strings (YYYY-MM-DD); timestamps are ISO date-times. Numbers are raw numbers: the UI
// formats them (Swedish by default) with the indicator's unit and decimals.

import type { StatusReasons } from '@malkoll/goals/status-reasons';
// The domain's words are declared once, in @malkoll/goals (a type-only import: nothing reaches the bundle).
import type { ActivityStatus, GoalKind, GoalStatus, TargetType } from '@malkoll/goals/vocabulary';

export type { ActivityStatus, GoalKind, GoalStatus, TargetType };

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
  /** T total, K women, M men, or a source's own breakdown. */
  breakdown: string;
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
  /** The nämnd/förvaltning responsible (plan text), for the overview's filter. */
  responsible: string | null;
  /** Links whose status moved since the previous follow-up date (this goal and its descendants). */
  changes: StatusChange[];
  /**
   * The nyckeltal (of this goal or its descendants) whose status needs attention most (card-order.ts:
   * off track, at risk, no new data, on track, achieved; ties in plan order), with its own series: what
   * the overview card shows against its target. Null when the goal has no nyckeltal.
   */
  worst: WorstIndicator | null;
}

export type WorstIndicator = Pick<
  IndicatorLinkView,
  'linkId' | 'indicatorKey' | 'label' | 'unit' | 'decimals' | 'status' | 'current' | 'target' | 'series'
>;

export interface StatusChange {
  linkId: number;
  label: string;
  from: GoalStatus | null;
  to: GoalStatus;
}

export interface Freshness {
  lastSuccessAt: string | null;
  lastSourceId: string | null;
  /** When a run last inserted or changed a value. */
  lastChangeAt: string | null;
  /** End of the newest period with a measured value (of the plan's nyckeltal at its date, when planScoped). */
  latestPeriodEnd: string | null;
  /** The period is the asked plan's at the asked follow-up date, not the warehouse's newest. */
  planScoped?: boolean;
}

export interface PlanOverview {
  plan: PlanSummary;
  asOf: string;
  /** When the newest successful run finished, and of which source. */
  freshness: Freshness;
  /** The follow-up date before asOf that "what changed" compares with (null at the first one). */
  previousAsOf: string | null;
  goals: GoalView[];
}

export interface PeerBandPoint {
  periodEnd: string;
  periodLabel: string;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  n: number;
}

export interface GoalIndicatorDetail {
  linkId: number;
  milestones: { date: string; value: number }[];
  peerGroup: { id: string; title: string } | null;
  peerBand: PeerBandPoint[];
  note: string | null;
  /**
   * The goal engine's forecast (a Theil–Sen line) at the target date; empty when the engine made none
   * (fewer than three readings, or a kind it does not forecast). Drawn dashed, never as data.
   */
  forecast: { periodEnd: string; value: number }[];
  /** The engine's Swedish sentence about the forecast, when there is one. */
  forecastText: string | null;
  /** "Behöver öka med … per år till 2030; har ökat med … sedan …", for targets with a later date. */
  trajectoryText: { sv: string; en: string } | null;
  /** The declared series break the trend and forecast start after (YYYY-MM-DD), if one is in force. */
  seriesBreak: string | null;
}

export interface GoalPage {
  plan: PlanSummary;
  asOf: string;
  freshness: Freshness;
  goal: GoalView;
  details: Record<number, GoalIndicatorDetail>;
  /** Summary comments of this goal and its nämndåtaganden, every follow-up date. */
  comments: { goalKey: string; date: string; text: string }[];
}

export interface ExplorerIndicator {
  key: string;
  title: string;
  unit: string;
  decimals: number;
  direction: string;
  description: string | null;
}

export interface ExplorerMeta {
  indicators: ExplorerIndicator[];
  areas: { code: string; name: string; type: string }[];
  peerGroups: { id: string; title: string; codes: string[] }[];
}

export interface ExplorerSeries {
  areaCode: string;
  areaName: string;
  breakdown: string;
  points: SeriesPoint[];
}

export interface ExplorerResult {
  indicator: { key: string; title: string; unit: string; decimals: number };
  series: ExplorerSeries[];
  breakdowns: string[];
}

export interface ValueLineage {
  indicatorKey: string;
  indicatorTitle: string;
  unit: string;
  decimals: number;
  areaCode: string;
  areaName: string;
  periodLabel: string;
  periodEnd: string;
  breakdown: string;
  value: number | null;
  note: string | null;
  origin: string | null;
  loadedAt: string;
  source: { id: string; title: string; kind: string };
  run: {
    id: number;
    trigger: string;
    status: string;
    origin: string | null;
    startedAt: string | null;
    finishedAt: string | null;
    rowsRead: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
  };
  history: {
    value: number | null;
    note: string | null;
    runId: number;
    origin: string | null;
    loadedAt: string;
    replacedAt: string;
    replacedByRunId: number;
  }[];
}

export interface StatusLineage {
  linkId: number;
  asOf: string;
  label: string;
  status: GoalStatus;
  rule: string;
  inputs: unknown;
  explanation: string;
  explanationEn: string;
  currentValue: number | null;
  currentPeriodLabel: string | null;
  expectedValue: number | null;
  progress: number | null;
  expectedProgress: number | null;
  computedAt: string;
  unit: string;
  decimals: number;
  /** End of the period of the value the status rests on; null without one. */
  currentPeriodEnd: string | null;
  /** The status in words (rule, gap, tolerance bands, the value's age), per language. */
  reasons: Record<'sv' | 'en', StatusReasons>;
  /** The plan's nyckeltal at this follow-up date: how many rest on a value, and how old those are. */
  planFreshness: { links: number; withValue: number; newest: string | null; oldest: string | null };
}
