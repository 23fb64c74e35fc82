export { type Config, findRepoRoot, loadConfig, type OidcConfig } from './config.ts';
export { createLogger, type LogFormat, type Logger, resolveLogFormat } from './logger.ts';
export { workerNodeFlags } from './memory.ts';
export {
  canConnectPostgres,
  pingRedis,
  type ResolvedService,
  resolveDatabase,
  resolveRedis,
  resolveTestPostgresServer,
} from './services.ts';
