import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

// COPY text format: tab-separated, \N for null, backslash escapes. Most values need no escaping, and a
// test is far cheaper than four replaces.
const needsEscape = /[\\\t\n\r]/;
export function copyText(v: string): string {
  if (!needsEscape.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  return typeof v === 'number' ? String(v) : copyText(v);
}

/**
 * One COPY … FROM STDIN kept open across batches. Writes go to the socket with backpressure: the caller
 * waits only when the connection's buffer is full, so parsing and Postgres run side by side.
 */
export class CopyChannel {
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;
  private failure: unknown = null;

  constructor(client: pg.PoolClient, statement: string) {
    this.stream = client.query(copyFrom(statement));
    this.done = new Promise<void>((resolve, reject) => {
      this.stream.on('finish', () => resolve());
      this.stream.on('error', (error) => {
        this.failure = error;
        reject(error);
      });
    });
    this.done.catch(() => {}); // observed through write() and end()
  }

  async write(chunk: string): Promise<void> {
    if (this.failure !== null) throw this.failure;
    if (this.stream.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('drain', resolve);
      this.done.then(resolve, reject);
    });
    if (this.failure !== null) throw this.failure;
  }

  async end(): Promise<void> {
    this.stream.end();
    await this.done;
  }

  /**
   * Gives up: Postgres is sent CopyFail, so the COPY fails and the connection (not the transaction) stays
   * usable; resolves once Postgres has answered.
   */
  async abort(reason: Error): Promise<void> {
    if (this.failure !== null) return;
    this.stream.destroy(reason);
    await this.done.catch(() => {});
  }
}
