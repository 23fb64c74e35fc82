import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { detectSample, ingestSource } from '@malkoll/pipeline';
import { createLogger } from '@malkoll/runtime';
import { sharedAbsentNote, sharedFile } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { CSRF_HEADER } from '../src/server/auth.ts';
import type { DetectResponse, SaveSourceResponse } from '../src/shared/steward-api.ts';

// The five real exports of ../shared/fixtures/real-csv through the wizard's own endpoints, with no field
// filled in but the owner: detect proposes what `sources detect` proposes, the save stores it with the sample staged
// in the inbox, and the run the worker would do loads every row (packages/pipeline's real-exports test
// checks the values).

const ORIGIN = 'http://localhost';
const headers = { origin: ORIGIN, 'sec-fetch-site': 'same-origin', [CSRF_HEADER]: '1' };
const present = sharedFile('fixtures/real-csv/README.md') !== null;
const files: [string, number][] = [
  ['scb-levande-fodda-kommun.csv', 290],
  ['scb-energi-slutanvandning-kommun.csv', 3780],
  // 484 data rows and the footer line, which is read and skipped.
  ['sos-dodsorsak-prostatacancer.csv', 485],
  ['kolada-bakgrund-2008-2012.csv', 13089],
  ['skl-kommungruppsindelning-2017.csv', 290],
];

let t: TestDatabase;
let inbox: string;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  if (!present) return;
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-wizard-real-'));
  app = createApp({ db: t.db, clientDir: '/nonexistent', auth: { mode: 'off' }, inboxRoot: inbox });
});
afterAll(async () => {
  if (!present) return;
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

function form(fileName: string, bytes: Uint8Array, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  body.append('file', new File([new Uint8Array(bytes)], fileName, { type: 'text/csv' }));
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return body;
}

describe.skipIf(!present)(`the wizard on real exports ${present ? '' : sharedAbsentNote}`, () => {
  test.each(files)(
    '%s: detect, save with the sample, run: %i rows, none rejected',
    async (fileName, rows) => {
      const bytes = await readFile(sharedFile(`fixtures/real-csv/${fileName}`) as string);
      const detected = await app.request(`${ORIGIN}/api/sources/detect`, {
        method: 'POST',
        headers,
        body: form(fileName, bytes),
      });
      expect(detected.status).toBe(200);
      const proposal = (await detected.json()) as DetectResponse;
      // The same proposal as the CLI's (the one function both call), so one test of values covers both;
      // only the CLI's stand-in owner ("Ej angiven") is left empty for the steward to fill in.
      const cli = await detectSample(t.db, bytes, { fileName }, null);
      expect(proposal.definition.owner).toEqual({});
      expect({ ...proposal.definition, owner: cli.detection.definition.owner }).toEqual(
        cli.detection.definition,
      );
      const definition = { ...proposal.definition, owner: { name: 'Statistikenheten' } };

      const saved = await app.request(`${ORIGIN}/api/sources`, {
        method: 'POST',
        headers,
        body: form(fileName, bytes, { definition: JSON.stringify(definition) }),
      });
      expect(saved.status).toBe(201);
      const { id, stagedFile } = (await saved.json()) as SaveSourceResponse;
      expect(stagedFile).not.toBeNull();
      const summary = await ingestSource(
        { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
        { sourceId: id, trigger: 'manual', file: stagedFile as string },
      );
      expect(summary).toMatchObject({ status: 'succeeded', rows_read: rows, rows_rejected: 0 });
    },
  );
});
