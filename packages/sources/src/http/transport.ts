import { formatSwedishNumber } from '../csv/errors.ts';

/*
 * How connectors talk to outside APIs: JSON over HTTP with politeness (a minimum interval between
 * requests), retries with backoff on 429/5xx, timeouts, connection errors and unreadable JSON (honouring
 * Retry-After), and a clear error once the retries are used up. Paths are relative to a base URL so the
 * same requests can be served from recorded responses (recorded.ts) without any network.
 */

export interface JsonTransport {
  /** Where the answers come from, for logs and run summaries ("https://api.kolada.se/v3"). */
  readonly origin: string;
  /** Whether answers come from recorded files rather than the live API. */
  readonly recorded: boolean;
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export class SourceHttpError extends Error {
  constructor(
    message: string,
    /** Whether a later run may succeed (network, 429, 5xx) or not (404, 410, a wrong request). */
    readonly transient: boolean,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'SourceHttpError';
  }
}

export interface LiveTransportOptions {
  /** Least time between two requests' starts (politeness); 334 ms is three a second. */
  minIntervalMs?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  timeoutMs?: number;
  /** Backoff after the n-th failure: base × 2^(n−1), plus up to 25 % jitter, at most maxBackoffMs. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** A Retry-After longer than this fails the request instead of waiting. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { path: string; attempt: number; delayMs: number; reason: string }) => void;
  userAgent?: string;
  /** Who answers, as error messages name it ("Kolada", "SCB"); the base URL's host when not given. */
  name?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Spaces requests so that at most one starts per interval, across everything sharing the limiter. */
export class Politeness {
  private next = 0;
  constructor(
    private readonly minIntervalMs: number,
    private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
  ) {}
  async wait(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.minIntervalMs;
    if (at > now) await this.sleep(at - now);
  }
}

export function createLiveTransport(baseUrl: string, options: LiveTransportOptions = {}): JsonTransport {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoffBaseMs = options.backoffBaseMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const politeness = new Politeness(options.minIntervalMs ?? 334, sleep);

  async function once(method: 'GET' | 'POST', path: string, body: unknown) {
    await politeness.wait();
    const url = joinUrl(baseUrl, path);
    const signal = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.userAgent) headers['user-agent'] = options.userAgent;
    if (method === 'POST') headers['content-type'] = 'application/json';
    const response = await doFetch(url, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(body) : undefined,
      signal,
    });
    // The body is read under the same timeout: a server that sends headers and then stalls is a timeout too.
    const text = await response.text();
    return { response, text };
  }

  // Errors become a run's error, shown to stewards: Swedish, naming the request and what to do.
  const name = options.name ?? new URL(baseUrl).host;
  const seconds = (ms: number) => `${formatSwedishNumber(ms / 1000)} s`;
  // What the server said, on one line: the message is one line in a run list or an alert.
  const said = (text: string, max: number) => {
    const line = text.replace(/\s+/g, ' ').trim();
    return line ? ` (${line.slice(0, max)})` : '';
  };

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const asked = `${method} ${joinUrl(baseUrl, path)}`;
    let lastReason = '';
    for (let attempt = 1; ; attempt++) {
      let retryAfterMs: number | null = null;
      let status: number | null = null;
      try {
        const { response, text } = await once(method, path, body);
        status = response.status;
        if (response.ok) {
          try {
            return JSON.parse(text);
          } catch (error) {
            lastReason = `svarade på ${asked} med något som inte är giltig JSON (${(error as Error).message}; början: ${JSON.stringify(text.slice(0, 80))})`;
          }
        } else if (response.status === 429 || response.status >= 500) {
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
          lastReason = `svarade HTTP ${response.status} på ${asked}${said(text, 200)}`;
          if (retryAfterMs !== null && retryAfterMs > maxRetryAfterMs) {
            throw new SourceHttpError(
              `${name} ${lastReason} och ber oss vänta ${seconds(Math.round(retryAfterMs / 1000) * 1000)} (Retry-After), längre än de ${seconds(maxRetryAfterMs)} vi väntar; försök igen senare`,
              true,
              response.status,
            );
          }
        } else {
          throw new SourceHttpError(
            `${name} svarade HTTP ${response.status} på ${asked}${said(text, 300)}; ett nytt försök hjälper inte: kontrollera id:n, tabell och urval i källans definition`,
            false,
            response.status,
          );
        }
      } catch (error) {
        if (error instanceof SourceHttpError) throw error;
        const e = error as Error & { cause?: { code?: string; message?: string } };
        if (e.name === 'TimeoutError' || e.name === 'AbortError') {
          lastReason = `gav inget fullständigt svar på ${asked} inom ${seconds(timeoutMs)} (tidsgräns)`;
        } else {
          const cause = e.cause?.code ?? e.cause?.message;
          lastReason = `gick inte att nå med ${asked} (anslutningen misslyckades: ${e.message}${cause ? `: ${cause}` : ''})`;
        }
      }
      if (attempt >= maxAttempts) {
        throw new SourceHttpError(
          `${name} ${lastReason} efter ${maxAttempts} försök; försök igen senare`,
          true,
          status,
        );
      }
      const backoff = Math.min(maxBackoffMs, backoffBaseMs * 2 ** (attempt - 1));
      const delayMs = retryAfterMs ?? Math.round(backoff * (1 + Math.random() * 0.25));
      options.onRetry?.({ path, attempt, delayMs, reason: lastReason });
      await sleep(delayMs);
    }
  }

  return {
    origin: baseUrl,
    recorded: false,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
  };
}
