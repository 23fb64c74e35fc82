// The words every package shares, each declared once: the warehouse stores them, the job registry
// validates them, the pipeline, the CLI and the dashboard show them.

/** What started a run: its schedule, a person (CLI or dashboard), a file arriving, a missed fire, the demo. */
export const RUN_TRIGGERS = ['schedule', 'manual', 'file', 'catch_up', 'demo'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
