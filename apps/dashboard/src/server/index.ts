export { type AppOptions, createApp } from './app.ts';
export { buildGoalTree } from './overview.ts';
