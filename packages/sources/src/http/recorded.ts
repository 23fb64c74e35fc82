import { z } from 'zod';
import type { JsonTransport } from './transport.ts';

/*
 * Recorded responses: the answers a source's requests got from the live API, stored as one JSON file per
 * source (`<source-id>.json`) so that tests and the demo run without network. `malkoll sources record`
 * writes them; a file may also be marked synthetic (made up, for a demo municipality the real recordings
 * lack), and says so in `note`.
 */

const exchangeSchema = z.object({
  method: z.enum(['GET', 'POST']),
  /** Path and query relative to the API's base URL ("/data/kpi/N01951/municipality/2029/year/2024?per_page=5000"). */
  path: z.string(),
  body: z.unknown().optional(),
  response: z.unknown(),
});
export type RecordedExchange = z.output<typeof exchangeSchema>;

export const recordingSchema = z.object({
  source_id: z.string(),
  /** The live base URL the answers came from. */
  base_url: z.string(),
  recorded_at: z.string(),
  /** "real", "synthetic" or "mixed": whether the values were fetched live or made up. */
  provenance: z.enum(['real', 'synthetic', 'mixed']),
  note: z.string().optional(),
  exchanges: z.array(exchangeSchema),
});
export type Recording = z.output<typeof recordingSchema>;

/** The key one request is recorded under: method, path and (for POST) the body with sorted keys. */
export function exchangeKey(method: string, path: string, body?: unknown): string {
  const normalised = `/${path.replace(/^\/+/, '')}`;
  return body === undefined ? `${method} ${normalised}` : `${method} ${normalised} ${stableJson(body)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function parseRecording(text: string, file: string): Recording {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Inspelningen ${file} är inte giltig JSON (${(error as Error).message}); spela in svaren igen med \`malkoll sources record\``,
    );
  }
  const parsed = recordingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${file} är ingen inspelning (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); spela in svaren igen med \`malkoll sources record\``,
    );
  }
  return parsed.data;
}

/** Serves a recording's answers; a request it does not hold fails with what to do about it. */
export function createRecordedTransport(recording: Recording, file: string): JsonTransport {
  const answers = new Map<string, unknown>();
  for (const e of recording.exchanges) answers.set(exchangeKey(e.method, e.path, e.body), e.response);
  const answer = (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const key = exchangeKey(method, path, body);
    if (!answers.has(key)) {
      throw new Error(
        `Inget inspelat svar på ${method} ${path} i ${file}: definitionen frågar efter något som inspelningen saknar; spela in svaren igen med \`malkoll sources record ${recording.source_id}\` där det finns nätverk`,
      );
    }
    // A copy, so a caller that changes the answer cannot change the next one.
    return structuredClone(answers.get(key));
  };
  return {
    origin: `inspelade svar (${recording.provenance === 'real' ? 'hämtade' : recording.provenance === 'synthetic' ? 'påhittade' : 'delvis påhittade'} ${recording.recorded_at.slice(0, 10)}): ${file}`,
    recorded: true,
    get: async (path) => answer('GET', path),
    post: async (path, body) => answer('POST', path, body),
  };
}

/** Wraps a live transport and keeps every answer, for `malkoll sources record`. */
export function createRecordingTransport(inner: JsonTransport): {
  transport: JsonTransport;
  exchanges: RecordedExchange[];
} {
  const exchanges: RecordedExchange[] = [];
  const seen = new Set<string>();
  const keep = (method: 'GET' | 'POST', path: string, body: unknown, response: unknown) => {
    const key = exchangeKey(method, path, body);
    if (seen.has(key)) return;
    seen.add(key);
    exchanges.push({
      method,
      path: `/${path.replace(/^\/+/, '')}`,
      ...(body === undefined ? {} : { body }),
      response,
    });
  };
  return {
    exchanges,
    transport: {
      origin: inner.origin,
      recorded: false,
      get: async (path) => {
        const response = await inner.get(path);
        keep('GET', path, undefined, response);
        return response;
      },
      post: async (path, body) => {
        const response = await inner.post(path, body);
        keep('POST', path, body, response);
        return response;
      },
    },
  };
}
