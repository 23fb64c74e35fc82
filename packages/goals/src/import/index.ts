// Importing the follow-up tables stewards already have into a plan definition (docs/status-rules.md,
// "Importing a follow-up report").
export * from './follow-up-report.ts';
export * from './read-rows.ts';
export * from './swedish-cell.ts';
