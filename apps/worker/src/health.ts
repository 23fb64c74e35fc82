import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@malkoll/runtime';

export type ReadinessChecks = Record<string, () => Promise<boolean>>;

export interface HealthServerOptions {
  host: string;
  /** 0 picks a free port (tests, several workers on one machine). */
  port: number;
  /** Each check answers whether a service the worker needs is reachable. */
  checks: ReadinessChecks;
  /** A check that has not answered by then counts as failed, so a probe never hangs. */
  checkTimeoutMs?: number;
  log: Logger;
}

export interface HealthServer {
  /** The port actually bound (differs from the option when it was 0). */
  port: number;
  url: string;
  /** From now on /health/ready answers 503 (the process is draining); /health still answers 200. */
  markStopping(): void;
  close(): Promise<void>;
}

async function runCheck(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The worker's probes on a bare node:http server (the worker serves nothing else, so no framework):
 * `/health` says the process is up (liveness), `/health/ready` that Postgres and Redis answer
 * (readiness; 503 otherwise, or while the process is shutting down).
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const timeoutMs = options.checkTimeoutMs ?? 2_000;
  let stopping = false;

  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'method not allowed' });
    if (path === '/health') return send(200, { status: 'ok' });
    if (path === '/health/ready') {
      const names = Object.keys(options.checks);
      Promise.all(names.map((n) => runCheck(options.checks[n] as () => Promise<boolean>, timeoutMs)))
        .then((results) => {
          const checks = Object.fromEntries(names.map((n, i) => [n, results[i] === true]));
          const ok = !stopping && Object.values(checks).every(Boolean);
          send(ok ? 200 : 503, { status: ok ? 'ready' : stopping ? 'stopping' : 'not_ready', checks });
        })
        .catch((err) => {
          options.log.error({ err }, 'readiness check crashed');
          send(503, { status: 'not_ready', checks: {} });
        });
      return;
    }
    send(404, { error: 'not found' });
  });
  // Probes are short; keep-alive sockets from a probe client must not hold up close().
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => options.log.error({ err }, 'health server error'));
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    port,
    url: `http://${host}:${port}`,
    markStopping() {
      stopping = true;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
