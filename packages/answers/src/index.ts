export * from './card-order.ts';
export * from './compose.ts';
export * from './goal-tree.ts';
export * from './prepare.ts';
export * from './serve.ts';
