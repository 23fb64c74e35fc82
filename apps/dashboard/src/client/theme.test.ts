import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

// theme.ts is the one palette: a colour written anywhere else in the client drifts from it.
test('no colour literal in client code outside theme.ts', () => {
  const dir = import.meta.dirname;
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter(
    (f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && path.basename(f) !== 'theme.ts',
  );
  expect(files.length).toBeGreaterThan(20);
  const found = files.flatMap((f) =>
    [...readFileSync(path.join(dir, f), 'utf8').matchAll(/#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\(/g)].map(
      (m) => `${f}: ${m[0]}`,
    ),
  );
  expect(found).toEqual([]);
});
