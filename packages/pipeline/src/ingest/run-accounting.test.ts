import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { getRun, listRejectedRows, upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestSource } from './ingest-source.ts';
import { formatRunCounts, type RunSummary } from './run-summary.ts';

/*
 * Row accounting and the default rejection policy through the real ingest and a real Postgres: every
 * data row is loaded, skipped or rejected (rows_read = rows_loaded + rows_skipped + rows_rejected) for
 * long and wide files, values are counted apart, and a run that rejects most of a file fails while one
 * that rejects a little succeeds with a warning.
 */

let t: TestDatabase;
let inbox: string;
const sourceFixture = (name: string) =>
  new URL(`../../../sources/fixtures/${name}`, import.meta.url).pathname;

async function addSource(id: string, mapping: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const definition = parseSourceDefinition({
    id,
    title: id,
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: `${id}.csv` },
    mapping,
    load: { mode: 'upsert' },
    ...extra,
  });
  await upsertSource(t.db, { id, title: id, kind: 'csv', definition, schedule: null });
}

const run = (sourceId: string) =>
  ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
    { sourceId, trigger: 'manual' },
  );
const failure = (sourceId: string) =>
  run(sourceId).then(
    () => {
      throw new Error('the run should have failed');
    },
    (e: Error & { runId: number }) => e,
  );
const deliver = (sourceId: string, text: string) => writeFile(path.join(inbox, `${sourceId}.csv`), text);
const factsOf = async (sourceId: string) =>
  (
    await t.db
      .selectFrom('fact.indicator_values')
      .select('value')
      .where('source_id', '=', sourceId)
      .orderBy('value')
      .execute()
  ).map((r) => Number(r.value));

/** The summary's row and value counts, and the same as stored on the run. */
async function accounting(summary: RunSummary) {
  const stored = await getRun(t.db, summary.run_id);
  expect(stored).toMatchObject({
    rows_read: summary.rows_read,
    rows_loaded: summary.rows_loaded,
    skipped: summary.rows_skipped,
    rows_rejected: summary.rows_rejected,
    inserted: summary.values_inserted,
    updated: summary.values_updated,
    unchanged: summary.values_unchanged,
    rejected: summary.values_rejected,
    warning: summary.warning,
  });
  expect(summary.rows_read).toBe(summary.rows_loaded + summary.rows_skipped + summary.rows_rejected);
  return formatRunCounts(summary).replace(/\u00a0/g, ' ');
}

const wideYears = {
  layout: 'wide',
  indicator: { value: 'test.bred' },
  area: { column: 'Kommun' },
  wide: { columns: '^\\d{4}$', as: 'period' },
};
const wideFile = (last = '12') =>
  [
    'Kommun;2014;2015;2016',
    '0586;1;2;3',
    '0884;4;5;6',
    '',
    '0512;7;8;9',
    `2029;10;11;${last}`,
    'Totalt;22;26;30',
    'Källa: SCB',
    '',
  ].join('\n');

