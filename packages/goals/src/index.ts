export * from './dates.ts';
export * from './derived-indicator.ts';
export * from './forecast.ts';
export * from './format.ts';
export * from './plan-definition.ts';
export * from './rollup.ts';
export * from './status.ts';
export * from './vocabulary.ts';
