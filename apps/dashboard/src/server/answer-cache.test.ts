import { describe, expect, test } from 'vitest';
import { AnswerCache as Cache } from './answer-cache.ts';

const decoder = new TextDecoder();

/** The cache with answers read back as text. */
class AnswerCache extends Cache {
  async text(key: string, build: () => Promise<string>): Promise<string> {
    return decoder.decode(await this.get(key, build));
  }
}

describe('AnswerCache', () => {
  test('the same data version answers from memory; a new version composes again', async () => {
    let version = 'v1';
    let builds = 0;
    const cache = new AnswerCache(async () => version, 500, 0);
    const build = async () => JSON.stringify({ n: ++builds });
    expect(await cache.text('/a', build)).toBe('{"n":1}');
    expect(await cache.text('/a', build)).toBe('{"n":1}');
    version = 'v2';
    expect(await cache.text('/a', build)).toBe('{"n":2}');
    expect(builds).toBe(2);
  });

  test('fifty simultaneous requests for one answer compose it once', async () => {
    let builds = 0;
    const cache = new AnswerCache(async () => 'v1');
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 20));
      return JSON.stringify({ ok: true });
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.text('/goal', build)));
    expect(new Set(answers)).toEqual(new Set(['{"ok":true}']));
    expect(builds).toBe(1);
  });

  test('a failed composition is not kept: the next request tries again', async () => {
    const cache = new AnswerCache(async () => 'v1');
    await expect(cache.get('/x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.text('/x', async () => '1')).toBe('1');
  });

  test('beyond its size the oldest answer is dropped', async () => {
    let builds = 0;
    const cache = new AnswerCache(async () => 'v1', 2);
    const build = async () => String(++builds);
    await cache.text('/1', build);
    await cache.text('/2', build);
    await cache.text('/3', build);
    await cache.text('/1', build);
    expect(builds).toBe(4);
  });
});

test('the version is read once per window, not once per request', async () => {
  let reads = 0;
  const cache = new AnswerCache(async () => `v${++reads}`, 500, 60_000);
  await Promise.all(Array.from({ length: 20 }, () => cache.text('/a', async () => '1')));
  expect(reads).toBe(1);
});
