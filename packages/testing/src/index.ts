// Test helpers shared by the apps' and packages' tests. The apps are driven as processes, by path, the
// way they are deployed: no test depends on another app's code.
export { type CliResult, isolatedEnv, repoRoot, runCli } from './cli.ts';
export { testQueuePrefix, testRedisUrl } from './services.ts';
export { sharedAbsentNote, sharedFile, sharedRoot } from './shared.ts';
export {
  type LogLine,
  spawnWorker,
  stopWorker,
  type WorkerProcess,
  waitForExit,
  waitUntil,
} from './worker-process.ts';
