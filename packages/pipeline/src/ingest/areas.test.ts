import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@malkoll/runtime';
import { parseSourceDefinition } from '@malkoll/sources';
import { upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestSource } from './ingest-source.ts';

// The worker resolves area cells through the register `malkoll migrate` loads (data/areas in the
// warehouse), in every form the publishers write them.

let t: TestDatabase;
let inbox: string;

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-areas-'));
  await upsertIndicators(t.db, [
    { key: 'test.areas', title: 'Områden', unit: '', direction: 'higher', decimals: 0 },
  ]);
  await upsertSource(t.db, {
    id: 'areas',
    title: 'Områden',
    kind: 'csv',
    definition: parseSourceDefinition({
      id: 'areas',
      title: 'Områden',
      owner: { name: 'Test' },
      kind: 'csv',
      location: { inbox: 'areas.csv' },
      mapping: {
        layout: 'long',
        indicator: { value: 'test.areas' },
        area: { column: 'Region' },
        period: { column: 'År' },
        value: { column: 'Värde' },
      },
      load: { mode: 'upsert' },
    }),
    schedule: null,
  });
});
afterAll(async () => {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
});

const cells: [string, string, string][] = [
  // cell, year, the area code it must load to
  ['00 Riket', '2008', '0000'],
  ['01 Stockholms län', '2008', '0001'],
  ['0586 Mjölby', '2008', '0586'],
  ['15 f.d. Älvsborgs län', '1997', '0015'],
  ['12 f.d. Malmöhus län', '1996', '0012-1996'],
  ['1917 Heby', '2006', '1917'],
  ['0331 Heby', '2008', '0331'],
  ['Västra Götalands län', '2008', '0014'],
  ['Region Jämtland Härjedalen', '2008', '0023'],
  ['Alla kommuner (ovägt medel)', '2008', 'alla-kommuner-ovagt-medel'],
  [`Mjöl\u00ADby kommun`, '2007', '0586'],
];

describe('area cells as SCB, Kolada and Socialstyrelsen write them', () => {
  test('load to their own areas; "1917 Heby" and "0331 Heby" never collide; a summary row is skipped', async () => {
    const rows = cells.map(([cell, year], i) => `${year};${cell};${i + 1}`);
    await writeFile(
      path.join(inbox, 'areas.csv'),
      `År;Region;Värde\n${rows.join('\n')}\n2008;Totalt;999\n2008;Ankeborgs län;5\n`,
    );
    const summary = await ingestSource(
      { db: t.db, pool: t.pool, inboxRoot: inbox, log: createLogger('test', 'silent') },
      { sourceId: 'areas', trigger: 'manual' },
    );
    expect(summary).toMatchObject({ status: 'succeeded', inserted: cells.length, skipped: 1, rejected: 1 });
    const facts = await t.db
      .selectFrom('fact.indicator_values as f')
      .innerJoin('dim.areas as a', 'a.id', 'f.area_id')
      .select(['a.code', 'f.value'])
      .orderBy('f.value')
      .execute();
    expect(facts.map((f) => [f.code, Number(f.value)])).toEqual(cells.map(([, , code], i) => [code, i + 1]));
    const rejected = await t.db.selectFrom('ops.rejected_rows').select(['raw', 'reason_sv']).execute();
    expect(rejected).toEqual([
      { raw: 'Ankeborgs län', reason_sv: expect.stringContaining('Okänt område "Ankeborgs län"') },
    ]);
  });
});
