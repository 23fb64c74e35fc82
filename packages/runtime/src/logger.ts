import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs; every line carries the service name, run lines carry `run_id`. */
export function createLogger(service: string, level: string = 'info'): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
