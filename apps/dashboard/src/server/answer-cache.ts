// Composed API answers kept in memory, keyed by URL and valid for one data version (loadDataVersion: the
// newest run, status computation and plan change). Each request still asks Postgres for the version, one
// indexed round trip, so an answer is never older than the data; only the composing is skipped.

export class AnswerCache {
  private readonly entries = new Map<string, { version: string; json: string }>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly loadVersion: () => Promise<string>,
    private readonly maxEntries = 500,
  ) {}

  /** The JSON for `key` at the current data version; `build` runs only when there is none. */
  async get(key: string, build: () => Promise<unknown>): Promise<string> {
    const version = await this.loadVersion();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.json;
    // Fifty clients asking for the same overview at once build it once.
    const inflightKey = `${version}\u0000${key}`;
    const inflight = this.pending.get(inflightKey);
    if (inflight) return inflight;
    const promise = build()
      .then((body) => {
        const json = JSON.stringify(body);
        this.entries.delete(key);
        this.entries.set(key, { version, json });
        if (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next().value;
          if (oldest !== undefined) this.entries.delete(oldest);
        }
        return json;
      })
      .finally(() => this.pending.delete(inflightKey));
    this.pending.set(inflightKey, promise);
    return promise;
  }
}
