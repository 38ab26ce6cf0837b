/**
 * A small in-process cache of gzipped tiles, keyed by layer versions and z/x/y. A key carries the
 * data version, so a write never serves stale bytes: old keys simply age out.
 */
export class TileCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Uint8Array | undefined {
    const value = this.entries.get(key);
    if (value) {
      // Re-insert to mark as recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Uint8Array): void {
    if (value.byteLength > this.maxBytes / 8) return;
    this.entries.set(key, value);
    this.bytes += value.byteLength;
    for (const [oldest, oldValue] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= oldValue.byteLength;
    }
  }
}
