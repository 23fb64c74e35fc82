import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveInboxFiles, resolveOneInboxFile } from './resolve.ts';

// File sources are confined to the inbox root: a definition or a request cannot read elsewhere, by
// `..`, an absolute path, or a symlink (to a file or a folder) that points out.
let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'malkoll-inbox-'));
  root = path.join(base, 'inbox');
  await mkdir(path.join(root, 'mjolby'), { recursive: true });
  await writeFile(path.join(base, 'hemlig.csv'), 'utanför inkorgen');
  await mkdir(path.join(base, 'utanfor'));
  await writeFile(path.join(base, 'utanfor', 'data.csv'), 'utanför inkorgen');
  await writeFile(path.join(root, 'mjolby', 'befolkning-1.csv'), 'a');
  await writeFile(path.join(root, 'mjolby', 'befolkning-2.csv'), 'b');
  await symlink(path.join(root, 'mjolby', 'befolkning-1.csv'), path.join(root, 'mjolby', 'senaste.csv'));
  await symlink(path.join(base, 'hemlig.csv'), path.join(root, 'mjolby', 'extern-3.csv'));
  await symlink(path.join(base, 'utanfor'), path.join(root, 'lank'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveInboxFiles', () => {
  test('matches a pattern inside the root, in name order', async () => {
    const files = await resolveInboxFiles(root, 'mjolby/befolkning-?.csv');
    expect(files.map((f) => path.basename(f))).toEqual(['befolkning-1.csv', 'befolkning-2.csv']);
  });
  test('a symlink inside the root that stays inside is followed', async () => {
    const files = await resolveInboxFiles(root, 'mjolby/senaste.csv');
    expect(files).toEqual([path.join(await realpath(root), 'mjolby', 'befolkning-1.csv')]);
  });
  test('refuses .., absolute paths, and symlinks out of the root', async () => {
    await expect(resolveInboxFiles(root, '../hemlig.csv')).rejects.toThrow('relativ sökväg i inkorgen');
    await expect(resolveInboxFiles(root, path.join(base, 'hemlig.csv'))).rejects.toThrow('relativ sökväg');
    await expect(resolveInboxFiles(root, 'mjolby/extern-*.csv')).rejects.toThrow(
      'extern-3.csv pekar ut ur inkorgen',
    );
    await expect(resolveInboxFiles(root, 'lank/*.csv')).rejects.toThrow('data.csv pekar ut ur inkorgen');
  });
});

describe('resolveOneInboxFile', () => {
  test('a file inside the root', async () => {
    expect(path.basename(await resolveOneInboxFile(root, 'mjolby/befolkning-2.csv'))).toBe(
      'befolkning-2.csv',
    );
  });
  test('refuses .., absolute paths, symlinks out, folders and missing files', async () => {
    await expect(resolveOneInboxFile(root, 'mjolby/../../hemlig.csv')).rejects.toThrow('utan ..');
    await expect(resolveOneInboxFile(root, path.join(base, 'hemlig.csv'))).rejects.toThrow('relativ sökväg');
    await expect(resolveOneInboxFile(root, 'mjolby/extern-3.csv')).rejects.toThrow('pekar ut ur inkorgen');
    await expect(resolveOneInboxFile(root, 'lank/data.csv')).rejects.toThrow('pekar ut ur inkorgen');
    await expect(resolveOneInboxFile(root, 'mjolby')).rejects.toThrow('är ingen fil');
    await expect(resolveOneInboxFile(root, 'mjolby/saknas.csv')).rejects.toThrow('finns inte i inkorgen');
  });
});