const long = (indicator: string) => ({
  layout: 'long',
  indicator: { value: indicator },
  area: { column: 'Kommun' },
  period: { column: 'År' },
  value: { column: 'Värde' },
});
/** Ten rows, the first `bad` of them with a value that is not a number. */
const tenRows = (bad: number) =>
  `Kommun;År;Värde\n${Array.from({ length: 10 }, (_, i) => `0586;${2001 + i};${i < bad ? 'saknas?' : i + 1}`).join('\n')}\n`;

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-accounting-'));
  await upsertIndicators(
    t.db,
    ['test.lang', 'test.bred', 'test.scb', 'test.policy'].map((key) => ({
      key,
      title: key,
      unit: '',
      direction: 'higher' as const,
      decimals: 0,
    })),
  );
  await addSource('lang', long('test.lang'));
  await addSource('bred', wideYears);
  await addSource('scb', { ...wideYears, indicator: { value: 'test.scb' }, area: { column: 'region' } });
  await addSource('policy', long('test.policy'));
});
afterAll(async () => {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

describe('rows_read = rows_loaded + rows_skipped + rows_rejected', () => {
  test('a long file with a title, a Totalt row and footnotes: 6 rows = 2 loaded + 4 skipped', async () => {
    await copyFile(sourceFixture('title-footnotes-totalt.csv'), path.join(inbox, 'lang.csv'));
    const summary = await run('lang');
    expect(await accounting(summary)).toBe(
      'Rader: 6 lästa = 2 inlästa + 4 överhoppade + 0 avvisade · Värden: 2 nya, 0 ändrade, 0 oförändrade, 0 avvisade',
    );
    expect(summary.warning).toBeNull();
    expect(await factsOf('lang')).toEqual([80, 120]);
  });

  test('a wide file: 7 rows = 4 loaded + 3 skipped, and its 12 values counted apart', async () => {
    await deliver('bred', wideFile());
    const summary = await run('bred');
    expect(await accounting(summary)).toBe(
      'Rader: 7 lästa = 4 inlästa + 3 överhoppade + 0 avvisade · Värden: 12 nya, 0 ändrade, 0 oförändrade, 0 avvisade',
    );
    expect(summary.warning).toBeNull();
  });

  test('a wide file with an unknown region, a bad cell, a short row and a footnote', async () => {
    await copyFile(sourceFixture('scb-wide-latin1-errors.csv'), path.join(inbox, 'scb.csv'));
    const summary = await run('scb');
    // Vimmerby's row loads two values and has one rejected value; Okänd and Ydre are rejected rows.
    expect(await accounting(summary)).toBe(
      'Rader: 6 lästa = 2 inlästa + 2 överhoppade + 2 avvisade · Värden: 5 nya, 0 ändrade, 0 oförändrade, 3 avvisade',
    );
    expect(summary.warning).toBe(
      'Lyckades med 2 avvisade rader (3 avvisade värden; 37,5 % av värdena avvisades; över 50 % misslyckas körningen)',
    );
    expect(await listRejectedRows(t.db, summary.run_id)).toHaveLength(3);
    expect(await factsOf('scb')).toEqual([15318, 15465, 26245, 26440, 26611]);
  });
});

describe('values inserted, updated and unchanged across runs of the same file', () => {
  test('the same file again: every value unchanged, the rows counted as before', async () => {
    await deliver('bred', wideFile());
    const again = await run('bred');
    expect(again.identical_to_run).not.toBeNull();
    expect(await accounting(again)).toBe(
      'Rader: 7 lästa = 4 inlästa + 3 överhoppade + 0 avvisade · Värden: 0 nya, 0 ändrade, 12 oförändrade, 0 avvisade',
    );
  });

  test('the same values in a different file (read and merged): still all unchanged', async () => {
    await deliver('bred', `${wideFile()}Anm: samma siffror, ny fil\n`);
    const merged = await run('bred');
    expect(merged.identical_to_run).toBeNull();
    expect(await accounting(merged)).toBe(
      'Rader: 8 lästa = 4 inlästa + 4 överhoppade + 0 avvisade · Värden: 0 nya, 0 ändrade, 12 oförändrade, 0 avvisade',
    );
  });

  test('one changed value: one updated, the rest unchanged', async () => {
    await deliver('bred', wideFile('13'));
    const changed = await run('bred');
    expect(await accounting(changed)).toBe(
      'Rader: 7 lästa = 4 inlästa + 3 överhoppade + 0 avvisade · Värden: 0 nya, 1 ändrade, 11 oförändrade, 0 avvisade',
    );
  });
});

describe('the default rejection policy (no validation.max_rejected_share)', () => {
  test('60 % of the rows rejected: the run fails, commits nothing, and says the share and where to look', async () => {
    await deliver('policy', tenRows(6));
    const error = await failure('policy');
    expect(error.message).toContain(
      'För många avvisade värden: 60 % (6 av 10) är över standardgränsen 50 % (ändra med validation.max_rejected_share i källans definition); inget lästes in.',
    );
    expect(error.message).toContain(`se varför med \`malkoll runs rejected ${error.runId}\``);
    expect(await factsOf('policy')).toEqual([]);
    // The failed run keeps what the file gave and every reason, though nothing was stored.
    expect(await getRun(t.db, error.runId)).toMatchObject({
      status: 'failed',
      rows_read: 10,
      rows_loaded: 4,
      skipped: 0,
      rows_rejected: 6,
      inserted: 0,
      rejected: 6,
      warning: null,
    });
    expect(await listRejectedRows(t.db, error.runId)).toHaveLength(6);
  });

  test('10 % rejected: the good rows are stored and the run succeeds with a warning', async () => {
    await deliver('policy', tenRows(1));
    const summary = await run('policy');
    expect(summary.status).toBe('succeeded');
    expect(summary.warning).toBe(
      'Lyckades med 1 avvisad rad (10 % av värdena avvisades; över 50 % misslyckas körningen)',
    );
    expect(await accounting(summary)).toBe(
      'Rader: 10 lästa = 9 inlästa + 0 överhoppade + 1 avvisade · Värden: 9 nya, 0 ändrade, 0 oförändrade, 1 avvisade',
    );
    expect(await factsOf('policy')).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test('a source that allows more keeps its own limit: 60 % rejected loads, with a warning', async () => {
    await addSource('policy', long('test.policy'), { validation: { max_rejected_share: 0.75 } });
    await deliver('policy', tenRows(6));
    const summary = await run('policy');
    expect(summary.warning).toBe(
      'Lyckades med 6 avvisade rader (60 % av värdena avvisades; över 75 % misslyckas körningen)',
    );
    expect(summary).toMatchObject({ rows_loaded: 4, rows_rejected: 6, values_unchanged: 4 });
  });
});
