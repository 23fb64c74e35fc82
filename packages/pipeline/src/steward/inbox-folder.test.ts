import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { prepareInboxFolder } from './inbox-folder.ts';

// The folder a source delivers into is made inside the inbox root before the source is saved; what
// stands in the way is said in Swedish, named relative to the root (never the server's own path).

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'malkoll-inbox-folder-'));
  root = path.join(base, 'inkorg');
  await mkdir(path.join(base, 'utanfor'));
  await mkdir(root);
  await symlink(path.join(base, 'utanfor'), path.join(root, 'lank'));
  await writeFile(path.join(root, 'fil'), 'x');
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('prepareInboxFolder', () => {
  test('makes the folder of the inbox pattern, nested, and answers null', async () => {
    expect(await prepareInboxFolder(root, 'skolverket/betyg/*.csv')).toBeNull();
    expect(existsSync(path.join(root, 'skolverket', 'betyg'))).toBe(true);
    expect(await prepareInboxFolder(root, 'enstaka.csv')).toBeNull();
  });

  test('refuses a folder outside the root, through .. or through a symlink', async () => {
    expect(await prepareInboxFolder(root, '../annat/*.csv')).toBe(
      'inkorgsmappen ../annat ligger utanför inkorgen',
    );
    expect(await prepareInboxFolder(root, 'lank/*.csv')).toBe(
      'inkorgsmappen lank pekar ut ur inkorgen (symbolisk länk)',
    );
  });

  test('a file in the way is named by its reason, without the server path', async () => {
    const reason = await prepareInboxFolder(root, 'fil/*.csv');
    expect(reason).toBe('inkorgsmappen fil går inte att skapa: en fil med samma namn ligger i vägen');
    expect(reason).not.toContain(base);
  });
});
