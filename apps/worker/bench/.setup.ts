import { parseSourceDefinition } from '@malkoll/sources';
import { upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase } from '@malkoll/warehouse/testing';
const t = await createTestDatabase();
const indicators = Array.from({ length: 500 }, (_, i) => `N${String(i).padStart(5, '0')}`);
const definition = parseSourceDefinition({ id: 'bench', title: 'Benchmark', owner: { name: 'bench' }, kind: 'csv', location: { inbox: 'bench.csv' },
  mapping: { layout: 'long', indicator: { column: 'Nyckeltal' }, area: { column: 'Kommun' }, period: { column: 'År' }, breakdown: { column: 'Kön' }, value: { column: 'Värde' } }, load: { mode: 'upsert' } });
await upsertIndicators(t.db, indicators.map((key) => ({ key, title: key, unit: '', direction: 'higher' as const, decimals: 1 })));
await upsertSource(t.db, { id: 'bench', title: 'Benchmark', kind: 'csv', definition, schedule: null });
console.log(t.url);
await t.db.destroy();
process.exit(0);
