import type { SitingInstance } from '../contract/siting-types.ts';
import { sortByGain } from '../common/sort-by-gain.ts';

export interface CoveringEvaluation {
  /** Weight covered by the kept facilities (pre-covered or fixed sites) and the chosen sites. */
  coveredWeight: number;
  /** Weight covered before any new site. */
  baselineWeight: number;
  uncoveredDemands: number[];
  /** Chosen sites sorted by marginal gain (largest first, then by index), with their gains. */
  chosen: number[];
  marginalGain: number[];
}

/**
 * Evaluates chosen sites (the caller's indices) on the original instance, independently of the
 * reductions the solvers worked on. A site's marginal gain is the weight only it covers: what the
 * objective would lose if that site alone were left out.
 */
export function evaluateCovering(instance: SitingInstance, chosen: readonly number[]): CoveringEvaluation {
  const { start, demand } = instance.cover!;
  const demandCount = instance.demandIds.length;
  const weights = instance.weights;
  const baseline = new Uint8Array(demandCount);
  if (instance.preCovered) baseline.set(instance.preCovered.subarray(0, demandCount));
  instance.fixedOpen?.forEach((fixed, i) => {
    if (fixed) for (let k = start[i]; k < start[i + 1]; k += 1) baseline[demand[k]] = 1;
  });
  const count = new Int32Array(demandCount);
  for (const i of chosen) for (let k = start[i]; k < start[i + 1]; k += 1) count[demand[k]] += 1;
  let coveredWeight = 0;
  let baselineWeight = 0;
  const uncoveredDemands: number[] = [];
  for (let j = 0; j < demandCount; j += 1) {
    if (baseline[j]) baselineWeight += weights[j];
    if (baseline[j] || count[j] > 0) coveredWeight += weights[j];
    else uncoveredDemands.push(j);
  }
  const gains = chosen.map((i) => {
    let gain = 0;
    for (let k = start[i]; k < start[i + 1]; k += 1) if (!baseline[demand[k]] && count[demand[k]] === 1) gain += weights[demand[k]];
    return gain;
  });
  const sorted = sortByGain(chosen, gains);
  return { coveredWeight, baselineWeight, uncoveredDemands, ...sorted };
}
