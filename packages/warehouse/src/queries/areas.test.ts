import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceRegister } from '../reference/area-register.ts';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import {
  areaLineage,
  ensureOrgUnits,
  listRegisterAreas,
  loadAreaLookup,
  syncReferenceAreas,
} from './areas.ts';

let t: TestDatabase;
beforeAll(async () => {
  // Migrated and synced as `malkoll migrate` does (createTestDatabase runs syncReferenceAreas).
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('the area register in dim.areas after migrate', () => {
  test('holds Riket, 21 current län and 290 current municipalities, plus the historical ones', async () => {
    const rows = await t.db
      .selectFrom('dim.areas')
      .select(['type', sql<boolean>`valid_to is null`.as('current'), sql<number>`count(*)::int`.as('n')])
      .groupBy(['type', sql`valid_to is null`])
      .orderBy('type')
      .execute();
    const count = (type: string, current: boolean) =>
      rows.find((r) => r.type === type && r.current === current)?.n ?? 0;
    expect(count('country', true)).toBe(1);
    expect(count('region', true)).toBe(21);
    expect(count('municipality', true)).toBe(290);
    expect(count('aggregate', true)).toBe(1);
    expect(count('region', false)).toBe(5);
    expect(count('municipality', false)).toBe(2);
  });

  test('1917 Heby and 0331 Heby are two areas, linked by the 2007 recode', async () => {
    const heby = await t.db
      .selectFrom('dim.areas as a')
      .innerJoin('dim.areas as p', 'p.id', 'a.parent_id')
      .select(['a.id', 'a.code', 'a.name', 'a.valid_from', 'a.valid_to', 'p.code as parent'])
      .where('a.code', 'in', ['1917', '0331'])
      .orderBy('a.code', 'desc')
      .execute();
    expect(heby.map(({ id: _id, ...rest }) => rest)).toEqual([
      { code: '1917', name: 'Heby', valid_from: null, valid_to: '2006-12-31', parent: '0019' },
      { code: '0331', name: 'Heby', valid_from: '2007-01-01', valid_to: null, parent: '0003' },
    ]);
    expect(heby[0]?.id).not.toBe(heby[1]?.id);
    const link = await t.db
      .selectFrom('dim.area_changes')
      .select(['effective_date', 'kind'])
      .where('from_area_id', '=', heby[0]?.id as number)
      .where('to_area_id', '=', heby[1]?.id as number)
      .execute();
    expect(link).toEqual([{ effective_date: '2007-01-01', kind: 'recoded' }]);
  });

  test('syncing again changes nothing and adds no rows', async () => {
    const before = await t.db.selectFrom('dim.areas').selectAll().orderBy('id').execute();
    const changesBefore = await t.db.selectFrom('dim.area_changes').selectAll().execute();
    await syncReferenceAreas(t.db);
    expect(await t.db.selectFrom('dim.areas').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await t.db.selectFrom('dim.area_changes').selectAll().execute()).toHaveLength(
      changesBefore.length,
    );
    expect(changesBefore).toHaveLength(referenceRegister().changes.length);
  });

  test('an aggregate a steward once created as an org unit becomes the aggregate, keeping its row', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const { migrateToLatest } = await import('../migrate.ts');
      await migrateToLatest(db.db);
      // What detect proposed before the register knew Kolada's unweighted mean.
      await ensureOrgUnits(db.db, [
        { code: 'alla-kommuner-ovagt-medel', name: 'Alla kommuner (ovägt medel)', level: 'namnd' },
      ]);
      const { id } = await db.db
        .selectFrom('dim.areas')
        .select('id')
        .where('code', '=', 'alla-kommuner-ovagt-medel')
        .executeTakeFirstOrThrow();
      await syncReferenceAreas(db.db);
      const after = await db.db
        .selectFrom('dim.areas')
        .select(['id', 'type', 'org_level'])
        .where('code', '=', 'alla-kommuner-ovagt-medel')
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ id, type: 'aggregate', org_level: null });
    } finally {
      await db.drop();
    }
  });

  test('the lookups the reader resolves against carry aliases, official codes and validity', async () => {
    const lookup = await loadAreaLookup(t.db);
    const byCode = new Map(lookup.register.map((a) => [a.code, a]));
    expect(byCode.get('0001')).toMatchObject({
      name: 'Region Stockholm',
      aliases: ['Stockholms län'],
      officialCode: '0001',
    });
    expect(byCode.get('0012-1996')).toMatchObject({
      name: 'Malmöhus län',
      officialCode: '0012',
      validTo: '1996-12-31',
    });
    expect(byCode.get('alla-kommuner-ovagt-medel')).toMatchObject({ type: 'aggregate', officialCode: null });
    expect(lookup.idByCode.get('1917')).not.toBe(lookup.idByCode.get('0331'));
    expect(await listRegisterAreas(t.db)).toEqual(lookup.register);
  });
});

describe('areaLineage', () => {
  test('follows Heby across the 2007 recode, in both directions', async () => {
    const old = await areaLineage(t.db, '1917');
    expect(old).toMatchObject({ code: '1917', name: 'Heby', validTo: '2006-12-31', predecessors: [] });
    expect(old?.successors).toEqual([
      {
        code: '0331',
        name: 'Heby',
        validFrom: '2007-01-01',
        validTo: null,
        effectiveDate: '2007-01-01',
        kind: 'recoded',
        depth: 1,
      },
    ]);
    const now = await areaLineage(t.db, '0331');
    expect(now?.predecessors.map((p) => [p.code, p.kind, p.effectiveDate])).toEqual([
      ['1917', 'recoded', '2007-01-01'],
    ]);
    expect(now?.successors).toEqual([]);
  });

  test('walks several steps: Bollebygd split from 1583 Borås, which became 1490', async () => {
    const lineage = await areaLineage(t.db, '1443');
    expect(lineage?.predecessors.map((p) => [p.code, p.kind, p.depth])).toEqual([['1583', 'split', 1]]);
    const boras = await areaLineage(t.db, '1583');
    expect(boras?.successors.map((s) => [s.code, s.kind, s.effectiveDate, s.depth])).toEqual([
      ['1443', 'split', '1995-01-01', 1],
      ['1490', 'recoded', '1998-01-01', 1],
    ]);
  });

  test('Västra Götalands län came from three län in 1998', async () => {
    const vg = await areaLineage(t.db, '0014');
    expect(vg?.predecessors.map((p) => [p.name, p.kind, p.effectiveDate])).toEqual([
      ['Göteborgs och Bohus län', 'merged', '1998-01-01'],
      ['Älvsborgs län', 'merged', '1998-01-01'],
      ['Skaraborgs län', 'merged', '1998-01-01'],
    ]);
  });

  test('an area without changes has none, and an unknown code gives null', async () => {
    expect(await areaLineage(t.db, '0586')).toMatchObject({ code: '0586', predecessors: [], successors: [] });
    expect(await areaLineage(t.db, '9999')).toBeNull();
  });
});
