import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { loadPeerGroupSet, type PeerGroupSetLoad, peerGroupForArea } from './peer-group-sets.ts';
import { upsertPeerGroup } from './peer-groups.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const set = { key: 'test-2024', label: 'Testindelning 2024', source: 'test', validFrom: '2024-01-01' };

async function load(members: PeerGroupSetLoad['members'], groups: PeerGroupSetLoad['groups']) {
  const client = await t.pool.connect();
  try {
    await client.query('begin');
    const counts = await loadPeerGroupSet(client, { set, groups, members });
    await client.query('commit');
    return counts;
  } finally {
    client.release();
  }
}

const group = (code: string, title: string) => ({ code, title, level: 'group' as const, parentCode: null });

async function groupOf(areaCode: string): Promise<string | null> {
  const { rows } = await sql<{ id: string | null }>`
    select dim.peer_group_for((select id from dim.areas where code = ${areaCode}), ${set.key}) as id`.execute(
    t.db,
  );
  return rows[0]?.id ?? null;
}

describe('loadPeerGroupSet', () => {
  test('loads the set; loading it again changes nothing', async () => {
    const members = [
      { areaCode: '0586', groupCode: 'B4', mainGroupCode: null },
      { areaCode: '0512', groupCode: 'B4', mainGroupCode: null },
      { areaCode: '2029', groupCode: 'C9', mainGroupCode: null },
    ];
    const groups = [group('B4', 'Pendlingskommun'), group('C9', 'Besöksnäring')];
    expect(await load(members, groups)).toEqual({ inserted: 3, updated: 0, unchanged: 0, retired: 0 });
    expect(await load(members, groups)).toEqual({ inserted: 0, updated: 0, unchanged: 3, retired: 0 });
    expect(await groupOf('0586')).toBe('test-2024:B4');
    expect(await groupOf('0884')).toBeNull();
  });

  test('a new edition without a group removes it; areas it held leave the set, a renamed group updates its areas', async () => {
    const counts = await load(
      [
        { areaCode: '0586', groupCode: 'B4', mainGroupCode: null },
        { areaCode: '0512', groupCode: 'B4', mainGroupCode: null },
      ],
      [group('B4', 'Pendlingskommun nära större stad')],
    );
    expect(counts).toEqual({ inserted: 0, updated: 2, unchanged: 0, retired: 1 });
    expect(await groupOf('2029')).toBeNull();
    const { rows } = await sql<{
      id: string;
    }>`select id from dim.peer_groups where set_key = ${set.key}`.execute(t.db);
    expect(rows.map((r) => r.id)).toEqual(['test-2024:B4']);
    expect(await peerGroupForArea(t.db, '0586', set.key)).toMatchObject({
      code: 'B4',
      title: 'Pendlingskommun nära större stad',
    });
  });

  test('groups outside any set are left alone', async () => {
    await upsertPeerGroup(t.db, { id: 'liknande-0586', title: 'Liknande', areaCodes: ['0586', '0884'] });
    await load(
      [{ areaCode: '0586', groupCode: 'B4', mainGroupCode: null }],
      [group('B4', 'Pendlingskommun')],
    );
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from dim.peer_group_members where group_id = 'liknande-0586'`.execute(t.db);
    expect(rows[0]?.n).toBe(2);
  });
});
