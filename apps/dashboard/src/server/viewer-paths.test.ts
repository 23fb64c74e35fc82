import { describe, expect, test } from 'vitest';
import { createViewerPaths } from './viewer-paths.ts';

// The rewriting itself, for paths the integration test (test/viewer-paths.test.ts) cannot easily make:
// a root with a space, a path outside the inbox, a URL that must stay as it is.
const paths = createViewerPaths('/srv/Mina filer/inkorg');

describe('free text', () => {
  test.each([
    [
      "EEXIST: file already exists, mkdir '/srv/Mina filer/inkorg/a/processing'",
      "EEXIST: file already exists, mkdir 'a/processing'",
    ],
    [
      "ENOENT: no such file or directory, open '/etc/malkoll/hemlig.csv'",
      "ENOENT: no such file or directory, open 'hemlig.csv'",
    ],
    [
      'Kolada svarade 503 för https://api.kolada.se/v3/data/kpi/N01951',
      'Kolada svarade 503 för https://api.kolada.se/v3/data/kpi/N01951',
    ],
    ['Ingen fil i inkorgen matchar "a/*.csv"', 'Ingen fil i inkorgen matchar "a/*.csv"'],
    [
      '2 av 10 rader (20 %) avvisades, högst 10 % / 1 rad',
      '2 av 10 rader (20 %) avvisades, högst 10 % / 1 rad',
    ],
    ["rename '/var/tmp/x.csv' -> '/srv/Mina filer/inkorg/b/y.csv'", "rename 'x.csv' -> 'b/y.csv'"],
  ])('%s', (input, shown) => {
    expect(paths.text(input)).toBe(shown);
  });
});

describe('file origins', () => {
  test.each([
    ['a/data.csv', 'a/data.csv'],
    ['a/data.csv, b/data.csv', 'a/data.csv, b/data.csv'],
    ['/srv/Mina filer/inkorg/a/data.csv', 'a/data.csv'],
    ['../../annan/plats/data.csv', 'data.csv'],
    ['/home/anna/data.csv', 'data.csv'],
  ])('%s → %s', (origin, shown) => {
    expect(paths.file(origin)).toBe(shown);
  });

  test('without an inbox root a path above it keeps only its name', () => {
    expect(createViewerPaths(undefined).file('../inkorg/a/data.csv')).toBe('data.csv');
  });
});
