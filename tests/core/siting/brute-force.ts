/** Reference answers by enumeration, written independently of the solvers under test. */

export interface SmallCovering {
  candidates: number;
  demands: number;
  weights: number[];
  /** covers[i][j]: candidate i reaches demand j. */
  covers: boolean[][];
  preCovered: boolean[];
  fixed: boolean[];
  capacities?: number[];
}

/** Every subset of `items` with exactly `size` members. */
export function* subsets<T>(items: readonly T[], size: number, from = 0, prefix: T[] = []): Generator<T[]> {
  if (prefix.length === size) {
    yield [...prefix];
    return;
  }
  for (let index = from; index <= items.length - (size - prefix.length); index += 1) {
    prefix.push(items[index]);
    yield* subsets(items, size, index + 1, prefix);
    prefix.pop();
  }
}

export function freeCandidates(instance: SmallCovering): number[] {
  return Array.from({ length: instance.candidates }, (_, i) => i).filter((i) => !instance.fixed[i]);
}

/** Uncapacitated covered weight of new sites plus kept coverage. */
export function coveredWeight(instance: SmallCovering, chosen: readonly number[]): number {
  let total = 0;
  for (let j = 0; j < instance.demands; j += 1) {
    const open = [...chosen, ...freeOrFixed(instance)];
    if (instance.preCovered[j] || open.some((i) => instance.covers[i][j])) total += instance.weights[j];
  }
  return total;
}

function freeOrFixed(instance: SmallCovering): number[] {
  return instance.fixed.flatMap((fixed, i) => (fixed ? [i] : []));
}

/** Best covered weight over all sets of min(p, free) new sites. */
export function bestMclp(instance: SmallCovering, p: number): number {
  const free = freeCandidates(instance);
  let best = -Infinity;
  for (const set of subsets(free, Math.min(p, free.length))) best = Math.max(best, coveredWeight(instance, set));
  return best;
}

/** Fewest new sites covering every positive-weight demand some candidate (or kept site) reaches. */
export function bestLscp(instance: SmallCovering): number {
  const free = freeCandidates(instance);
  const all = Array.from({ length: instance.candidates }, (_, i) => i);
  const needed = Array.from({ length: instance.demands }, (_, j) => j).filter(
    (j) => instance.weights[j] > 0 && !instance.preCovered[j] && all.some((i) => instance.covers[i][j]),
  );
  for (let size = 0; size <= free.length; size += 1) {
    for (const set of subsets(free, size)) {
      const open = [...set, ...freeOrFixed(instance)];
      if (needed.every((j) => open.some((i) => instance.covers[i][j]))) return size;
    }
  }
  throw new Error('unreachable: all candidates cover everything needed');
}

/**
 * Capacitated coverage of an open set: a maximum flow (Edmonds–Karp on a dense matrix), source →
 * demand (weight) → open site in reach (unbounded) → sink (capacity), plus pre-covered weight.
 */
export function capacitatedCoverage(instance: SmallCovering, open: readonly number[]): number {
  const demandNodes = instance.demands;
  const size = 2 + demandNodes + open.length;
  const source = 0;
  const sink = 1;
  const capacity = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let constant = 0;
  for (let j = 0; j < demandNodes; j += 1) {
    if (instance.preCovered[j]) {
      constant += instance.weights[j];
      continue;
    }
    capacity[source][2 + j] = instance.weights[j];
    open.forEach((i, slot) => {
      if (instance.covers[i][j]) capacity[2 + j][2 + demandNodes + slot] = Infinity;
    });
  }
  open.forEach((i, slot) => (capacity[2 + demandNodes + slot][sink] = instance.capacities![i]));
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(size).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length > 0 && parent[sink] < 0) {
      const node = queue.shift()!;
      for (let next = 0; next < size; next += 1) {
        if (parent[next] < 0 && capacity[node][next] > 1e-12) {
          parent[next] = node;
          queue.push(next);
        }
      }
    }
    if (parent[sink] < 0) break;
    let amount = Infinity;
    for (let node = sink; node !== source; node = parent[node]) amount = Math.min(amount, capacity[parent[node]][node]);
    for (let node = sink; node !== source; node = parent[node]) {
      capacity[parent[node]][node] -= amount;
      capacity[node][parent[node]] += amount;
    }
    flow += amount;
  }
  return constant + flow;
}

export function bestCapacitated(instance: SmallCovering, p: number): number {
  const free = freeCandidates(instance);
  const fixed = freeOrFixed(instance);
  let best = -Infinity;
  for (const set of subsets(free, Math.min(p, free.length))) best = Math.max(best, capacitatedCoverage(instance, [...set, ...fixed]));
  return best;
}

/** p-median: least Σ w·d over sets of p new sites, with kept distances and fixed sites; Infinity when none serves all reachable demand. */
export function bestPMedian(distance: number[][], weights: number[], kept: number[], fixed: boolean[], p: number): { objective: number; chosen: number[] } {
  const free = fixed.flatMap((isFixed, i) => (isFixed ? [] : [i]));
  const fixedSites = fixed.flatMap((isFixed, i) => (isFixed ? [i] : []));
  let best = { objective: Infinity, chosen: [] as number[] };
  for (const set of subsets(free, p)) {
    let total = 0;
    for (let j = 0; j < weights.length; j += 1) {
      const reachable = Math.min(kept[j], ...distance.map((row) => row[j]));
      if (reachable === Infinity) continue;
      const nearest = Math.min(kept[j], ...[...set, ...fixedSites].map((i) => distance[i][j]));
      total += weights[j] === 0 ? 0 : weights[j] * nearest;
    }
    if (total < best.objective) best = { objective: total, chosen: set };
  }
  return best;
}
