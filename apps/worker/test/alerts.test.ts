import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { enqueue, jobs, nightOf } from '@malkoll/jobs';
import { ingestOptionsFor, ingestSource } from '@malkoll/pipeline';
import { parseSourceDefinition } from '@malkoll/sources';
import { testQueuePrefix, waitUntil } from '@malkoll/testing';
import { listAlerts, upsertIndicators, upsertSource } from '@malkoll/warehouse';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createAlerter } from '../src/alerts.ts';
import type { WorkerHandle } from '../src/worker.ts';
import { startTestWorker } from './test-worker.ts';

// Alerts leave the worker for a webhook (Teams/Slack JSON) and an SMTP server, both local to this
// test, and the night's one alert per source is decided by Postgres.

const prefix = testQueuePrefix();
let t: TestDatabase;
let inbox: string;
let worker: WorkerHandle;
let webhook: Server;
let smtp: SMTPServer;
const posts: { contentType: string | undefined; body: { text?: unknown } }[] = [];
const mails: { from: string; to: string[]; data: string }[] = [];
const logs: { msg?: string; source_id?: string }[] = [];
const settings = {
  webhookUrl: '',
  smtpUrl: '',
  smtpFrom: 'malkoll@kommun.test',
  emailTo: ['drift@kommun.test'],
};

const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  }),
);

function definition(id: string, extra: Record<string, unknown> = {}) {
  return parseSourceDefinition({
    id,
    title: `Källa ${id}`,
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: `${id}.csv` },
    mapping: {
      layout: 'long',
      indicator: { value: `test.${id}` },
      area: { column: 'Kommun' },
      period: { column: 'Period' },
      value: { column: 'Värde' },
    },
    ...extra,
  });
}

async function addSource(id: string, def: unknown) {
  await upsertIndicators(t.db, [
    { key: `test.${id}`, title: id, unit: '', direction: 'higher', decimals: 0 },
  ]);
  await upsertSource(t.db, { id, title: `Källa ${id}`, kind: 'csv', definition: def, schedule: null });
}

