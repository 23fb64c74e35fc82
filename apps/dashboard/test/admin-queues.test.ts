import { closeQueues, createQueues, createRedis, enqueue, jobs, type Queues } from '@malkoll/jobs';
import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/server/app.ts';

// Bull Board inside the dashboard, reading real queues (random prefix) on the machine's Redis.
let t: TestDatabase;
let redis: ReturnType<typeof createRedis>;
let queues: Queues;
const prefix = testQueuePrefix();

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  redis = createRedis(testRedisUrl(), 'producer');
  queues = createQueues(redis, prefix);
  await enqueue(queues, jobs.ingestSource, { sourceId: 'befolkning', trigger: 'manual' });
});
afterAll(async () => {
  for (const q of Object.values(queues)) await q.obliterate({ force: true });
  await closeQueues(queues);
  redis.disconnect();
  await t.drop();
});

test('/admin/queues serves the board, its assets and both queues with their jobs', async () => {
  const app = createApp({ db: t.db, clientDir: '/nonexistent', queues });
  const page = await app.request('/admin/queues');
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<base href="/admin/queues/"');
  const script = html.match(/src="(static\/js\/[^"]+\.js)"/)?.[1];
  expect(script).toBeDefined();
  expect((await app.request(`/admin/queues/${script}`)).status).toBe(200);

  const api = await app.request('/admin/queues/api/queues?activeQueue=ingest&status=waiting&page=1');
  expect(api.status).toBe(200);
  const body = (await api.json()) as {
    queues: { name: string; counts: Record<string, number>; jobs: { data: unknown }[] }[];
  };
  expect(body.queues.map((q) => q.name).sort()).toEqual(['goals', 'ingest']);
  const ingest = body.queues.find((q) => q.name === 'ingest');
  expect(ingest?.counts.waiting).toBe(1);
  expect(ingest?.jobs.map((j) => j.data)).toEqual([{ sourceId: 'befolkning', trigger: 'manual' }]);
});

test('without queues there is no board, and /health still answers', async () => {
  const app = createApp({ db: t.db, clientDir: '/nonexistent' });
  expect((await app.request('/admin/queues/api/queues')).status).toBe(404);
  expect(await (await app.request('/health')).json()).toEqual({ status: 'ok' });
});
