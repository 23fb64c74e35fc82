import { describe, expect, test } from 'vitest';
import { type JobName, jobs, parsePayload } from './registry.ts';

describe('job registry', () => {
  test('every job name is a member of the JobName union, and a made-up name does not type-check', () => {
    const known: JobName[] = ['ingest.source', 'goals.recompute'];
    // @ts-expect-error 'ingest.sources' is not a job: `pnpm test` fails its type check if this ever compiles
    const madeUp: JobName = 'ingest.sources';
    expect(Object.values(jobs).map((j) => j.name)).toEqual(known);
    expect(known).not.toContain(madeUp);
  });

  test('a payload with an unknown trigger is refused as unrecoverable, in Swedish', () => {
    expect(() => parsePayload(jobs.ingestSource, { sourceId: 'x', trigger: 'cron' })).toThrow(
      /Jobbet ingest.source fick ogiltiga data \(payload\): trigger/,
    );
  });
});
