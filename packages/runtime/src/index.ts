export { type Config, findRepoRoot, loadConfig, type OidcConfig } from './config.ts';
export { createLogger, type Logger } from './logger.ts';
export {
  canConnectPostgres,
  pingRedis,
  type ResolvedService,
  resolveDatabase,
  resolveRedis,
  resolveTestPostgresServer,
} from './services.ts';
