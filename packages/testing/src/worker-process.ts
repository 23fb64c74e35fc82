import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workerDir = fileURLToPath(new URL('../../../apps/worker/', import.meta.url));

export interface LogLine {
  msg?: string;
  level?: number;
  [key: string]: unknown;
}

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  /** Every JSON log line the process wrote so far. */
  logs: LogLine[];
  /** The process's health server, once it logged 'worker ready'. */
  healthUrl: string;
  /** Resolves with the exit code (or signal) whenever the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/**
 * Starts the worker as its own process and resolves once it says it is ready: from source
 * (`apps/worker/src/main.ts` under `node --import tsx`, not the tsx CLI, which runs the script in a child
 * process of its own, so a SIGKILL sent to it would leave the real worker running), or from the build
 * (`node <nodeFlags> apps/worker/dist/main.js`, as deployed with @malkoll/runtime's `workerNodeFlags`;
 * `pnpm build` first).
 */
export async function spawnWorker(
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
  from: 'source' | 'build' = 'source',
  nodeFlags: readonly string[] = [],
): Promise<WorkerProcess> {
  const args = from === 'build' ? [...nodeFlags, 'dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: workerDir,
    // Info level whatever the caller's environment says: readiness is read from the 'worker ready' line.
    env: { ...process.env, HOST: '127.0.0.1', WORKER_HEALTH_PORT: '0', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let errText = '';
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        errText += `${line}\n`;
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errText += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const healthUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`worker not ready within ${timeoutMs} ms\n${errText}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const ready = logs.find((l) => l.msg === 'worker ready');
      if (ready) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(String(ready.health));
      }
    }, 50);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`worker exited before it was ready (${signal ?? code})\n${errText}`));
    });
  });
  return { child, pid: child.pid as number, logs, healthUrl, exited, stderr: () => errText };
}

/** Waits for the process to end, at most `timeoutMs`; SIGKILLs it and fails when it does not. */
export async function waitForExit(
  worker: WorkerProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      worker.child.kill('SIGKILL');
      reject(new Error(`worker ${worker.pid} still running after ${timeoutMs} ms\n${worker.stderr()}`));
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([worker.exited, timeout]);
    return { ...result, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns a value other than undefined/false, at most `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Asks the worker to shut down as a deployment would (SIGTERM) and waits until it has. */
export async function stopWorker(worker: WorkerProcess, timeoutMs = 15_000): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  await waitForExit(worker, timeoutMs);
}
