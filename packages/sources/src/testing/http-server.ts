import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/*
 * A local HTTP server for connector tests: it answers from recorded responses (the fixture files) and
 * from answers a test scripts (429 with Retry-After, a 500, a malformed page), so no test touches the
 * network. Every request is kept, so tests can assert what was asked and how often.
 */

export interface ServedRequest {
  method: string;
  /** Path and query as received, without the base path. */
  path: string;
  body: unknown;
}

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** JSON value, or a string sent as is (to serve bad JSON). */
  body?: unknown;
  /** Never answer (to provoke a client timeout). */
  hang?: boolean;
}

export type Handler = (req: ServedRequest) => ScriptedAnswer | undefined;

export interface FixtureServer {
  /** e.g. http://127.0.0.1:43121/v3 */
  baseUrl: string;
  requests: ServedRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFixtureServer(basePath: string, handler: Handler): Promise<FixtureServer> {
  const requests: ServedRequest[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      const path = url.startsWith(basePath) ? url.slice(basePath.length) || '/' : url;
      const request: ServedRequest = { method: req.method ?? 'GET', path, body: await readBody(req) };
      requests.push(request);
      const answer = handler(request) ?? {
        status: 404,
        body: { error: `no fixture for ${request.method} ${path}` },
      };
      if (answer.hang) {
        hanging.add(res);
        return;
      }
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null);
      res.writeHead(answer.status ?? 200, {
        'content-type': 'application/json; charset=utf-8',
        ...answer.headers,
      });
      res.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const fixtureRoot = new URL('../../fixtures/', import.meta.url);

/** A recorded response from packages/sources/fixtures (e.g. "kolada/v3-kpi-metadata-selection.json"). */
export function readFixture<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(relative, fixtureRoot)), 'utf8')) as T;
}

type KoladaList = { values: Record<string, unknown>[] };

/**
 * Answers Kolada's metadata endpoints (/kpi, /municipality, /municipality_groups, /ou) from the recorded
 * lists, filtered by the ids asked for, as the API does: an unknown id gives no item (an empty list).
 */
export function koladaMetadataHandler(extra: { ous?: Record<string, unknown>[] } = {}): Handler {
  const lists: Record<string, Record<string, unknown>[]> = {
    kpi: readFixture<KoladaList>('kolada/v3-kpi-metadata-selection.json').values,
    municipality: readFixture<KoladaList>('kolada/v3-municipality-selection.json').values,
    municipality_groups: readFixture<KoladaList>('kolada/v3-municipality-groups-liknande-overgripande.json')
      .values,
    ou: extra.ous ?? [],
  };
  return (req) => {
    const m = /^\/(kpi|municipality|municipality_groups|ou)\/([^/?]+)(?:\?.*)?$/.exec(req.path);
    if (!m) return undefined;
    const ids = decodeURIComponent(m[2] as string).split(',');
    const values = (lists[m[1] as string] ?? []).filter((v) => ids.includes(String(v.id)));
    return { body: { count: values.length, values, next_url: null, previous_url: null } };
  };
}

/** Tries handlers in order; the first that answers wins. */
export function firstOf(...handlers: Handler[]): Handler {
  return (req) => {
    for (const h of handlers) {
      const answer = h(req);
      if (answer !== undefined) return answer;
    }
    return undefined;
  };
}
