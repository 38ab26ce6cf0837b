/**
 * Maximum flow (Dinic's algorithm) with real capacities, for the capacitated covering
 * assignment: source → demand group (its weight) → site within reach → sink (its capacity).
 * Edges can be appended after a flow was computed and the flow continued from where it was;
 * `mark`/`rollback` undo such a trial, so a site's exact gain is priced without rebuilding.
 */
export class FlowNetwork {
  private head: Int32Array;
  private to: Int32Array = new Int32Array(64);
  private next: Int32Array = new Int32Array(64);
  private capacity: Float64Array = new Float64Array(64);
  private flow: Float64Array = new Float64Array(64);
  edgeCount = 0;
  total = 0;
  private level: Int32Array;
  private cursor: Int32Array;
  private queue: Int32Array;

  constructor(
    readonly nodeCount: number,
    private readonly tolerance: number,
  ) {
    this.head = new Int32Array(nodeCount).fill(-1);
    this.level = new Int32Array(nodeCount);
    this.cursor = new Int32Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
  }

  /** Adds from → to with the given capacity (and its reverse, of capacity 0); returns its id. */
  addEdge(from: number, to: number, capacity: number): number {
    if (this.edgeCount + 2 > this.to.length) this.grow();
    const id = this.edgeCount;
    this.link(id, from, to, capacity);
    this.link(id + 1, to, from, 0);
    this.edgeCount += 2;
    return id;
  }

  flowOn(edge: number): number {
    return this.flow[edge];
  }

  /** Push as much more flow from source to sink as the residual network allows; returns the total. */
  maximize(source: number, sink: number): number {
    while (this.buildLevels(source, sink)) {
      for (let node = 0; node < this.nodeCount; node += 1) this.cursor[node] = this.head[node];
      for (;;) {
        const pushed = this.push(source, sink, Infinity);
        if (pushed <= this.tolerance) break;
        this.total += pushed;
      }
    }
    return this.total;
  }

  /** State to return to: edges, heads and flows. */
  mark(): { edgeCount: number; head: Int32Array; flow: Float64Array; total: number } {
    return { edgeCount: this.edgeCount, head: this.head.slice(), flow: this.flow.slice(0, this.edgeCount), total: this.total };
  }

  rollback(state: ReturnType<FlowNetwork['mark']>): void {
    this.edgeCount = state.edgeCount;
    this.head.set(state.head);
    this.flow.set(state.flow);
    this.total = state.total;
  }

  private link(id: number, from: number, to: number, capacity: number): void {
    this.to[id] = to;
    this.capacity[id] = capacity;
    this.flow[id] = 0;
    this.next[id] = this.head[from];
    this.head[from] = id;
  }

  private residual(edge: number): number {
    return this.capacity[edge] - this.flow[edge];
  }

  private buildLevels(source: number, sink: number): boolean {
    this.level.fill(-1);
    this.level[source] = 0;
    let read = 0;
    let write = 0;
    this.queue[write++] = source;
    while (read < write) {
      const node = this.queue[read++];
      for (let edge = this.head[node]; edge >= 0; edge = this.next[edge]) {
        const target = this.to[edge];
        if (this.level[target] < 0 && this.residual(edge) > this.tolerance) {
          this.level[target] = this.level[node] + 1;
          this.queue[write++] = target;
        }
      }
    }
    return this.level[sink] >= 0;
  }

  /** One blocking-flow path search (depth first along levels), iterative to spare the stack. */
  private push(source: number, sink: number, limit: number): number {
    const path: number[] = [];
    let node = source;
    for (;;) {
      if (node === sink) {
        let amount = limit;
        for (const edge of path) amount = Math.min(amount, this.residual(edge));
        for (const edge of path) {
          this.flow[edge] += amount;
          this.flow[edge ^ 1] -= amount;
        }
        return amount;
      }
      let edge = this.cursor[node];
      while (edge >= 0 && !(this.level[this.to[edge]] === this.level[node] + 1 && this.residual(edge) > this.tolerance)) edge = this.next[edge];
      this.cursor[node] = edge;
      if (edge >= 0) {
        path.push(edge);
        node = this.to[edge];
        continue;
      }
      // Dead end: no later path goes through this node in this phase; step back.
      this.level[node] = -1;
      if (path.length === 0) return 0;
      const back = path.pop()!;
      node = this.to[back ^ 1];
      this.cursor[node] = this.next[this.cursor[node]];
    }
  }

  private grow(): void {
    const size = this.to.length * 2;
    const to = new Int32Array(size);
    const next = new Int32Array(size);
    const capacity = new Float64Array(size);
    const flow = new Float64Array(size);
    to.set(this.to);
    next.set(this.next);
    capacity.set(this.capacity);
    flow.set(this.flow);
    this.to = to;
    this.next = next;
    this.capacity = capacity;
    this.flow = flow;
  }
}
