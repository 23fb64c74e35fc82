// API answers kept in memory, keyed by URL and valid for one data version (loadAnswerVersion: how many
// changing transactions have committed). Only an optimisation: without it an answer is one indexed read
// of its prepared text (mart.answers). The version is read from Postgres at most once per
// `versionTtlMs` (one indexed round trip, shared by all requests in that window), so an answer is at most
// that much older than the data; composing is skipped while the version stands.

const encoder = new TextEncoder();

export class AnswerCache {
  // Kept encoded: a cached answer is written to the socket without encoding 50 KB of JSON again.
  private readonly entries = new Map<string, { version: string; body: Uint8Array<ArrayBuffer> }>();
  private readonly pending = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

  private version: { value: Promise<string>; at: number } | null = null;

  constructor(
    private readonly loadVersion: () => Promise<string>,
    private readonly maxEntries = 500,
    private readonly versionTtlMs = 1000,
  ) {}

  private currentVersion(): Promise<string> {
    const now = Date.now();
    if (!this.version || now - this.version.at >= this.versionTtlMs) {
      const value = this.loadVersion();
      this.version = { value, at: now };
      // A failed read must not stick for the whole window.
      value.catch(() => {
        if (this.version?.value === value) this.version = null;
      });
    }
    return this.version.value;
  }

  /**
   * Reads the data version again on the next request instead of trusting the last read for up to
   * `versionTtlMs`: after a change made through this process (a plan edit), its own next answer is new.
   */
  invalidate(): void {
    this.version = null;
  }

  /** The JSON for `key` at the current data version; `build` (giving JSON text) runs only when there is none. */
  async get(key: string, build: () => Promise<string>): Promise<Uint8Array<ArrayBuffer>> {
    const version = await this.currentVersion();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.body;
    // Fifty clients asking for the same overview at once build it once.
    const inflightKey = `${version}\u0000${key}`;
    const inflight = this.pending.get(inflightKey);
    if (inflight !== undefined) return inflight;
    const promise = build()
      .then((answer) => {
        const body = encoder.encode(answer);
        this.entries.delete(key);
        this.entries.set(key, { version, body });
        if (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next().value;
          if (oldest !== undefined) this.entries.delete(oldest);
        }
        return body;
      })
      .finally(() => this.pending.delete(inflightKey));
    this.pending.set(inflightKey, promise);
    return promise;
  }
}
