import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type FixtureServer,
  firstOf,
  koladaMetadataHandler,
  readFixture,
  startFixtureServer,
} from '@malkoll/sources/testing';
import { isolatedEnv, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let dir: string;
let kolada: FixtureServer;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'malkoll-record-'));
  kolada = await startFixtureServer(
    '/v3',
    firstOf(koladaMetadataHandler(), (req) =>
      req.path.startsWith('/data/')
        ? {
            body: readFixture(
              req.path.includes('page=2')
                ? 'kolada/synthetic-v3-data-page2.json'
                : 'kolada/synthetic-v3-data-page1.json',
            ),
          }
        : undefined,
    ),
  );
  env = {
    ...(await isolatedEnv(t.url)),
    KOLADA_BASE_URL: kolada.baseUrl,
    MALKOLL_RECORDED: path.join(dir, 'recorded'),
  };
  await writeFile(
    path.join(dir, 'kolada-cli.yaml'),
    [
      'id: kolada-cli',
      'title: Befolkning och rekommendation (test)',
      'owner: { name: Test }',
      'kind: kolada',
      'kpis: [N01951, N00670]',
      'municipalities: ["0586", "2029"]',
      'years: { from: 2023, to: 2024 }',
    ].join('\n'),
  );
});
afterAll(async () => {
  await kolada.close();
  await t.drop();
  await rm(dir, { recursive: true, force: true });
  await rm(env.MALKOLL_INBOX as string, { recursive: true, force: true });
});

test('sources record stores the answers, and a run in recorded mode loads from them without asking the API', async () => {
  const applied = await runCli(['sources', 'apply', path.join(dir, 'kolada-cli.yaml')], env);
  expect(applied.code, applied.stderr).toBe(0);

  const recorded = await runCli(['sources', 'record', 'kolada-cli'], env);
  expect(recorded.code, recorded.stderr).toBe(0);
  expect(recorded.stdout).toMatch(
    /kolada-cli: 4 svar inspelade från http:\/\/127\.0\.0\.1:\d+\/v3 till .*kolada-cli\.json/,
  );
  const file = JSON.parse(await readFile(path.join(dir, 'recorded', 'kolada-cli.json'), 'utf8'));
  expect(file).toMatchObject({ source_id: 'kolada-cli', provenance: 'real' });

  const asked = kolada.requests.length;
  const run = await runCli(['sources', 'run', 'kolada-cli', '--wait', '--json'], {
    ...env,
    MALKOLL_API_MODE: 'recorded',
  });
  expect(run.code, run.stderr).toBe(0);
  const summary = JSON.parse(run.stdout);
  expect(summary).toMatchObject({ status: 'succeeded', inserted: 10 });
  expect(summary.files[0]).toMatch(/Inspelat läge .*kolada-cli\.json, hämtade/);
  expect(kolada.requests.length).toBe(asked);
});

test('sources record of a source that does not exist says so', async () => {
  const r = await runCli(['sources', 'record', 'finns-inte'], env);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('Källan "finns-inte" finns inte');
});
