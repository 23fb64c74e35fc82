import { type DestinationStream, type Logger, pino } from 'pino';
import pinoPretty from 'pino-pretty';

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

export type LogFormat = 'json' | 'pretty';

/** `auto` is pretty for a person at a terminal and JSON for everything else (services, pipes, files). */
export function resolveLogFormat(
  setting: 'auto' | LogFormat | undefined,
  isTerminal: boolean = process.stdout.isTTY === true,
): LogFormat {
  return setting === 'json' || setting === 'pretty' ? setting : isTerminal ? 'pretty' : 'json';
}

/**
 * Readable lines for a terminal: "[12:04:31] INFO: worker: ingest succeeded {"run_id":12,…}". The same
 * redaction applies, because pino redacts before a line reaches its stream; written synchronously, so
 * the lines interleave in order with what the CLI prints itself.
 */
function prettyStream(destination?: DestinationStream): DestinationStream {
  return pinoPretty({
    sync: true,
    colorize: ((destination ?? process.stdout) as { isTTY?: boolean }).isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,name',
    messageFormat: '{service}: {msg}',
    singleLine: true,
    ...(destination === undefined ? {} : { destination }),
  });
}

/**
 * Logs with the service name on every line (run lines carry `run_id`): JSON by default, or pretty for
 * a terminal (LOG_FORMAT, see resolveLogFormat).
 */
export function createLogger(
  service: string,
  level: string = 'info',
  destination?: DestinationStream,
  format: LogFormat = 'json',
): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: REDACTED_PATHS,
  };
  if (format === 'pretty') return pino(options, prettyStream(destination));
  return destination ? pino(options, destination) : pino(options);
}