beforeAll(async () => {
  t = await createTestDatabase();
  inbox = await mkdtemp(path.join(os.tmpdir(), 'malkoll-alerts-'));
  webhook = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8').on('data', (c: string) => {
      text += c;
    });
    req.on('end', () => {
      posts.push({ contentType: req.headers['content-type'], body: JSON.parse(text) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  settings.webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks/drift`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let data = '';
      stream.setEncoding('utf8').on('data', (c: string) => {
        data += c;
      });
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  settings.smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  await addSource('trasig', { id: 'trasig', kind: 'csv' }); // stored before a schema change made it invalid
  await addSource('saknas', definition('saknas')); // its file never arrives
  worker = await startTestWorker(t, {
    queuePrefix: prefix,
    inboxRoot: inbox,
    log: logger,
    alerts: settings,
    staleCheckIntervalMs: 0, // every sync checks, so the night's de-duplication is what stops a second alert
  });
});

afterAll(async () => {
  await worker?.queues.ingest.obliterate({ force: true });
  await worker?.queues.goals.obliterate({ force: true });
  await worker?.close();
  await new Promise((r) => webhook?.close(r));
  await new Promise((r) => smtp?.close(() => r(undefined)));
  await t?.drop();
  if (inbox) await rm(inbox, { recursive: true, force: true });
});

const fail = async (sourceId: string) => {
  await enqueue(worker.queues, jobs.ingestSource, { sourceId, trigger: 'schedule' }, { attempts: 1 });
};

test('a failed run sends one alert to the webhook and by e-mail; a second failure that night sends none', async () => {
  await fail('trasig');
  await waitUntil('the webhook post', async () => posts.length === 1 && mails.length === 1, 15_000);
  expect(posts[0]?.contentType).toBe('application/json');
  const text = String(posts[0]?.body.text);
  expect(text).toContain('Källan "Källa trasig" (trasig) misslyckades natten till');
  expect(text).toContain('Fel: Den sparade källdefinitionen är ogiltig (rätta den och spara igen): ');
  expect(mails[0]).toMatchObject({ from: 'malkoll@kommun.test', to: ['drift@kommun.test'] });
  expect(mails[0]?.data).toMatch(/Subject: =?.*trasig|Subject: Målkoll: Källa trasig misslyckades/);

  await fail('trasig');
  await waitUntil(
    'the second failure to be handled',
    async () =>
      logs.some((l) => l.msg === 'alert skipped: this source had one tonight' && l.source_id === 'trasig'),
    15_000,
  );
  expect(posts).toHaveLength(1);
  expect(mails).toHaveLength(1);

  // Another source failing the same night gets its own alert.
  await fail('saknas');
  await waitUntil('the second source alert', async () => posts.length === 2 && mails.length === 2, 15_000);
  expect(String(posts[1]?.body.text)).toContain('(saknas) misslyckades');
  // The delivery is recorded once both channels answered.
  const alerts = await waitUntil(
    'both deliveries recorded',
    async () => {
      const rows = await listAlerts(t.db, { night: nightOf(new Date()) });
      return rows.every((r) => r.sent_at !== null) && rows;
    },
    15_000,
  );
  expect(alerts.map((a) => [a.source_id, a.kind, a.channels, a.delivery_error])).toEqual([
    ['trasig', 'failure', ['webhook', 'email'], null],
    ['saknas', 'failure', ['webhook', 'email'], null],
  ]);
});

test('a retried source alerts once, after its last attempt, naming that run', async () => {
  // Its file is still being moved in: reading fails, and a retry might help, so it is retried first.
  await symlink(path.join(inbox, 'kommer-aldrig.csv'), path.join(inbox, 'flyktig.csv'));
  await addSource('flyktig', definition('flyktig', { retry: { attempts: 2, delay_seconds: 0.2 } }));
  const before = posts.length;
  await enqueue(
    worker.queues,
    jobs.ingestSource,
    { sourceId: 'flyktig', trigger: 'schedule' },
    ingestOptionsFor(definition('flyktig', { retry: { attempts: 2, delay_seconds: 0.2 } })),
  );
  await waitUntil('the alert', async () => posts.length === before + 1, 15_000);
  const runs = await t.db
    .selectFrom('ops.runs')
    .select(['id', 'status'])
    .where('source_id', '=', 'flyktig')
    .orderBy('id')
    .execute();
  expect(runs.map((r) => r.status)).toEqual(['failed', 'failed']);
  const [alert] = await listAlerts(t.db, { sourceId: 'flyktig' });
  expect(Number(alert?.run_id)).toBe(Number(runs[1]?.id));
  expect(String(posts.at(-1)?.body.text)).toContain(`Körning ${runs[1]?.id}`);
});

test('two processes alerting at once for one source: one alert goes out', async () => {
  const a = createAlerter(t.db, settings, logger);
  const b = createAlerter(t.db, settings, logger);
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  const before = posts.length;
  const sent = await Promise.all(
    [a, b].map((x) =>
      x.sourceFailed({ sourceId: 'trasig', runId: null, error: 'databasen svarar inte', at: tomorrow }),
    ),
  );
  a.close();
  b.close();
  expect(sent.sort()).toEqual([false, true]);
  expect(posts.length - before).toBe(1);
});

test('a source whose data is overdue gets one staleness alert a night, however often the check runs', async () => {
  await addSource('gammal', definition('gammal', { freshness: { cadence: 'monthly', due_day: 10 } }));
  await writeFile(path.join(inbox, 'gammal.csv'), 'Kommun;Period;Värde\r\n0586;2020-01;12\r\n');
  await ingestSource(
    { db: t.db, pool: t.pool, inboxRoot: inbox, log: logger },
    { sourceId: 'gammal', trigger: 'manual' },
  );
  const before = posts.length;
  await worker.syncNow();
  await worker.syncNow();
  expect(posts.length - before).toBe(1);
  expect(String(posts.at(-1)?.body.text)).toContain(
    'Källan "Källa gammal" (gammal) är försenad: februari 2020 skulle ha kommit senast 10 mars 2020.',
  );
  expect((await listAlerts(t.db, { sourceId: 'gammal' })).map((a) => a.kind)).toEqual(['stale']);
});

test('a run that loads with rejections is alerted as a warning with its rows and values; a failure the same night still gets through', async () => {
  await addSource('varning', definition('varning'));
  await writeFile(
    path.join(inbox, 'varning.csv'),
    'Kommun;Period;Värde\r\n0586;2016;1\r\n0586;2017;2\r\n0586;2018;tre\r\n0586;2019;4\r\n',
  );
  const before = posts.length;
  await enqueue(
    worker.queues,
    jobs.ingestSource,
    { sourceId: 'varning', trigger: 'schedule' },
    { attempts: 1 },
  );
  await waitUntil('the warning alert', async () => posts.length === before + 1, 15_000);
  const text = String(posts.at(-1)?.body.text).replace(/\u00a0/g, ' ');
  expect(text).toContain('*Målkoll: Källa varning lästes in med varning*');
  expect(text).toContain('Källan "Källa varning" (varning) lästes in med varning natten till');
  expect(text).toContain(
    'Varning: Lyckades med 1 avvisad rad (25 % av värdena avvisades; över 50 % misslyckas körningen)',
  );
  expect(text).toContain(
    'Rader: 4 lästa = 3 inlästa + 0 överhoppade + 1 avvisade · Värden: 3 nya, 0 ändrade, 0 oförändrade, 1 avvisade',
  );
  expect((await listAlerts(t.db, { sourceId: 'varning' })).map((a) => a.kind)).toEqual(['warning']);

  // Later that night most of a new delivery is rejected: the run fails, and the failure is not held
  // back by the warning already sent.
  await writeFile(
    path.join(inbox, 'varning.csv'),
    'Kommun;Period;Värde\r\n0586;2016;ett\r\n0586;2017;två\r\n0586;2018;tre\r\n0586;2019;4\r\n',
  );
  await enqueue(
    worker.queues,
    jobs.ingestSource,
    { sourceId: 'varning', trigger: 'schedule' },
    { attempts: 1 },
  );
  await waitUntil('the failure alert', async () => posts.length === before + 2, 15_000);
  const failure = String(posts.at(-1)?.body.text).replace(/\u00a0/g, ' ');
  expect(failure).toContain('Källan "Källa varning" (varning) misslyckades natten till');
  expect(failure).toContain('Fel: För många avvisade värden: 75 % (3 av 4) är över standardgränsen 50 %');
  expect(failure).toContain('Rader: 4 lästa = 1 inlästa + 0 överhoppade + 3 avvisade');
  expect((await listAlerts(t.db, { sourceId: 'varning' })).map((a) => a.kind)).toEqual(['failure']);
});
