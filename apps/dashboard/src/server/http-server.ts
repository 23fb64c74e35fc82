import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';

// The dashboard's HTTP server with bounds on how long a client may take to send its request. Node's
// defaults (60 s for the headers, 300 s for the whole request, checked every 30 s) let a client that
// drips a body a byte at a time hold a connection for 324 s in the 2026-12 probe. Anonymous callers can
// send a body (the sign-in form), so the bound matters before any role check.

export interface HttpServerOptions {
  hostname: string;
  port: number;
  /** Time to receive the request line and headers (default 20 s). */
  headersTimeoutMs?: number;
  /**
   * Time to receive the whole request, body included (default 120 s). This is also the bound on an
   * upload: the largest one (DASHBOARD_UPLOAD_MAX_MB, 50 MB by default) needs about 3.5 Mbit/s.
   */
  requestTimeoutMs?: number;
  /** How often Node checks the two bounds above (default 5 s; a bound is enforced within this). */
  checkIntervalMs?: number;
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 20_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** Serves `app` with the request-time bounds; a request over them gets 408 and its connection closed. */
export function startDashboardServer(
  app: Hono,
  options: HttpServerOptions,
  onListening?: (info: { port: number }) => void,
): ServerType {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return serve(
    {
      fetch: app.fetch,
      hostname: options.hostname,
      port: options.port,
      serverOptions: {
        // Node requires headersTimeout ≤ requestTimeout.
        headersTimeout: Math.min(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout),
        requestTimeout,
        connectionsCheckingInterval: options.checkIntervalMs ?? 5_000,
      },
    },
    onListening,
  );
}
