// Regenerates src/db.generated.ts from the migrated schema: `pnpm --filter @malkoll/warehouse db:types`.
// A test (src/db-types.test.ts) fails when the committed file and the migrations disagree.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '../src/testing.ts';

export const codegenArgs = (url: string) => [
  '--dialect=postgres',
  `--url=${url}`,
  '--include-pattern=(dim|fact|plan|ops|mart).*',
  '--exclude-pattern=ops.kysely_*',
  '--numeric-parser=number',
  '--date-parser=string',
  '--type-mapping={"int8":"number"}',
  '--log-level=error',
];

export const generatedFile = fileURLToPath(new URL('../src/db.generated.ts', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  const test = await createTestDatabase();
  try {
    execFileSync('kysely-codegen', [...codegenArgs(test.url), `--out-file=${generatedFile}`], {
      stdio: 'inherit',
    });
  } finally {
    await test.drop();
  }
}
