import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { codegenArgs, generatedFile } from '../scripts/generate-types.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

test('the committed database types match the migrated schema', () => {
  // kysely-codegen --verify exits non-zero when src/db.generated.ts is out of date.
  const run = () =>
    execFileSync(
      'pnpm',
      ['exec', 'kysely-codegen', ...codegenArgs(t.url), `--out-file=${generatedFile}`, '--verify'],
      {
        cwd: new URL('..', import.meta.url).pathname,
        stdio: 'pipe',
      },
    );
  expect(run).not.toThrow();
});
