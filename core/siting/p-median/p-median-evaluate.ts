import { preparePMedian, type PMedianData } from './p-median-data.ts';
import type { SitingInstance } from '../contract/siting-types.ts';

/** In `assignment`: served by a kept facility or a fixed site (at least as near as any chosen). */
export const ASSIGNED_TO_KEPT = -1;
/** In `assignment`: nothing open reaches the demand. */
export const ASSIGNED_TO_NONE = -2;

export interface PMedianEvaluation {
  /** Σ weight × distance over reachable demands; Infinity when the open sites leave a reachable,
   * weighted demand without service (the choice is infeasible). */
  objective: number;
  /** Per demand: the chosen candidate serving it, ASSIGNED_TO_KEPT or ASSIGNED_TO_NONE. */
  assignment: Int32Array;
  /** Same as objective. */
  totalWeightedDistance: number;
  /** totalWeightedDistance over the weight of the reachable demands (0 when that weight is 0). */
  meanWeightedDistance: number;
  /** For chosen[k]: how much the objective would grow were that site alone closed. */
  marginalGain: number[];
  /** Demands that no candidate and no kept facility reaches, ascending. */
  unreachable: number[];
}

export function checkChosen(data: PMedianData, chosen: readonly number[]): void {
  const seen = new Set<number>();
  for (const site of chosen) {
    if (!Number.isInteger(site) || site < 0 || site >= data.candidateCount) throw new RangeError(`no candidate ${site}`);
    if (data.isFixed[site] === 1) throw new RangeError(`candidate ${site} is fixed open and cannot be chosen`);
    if (seen.has(site)) throw new RangeError(`candidate ${site} is chosen twice`);
    seen.add(site);
  }
}

/** Objective, assignment and per-site marginal gains of a choice of new sites. */
export function evaluatePMedian(instance: SitingInstance, chosen: readonly number[]): PMedianEvaluation {
  const data = preparePMedian(instance);
  checkChosen(data, chosen);
  return evaluatePrepared(data, chosen);
}

export function evaluatePrepared(data: PMedianData, chosen: readonly number[]): PMedianEvaluation {
  const { demandCount, distances, weights, fallbackDistance, reachable } = data;
  const assignment = new Int32Array(demandCount);
  const marginalGain = new Array<number>(chosen.length).fill(0);
  const unreachable: number[] = [];
  let total = 0;
  let reachableWeight = 0;
  for (let j = 0; j < demandCount; j += 1) {
    if (reachable[j] === 0) {
      assignment[j] = ASSIGNED_TO_NONE;
      unreachable.push(j);
      continue;
    }
    // Nearest and second-nearest open facility; kept/fixed first so that it wins ties.
    let nearest = fallbackDistance[j];
    let nearestSlot = -1;
    let second = Infinity;
    for (let k = 0; k < chosen.length; k += 1) {
      const d = distances[chosen[k] * demandCount + j];
      if (d < nearest) {
        second = nearest;
        nearest = d;
        nearestSlot = k;
      } else if (d < second) {
        second = d;
      }
    }
    if (nearest === Infinity) assignment[j] = ASSIGNED_TO_NONE;
    else assignment[j] = nearestSlot >= 0 ? chosen[nearestSlot] : ASSIGNED_TO_KEPT;
    const weight = weights[j];
    if (weight === 0) continue;
    reachableWeight += weight;
    total += weight * nearest;
    if (nearestSlot >= 0) marginalGain[nearestSlot] += weight * (second - nearest);
  }
  const mean = reachableWeight > 0 ? total / reachableWeight : 0;
  return { objective: total, assignment, totalWeightedDistance: total, meanWeightedDistance: mean, marginalGain, unreachable };
}
