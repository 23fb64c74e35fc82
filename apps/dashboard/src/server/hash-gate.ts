/**
 * At most `limit` password hashes at once; the rest wait their turn in arrival order. scrypt runs on
 * libuv's thread pool (4 threads by default), which also reads files and resolves names: a burst of
 * sign-ins that filled it made a static file wait 38 s in the 2026-12 probe. With two hashes at a time
 * (about one per core here) the pool always has threads left for everything else, and a sign-in waits
 * for the ones ahead of it instead of slowing every other request.
 */
export function createHashGate(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`hash gate limit must be ≥ 1, got ${limit}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async (work) => {
    if (running < limit) running++;
    // The slot is handed over by `release` as it is: `running` stays as it was.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      release();
    }
  };
}
