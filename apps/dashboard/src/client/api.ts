import { useCallback, useEffect, useState } from 'react';
import type { PlanOverview, PlanSummary } from '../shared/api-types.ts';

// The two calls the dashboard makes. Shapes are the contract in src/shared/api-types.ts; the server
// validates what it sends, so the client trusts the shape and only guards against transport failures.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** Fields the answer asks for (a detect that needs `area` or `period`); empty otherwise. */
    readonly needs: readonly string[] = [],
    /** A refused definition's problems, each with its field (`schedule.cron`); empty otherwise. */
    readonly problems: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function fetchJson<T>(url: string, signal: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError('Servern svarar inte.', null);
  }
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
}

/** Sent on window when the server answers 401: the session ended (expired, signed out elsewhere). */
export const UNAUTHORIZED_EVENT = 'malkoll:unauthorized';

/** The server words its errors in Swedish ({ error: "..." }); show that rather than a status code. */
async function errorOf(res: Response): Promise<ApiError> {
  if (res.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  const body = (await res.json().catch(() => null)) as {
    error?: unknown;
    needs?: unknown;
    problems?: unknown;
  } | null;
  const needs = Array.isArray(body?.needs)
    ? body.needs.filter((n): n is string => typeof n === 'string')
    : [];
  const problems = Array.isArray(body?.problems)
    ? body.problems.filter(
        (p): p is { field: string; message: string } =>
          typeof p?.field === 'string' && typeof p?.message === 'string',
      )
    : [];
  const message = typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`;
  return new ApiError(message, res.status, needs, problems);
}

/**
 * A request that changes something (POST/PUT/PATCH/DELETE). It carries the header the server's CSRF check
 * asks of every mutating /api call (docs/security.md); `body` is sent as JSON, or as is when it is a
 * Blob/FormData (uploads). Answers the parsed JSON body, or null for 204.
 */
export async function sendJson<T = unknown>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  const raw = body instanceof Blob || body instanceof FormData;
  const headers: Record<string, string> = { accept: 'application/json', 'x-malkoll-request': '1' };
  if (body !== undefined && !raw) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: raw ? (body as BodyInit) : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('Servern svarar inte.', null);
  }
  if (!res.ok) throw await errorOf(res);
  return (res.status === 204 ? null : await res.json()) as T;
}

export const plansUrl = (): string => '/api/plans';

export const overviewUrl = (planId: string, asOf: string, view?: 'cards'): string =>
  `/api/plans/${encodeURIComponent(planId)}/overview?asOf=${encodeURIComponent(asOf)}${view ? `&view=${view}` : ''}`;

export type Resource<T> =
  | { state: 'idle'; data: null; error: null }
  | { state: 'loading'; data: T | null; error: null }
  | { state: 'ok'; data: T; error: null }
  | { state: 'error'; data: T | null; error: Error };

/**
 * Loads `url` (nothing when null) and keeps the last good answer while the next loads, so switching
 * follow-up date does not blank the page. A newer request cancels the older one.
 */
export function useJson<T>(url: string | null): Resource<T> & { reload: () => void } {
  const [resource, setResource] = useState<Resource<T>>({ state: 'idle', data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // `attempt` is in the dependencies only to fetch again when reload() is called.
  useEffect(() => {
    if (url === null) {
      setResource({ state: 'idle', data: null, error: null });
      return;
    }
    const controller = new AbortController();
    setResource((prev) => ({ state: 'loading', data: prev.data, error: null }));
    fetchJson<T>(url, controller.signal).then(
      (data) => setResource({ state: 'ok', data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResource((prev) => ({
          state: 'error',
          data: prev.data,
          error: error instanceof Error ? error : new Error(String(error)),
        }));
      },
    );
    return () => controller.abort();
  }, [url, attempt]);

  return { ...resource, reload };
}

export type { PlanOverview, PlanSummary };

/** The freshness line; with a plan and follow-up date, its period is that plan's newest value then. */
export const freshnessUrl = (planId?: string, asOf?: string): string =>
  planId && asOf
    ? `/api/freshness?plan=${encodeURIComponent(planId)}&asOf=${encodeURIComponent(asOf)}`
    : '/api/freshness';

export const goalUrl = (planId: string, goalKey: string, asOf: string): string =>
  `/api/plans/${encodeURIComponent(planId)}/goals/${encodeURIComponent(goalKey)}?asOf=${encodeURIComponent(asOf)}`;

export const explorerMetaUrl = (): string => '/api/explorer/meta';

export const explorerUrl = (indicator: string, areas: readonly string[], csv?: 'sv' | 'plain'): string =>
  `/api/explorer${csv ? '.csv' : ''}?indicator=${encodeURIComponent(indicator)}&areas=${encodeURIComponent(areas.join(','))}${csv ? `&format=${csv}` : ''}`;

export const whyValueUrl = (q: {
  indicator: string;
  area: string;
  period: string;
  breakdown: string;
}): string => `/api/why/value?${new URLSearchParams(q).toString()}`;

export const whyStatusUrl = (linkId: number, asOf: string): string =>
  `/api/why/status?link=${linkId}&asOf=${encodeURIComponent(asOf)}`;
