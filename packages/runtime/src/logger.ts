import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * Secrets never reach a log line: whatever a caller logs, these keys print as "[Redacted]" (passwords,
 * tokens, session cookies, authorization headers, URLs that may carry credentials, OIDC client secrets).
 */
export const REDACTED_PATHS = [
  'password',
  'token',
  'secret',
  'clientSecret',
  'authorization',
  'cookie',
  'databaseUrl',
  'redisUrl',
  'smtpUrl',
  '*.password',
  '*.token',
  '*.secret',
  '*.clientSecret',
  '*.authorization',
  '*.cookie',
  '*.databaseUrl',
  '*.redisUrl',
  '*.smtpUrl',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** Structured JSON logs; every line carries the service name, run lines carry `run_id`. */
export function createLogger(
  service: string,
  level: string = 'info',
  destination?: DestinationStream,
): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: REDACTED_PATHS,
  };
  return destination ? pino(options, destination) : pino(options);
}
