// The words every package shares, each declared once: plan files and the warehouse store them, the job
// registry validates them, the engine, the pipeline, the CLI and the dashboard use and show them.

/** A goal's (or an indicator link's) status against its target; docs/status-rules.md. */
export const GOAL_STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** How a target is stated (önskat läge): a level to reach or stay under, a direction, a band, a comparison. */
export const TARGET_TYPES = [
  'at_least',
  'at_most',
  'increase',
  'decrease',
  'range',
  'better_than_peers',
  'same_level',
] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export const ACTIVITY_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** The levels of a plan's goal tree: vision → kommunmål → nämndmål. */
export const GOAL_KINDS = ['vision', 'municipal_goal', 'committee_goal'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

/** What started a run: its schedule, a person (CLI or dashboard), a file arriving, a missed fire, the demo. */
export const RUN_TRIGGERS = ['schedule', 'manual', 'file', 'catch_up', 'demo'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Month names, January first: Swedish as written in running text (lower case), and English. */
export const MONTH_NAMES = {
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} as const;
