export { type AppOptions, createApp, defaultAsOf } from './app.ts';
export { buildGoalTree } from './overview.ts';
