import { testQueuePrefix, testRedisUrl } from '@malkoll/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRedis } from './connection.ts';
import { formatZoned, nextFireTimes, nightOf, nightWindow, previousFireTime } from './schedule.ts';

// The two DST nights in Europe/Stockholm around this release: on 2027-03-28 the clocks jump from
// 02:00 to 03:00 (02:30 does not exist); on 2026-10-25 they fall back from 03:00 to 02:00 (02:30
// happens twice). A nightly 02:30 source must fire exactly once on each of these nights.
const SPRING_EVE = new Date('2027-03-27T12:00:00Z');
const AUTUMN_EVE = new Date('2026-10-24T12:00:00Z');
// BullMQ only schedules from now on, so its comparison uses the next of each night still ahead.
const NEXT_AUTUMN_EVE = new Date('2027-10-30T12:00:00Z');
const tz = 'Europe/Stockholm';

const firesOn = (fires: Date[], day: string) => fires.filter((d) => formatZoned(d, tz).startsWith(day));

describe('next fire times in Europe/Stockholm across DST', () => {
  test('spring night: 02:30 does not exist, the run fires once at 03:30 summer time', () => {
    const fires = nextFireTimes('30 2 * * *', { from: SPRING_EVE, count: 3, tz });
    expect(fires.map((d) => d.toISOString())).toEqual([
      '2027-03-28T01:30:00.000Z', // 03:30 CEST (UTC+2): the gap's 02:30 moves forward an hour
      '2027-03-29T00:30:00.000Z', // 02:30 CEST
      '2027-03-30T00:30:00.000Z',
    ]);
    expect(firesOn(fires, '2027-03-28').map((d) => formatZoned(d, tz))).toEqual(['2027-03-28 03:30']);
  });

  test('autumn night: 02:30 happens twice, the run fires once, at the first (summer-time) 02:30', () => {
    const fires = nextFireTimes('30 2 * * *', { from: AUTUMN_EVE, count: 3, tz });
    expect(fires.map((d) => d.toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST (UTC+2); the second 02:30 (01:30Z, CET) is not a fire
      '2026-10-26T01:30:00.000Z', // 02:30 CET (UTC+1)
      '2026-10-27T01:30:00.000Z',
    ]);
    expect(firesOn(fires, '2026-10-25').map((d) => formatZoned(d, tz))).toEqual(['2026-10-25 02:30']);
  });

  test('next autumn night (2027-10-31) likewise fires once, at the first 02:30', () => {
    const fires = nextFireTimes('30 2 * * *', { from: NEXT_AUTUMN_EVE, count: 2, tz });
    expect(fires.map((d) => d.toISOString())).toEqual([
      '2027-10-31T00:30:00.000Z',
      '2027-11-01T01:30:00.000Z',
    ]);
  });

  test('an hour outside the changed hour keeps its wall-clock time on both nights', () => {
    expect(nextFireTimes('0 4 * * *', { from: SPRING_EVE, tz }).map((d) => formatZoned(d, tz))).toEqual([
      '2027-03-28 04:00',
    ]);
    expect(nextFireTimes('0 4 * * *', { from: AUTUMN_EVE, tz }).map((d) => formatZoned(d, tz))).toEqual([
      '2026-10-25 04:00',
    ]);
  });

  test('the previous fire is the latest tick at or before the moment', () => {
    // After the autumn night's ticks: the one tick that fired (the first 02:30), not the second 02:30.
    expect(previousFireTime('30 2 * * *', { at: new Date('2026-10-25T12:00:00Z'), tz }).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(previousFireTime('30 2 * * *', { at: new Date('2026-10-25T01:45:00Z'), tz }).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(previousFireTime('30 2 * * *', { at: new Date('2027-03-28T01:30:00Z'), tz }).toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    expect(previousFireTime('30 2 * * *', { at: new Date('2027-03-28T01:29:59Z'), tz }).toISOString()).toBe(
      '2027-03-27T01:30:00.000Z', // 02:30 CET the night before
    );
  });
});

describe('nights: 18:00 to 18:00 Swedish time', () => {
  test('the 02:30 run, its retries and a morning catch-up belong to the night of that date', () => {
    expect(nightOf(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25'); // 02:30 CEST
    expect(nightOf(new Date('2026-10-24T15:59:59Z'))).toBe('2026-10-24'); // 17:59:59 CEST
    expect(nightOf(new Date('2026-10-24T16:00:00Z'))).toBe('2026-10-25'); // 18:00 CEST
    expect(nightOf(new Date('2026-10-25T16:59:00Z'))).toBe('2026-10-25'); // 17:59 CET
  });

  test('a DST night is 25 or 23 hours long', () => {
    const autumn = nightWindow('2026-10-25');
    expect([autumn.from.toISOString(), autumn.to.toISOString()]).toEqual([
      '2026-10-24T16:00:00.000Z',
      '2026-10-25T17:00:00.000Z',
    ]);
    const spring = nightWindow('2027-03-28');
    expect((spring.to.getTime() - spring.from.getTime()) / 3600_000).toBe(23);
  });

  test('a night that is not a date is refused in Swedish', () => {
    expect(() => nightWindow('25/10')).toThrow(/^Natten anges som ett datum, ÅÅÅÅ-MM-DD \(fick "25\/10"\)$/);
  });
});

describe("BullMQ's job scheduler with tz agrees (real Redis)", () => {
  const redis = createRedis(testRedisUrl(), 'producer');
  const queue = new Queue('dst', {
    connection: redis,
    prefix: testQueuePrefix(),
  });

  beforeAll(() => queue.waitUntilReady());
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });

  /** Where BullMQ puts a scheduler's next job when the schedule starts at `startDate`. */
  async function bullNext(id: string, startDate: Date): Promise<string> {
    await queue.upsertJobScheduler(id, { pattern: '30 2 * * *', tz, startDate }, { name: 'tick' });
    const next = (await queue.getJobScheduler(id))?.next;
    return new Date(Number(next)).toISOString();
  }

  test.each([
    ['spring', SPRING_EVE],
    ['autumn', NEXT_AUTUMN_EVE],
  ])('%s night: the same fires as nextFireTimes', async (night, eve) => {
    const ours = nextFireTimes('30 2 * * *', { from: eve, count: 2, tz }).map((d) => d.toISOString());
    const first = await bullNext(`${night}-1`, eve);
    // The fire after the DST one: a scheduler starting one millisecond after the first fire.
    const second = await bullNext(`${night}-2`, new Date(new Date(first).getTime() + 1));
    expect([first, second]).toEqual(ours);
  });
});
