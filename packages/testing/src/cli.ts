import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testQueuePrefix } from './services.ts';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const main = path.join(repoRoot, 'apps/cli/src/main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of an isolated CLI: its own database, inbox and queue prefix. */
export async function isolatedEnv(databaseUrl: string): Promise<NodeJS.ProcessEnv> {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MALKOLL_INBOX: await mkdtemp(path.join(os.tmpdir(), 'malkoll-inbox-')),
    MALKOLL_QUEUE_PREFIX: testQueuePrefix(),
    LOG_LEVEL: 'error',
  };
}

/** Runs `malkoll <args>` (apps/cli) as a user would, from the repository root. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tsx, main, ...args], { cwd: repoRoot, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
