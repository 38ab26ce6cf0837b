/**
 * A binary min-heap of (key, value) pairs in typed arrays, for Dijkstra. No decrease-key:
 * callers push again and skip stale entries when popped, which is simpler and, on sparse road
 * graphs, as fast.
 */
export class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.values = new Int32Array(Math.max(16, capacity));
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow();
    let index = this.size;
    this.size += 1;
    // Sift up: move parents down until the new key fits.
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[index] = this.keys[parent];
      this.values[index] = this.values[parent];
      index = parent;
    }
    this.keys[index] = key;
    this.values[index] = value;
  }

  /** The smallest key; undefined behaviour on an empty heap (check `size`). */
  peekKey(): number {
    return this.keys[0];
  }

  peekValue(): number {
    return this.values[0];
  }

  /** Remove the smallest entry (read it first with peekKey/peekValue). */
  pop(): void {
    this.size -= 1;
    if (this.size === 0) return;
    const key = this.keys[this.size];
    const value = this.values[this.size];
    let index = 0;
    // Sift down: move the smaller child up until the last entry fits.
    for (;;) {
      let child = 2 * index + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child += 1;
      if (this.keys[child] >= key) break;
      this.keys[index] = this.keys[child];
      this.values[index] = this.values[child];
      index = child;
    }
    this.keys[index] = key;
    this.values[index] = value;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
