import { createSeededRandom } from '../../../core/seeded-random.ts';
import type { SitingInstance } from '../../../core/siting/contract/siting-types.ts';

/**
 * A city-sized covering instance: candidates and demands scattered over a square, a demand
 * covered by the candidates within a radius chosen so each is reached by about `meanCoverers`.
 */
export function createCityCovering(candidateCount: number, demandCount: number, meanCoverers: number, seed = 1): SitingInstance {
  const random = createSeededRandom(seed);
  const side = 10_000;
  const cx = Float64Array.from({ length: candidateCount }, () => random() * side);
  const cy = Float64Array.from({ length: candidateCount }, () => random() * side);
  const dx = Float64Array.from({ length: demandCount }, () => random() * side);
  const dy = Float64Array.from({ length: demandCount }, () => random() * side);
  const radius = Math.sqrt((meanCoverers * side * side) / (Math.PI * candidateCount));
  // Bucket demands in radius-sized cells so that building the lists stays near-linear.
  const cells = Math.ceil(side / radius);
  const bucket: number[][] = Array.from({ length: cells * cells }, () => []);
  for (let j = 0; j < demandCount; j += 1) bucket[Math.min(cells - 1, Math.floor(dx[j] / radius)) * cells + Math.min(cells - 1, Math.floor(dy[j] / radius))].push(j);
  const start = new Int32Array(candidateCount + 1);
  const demand: number[] = [];
  for (let i = 0; i < candidateCount; i += 1) {
    const found: number[] = [];
    const bx = Math.floor(cx[i] / radius);
    const by = Math.floor(cy[i] / radius);
    for (let x = bx - 1; x <= bx + 1; x += 1) {
      for (let y = by - 1; y <= by + 1; y += 1) {
        if (x < 0 || y < 0 || x >= cells || y >= cells) continue;
        for (const j of bucket[x * cells + y]) if ((cx[i] - dx[j]) ** 2 + (cy[i] - dy[j]) ** 2 <= radius * radius) found.push(j);
      }
    }
    found.sort((a, b) => a - b);
    demand.push(...found);
    start[i + 1] = demand.length;
  }
  return {
    candidateIds: Array.from({ length: candidateCount }, (_, i) => `c${i}`),
    demandIds: Array.from({ length: demandCount }, (_, j) => `d${j}`),
    weights: Float64Array.from({ length: demandCount }, () => Math.floor(1 + random() * 200)),
    cover: { start, demand: Int32Array.from(demand) },
  };
}
