/**
 * A small least-recently-used map of promises. Keys carry the data versions a value was built
 * from, so an edit never serves a stale result: the next request asks under new versions and
 * old entries age out. Concurrent requests for one key share one computation; a failure is
 * forgotten so the next request tries again.
 */
export class MemoCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries = 64) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(key) as Promise<T> | undefined;
    if (existing) {
      this.entries.delete(key);
      this.entries.set(key, existing);
      return existing;
    }
    const created = compute();
    this.entries.set(key, created);
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return created;
  }
}
