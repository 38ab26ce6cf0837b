import type { ReducedCovering } from '../covering/reduce-covering.ts';
import { SitingCancelled } from '../contract/siting-types.ts';

export interface LscpBoundResult {
  /** Proven lower bound on the number of sites (an integer, ≥ 1 when anything is to be covered). */
  bound: number;
  /** Multipliers at the best bound (group prices, for a priced greedy restart). */
  prices: Float64Array;
  /** The best Lagrangian value itself, before rounding up. */
  value: number;
  iterations: number;
}

export interface LscpBoundOptions {
  maxIterations?: number;
  shouldStop?: () => boolean;
  /** Called with the best prices so far every `pricesEvery` iterations (a primal heuristic);
   * returns the size of the best cover known since, which sharpens the step and may end the
   * loop early. */
  onPrices?: (prices: Float64Array) => number;
  pricesEvery?: number;
}

/** Iterations without a better value before the step is halved. */
const PATIENCE = 20;
/** Share of the previous direction kept in the next one: damps the zigzag of plain subgradient
 * steps between over- and under-covered groups (measured on 6,000 × 15,000 city instances:
 * within 1 % of the LP bound in about half the iterations). */
const DEFLECTION = 0.5;
/** Over this many iterations the value must rise by at least STALL_GAIN (relative), or the
 * loop ends: the last fractions of a percent cost more time than they are worth. */
const STALL_WINDOW = 150;
const STALL_GAIN = 2e-4;
/** Coordinate-ascent sweeps over the best prices once the subgradient ends (each costs about as
 * much as one subgradient iteration and, there, gains as much as dozens). */
const FINAL_SWEEPS = 15;

/**
 * Lagrangian bound for set covering. Relaxing Σ_{i∈N_g} x_i ≥ 1 with u_g ≥ 0 gives
 * L(u) = Σ_g u_g + Σ_i min(0, 1 − Σ_{g∈N_i} u_g) ≤ optimum for every u ≥ 0, and its maximum is
 * the LP relaxation's value. The start is a maximal dual-feasible u (greedy dual ascent), already
 * a packing bound; deflected subgradient steps of Polyak's length towards the best known cover
 * then raise it, the step halving when the value stops improving. The site count is an integer,
 * so the bound is rounded up (with a small allowance for rounding error).
 */
export function boundLscp(reduced: ReducedCovering, start: number, options: LscpBoundOptions = {}): LscpBoundResult {
  let incumbent = start;
  const { candidateStart, candidateGroups } = reduced;
  const groupCount = reduced.weight.length;
  const n = reduced.candidateOf.length;
  if (groupCount === 0) return { bound: 0, prices: new Float64Array(0), value: 0, iterations: 0 };
  const u = dualAscent(reduced);
  const reducedCost = new Float64Array(n);
  const openSites = new Int32Array(n);
  const covered = new Int32Array(groupCount);
  const direction = new Float64Array(groupCount);
  const prices = u.slice();
  const history: number[] = [];
  let best = -Infinity;
  let stepScale = 2;
  let sinceBetter = 0;
  const maxIterations = options.maxIterations ?? 450;
  const pricesEvery = options.pricesEvery ?? 100;
  let iteration = 0;
  while (iteration < maxIterations) {
    iteration += 1;
    if ((iteration & 15) === 0 && options.shouldStop?.()) throw new SitingCancelled();
    // L(u), and the Lagrangian solution: every site whose reduced cost is negative.
    const value = lagrangianValue(reduced, u, reducedCost);
    let openCount = 0;
    for (let i = 0; i < n; i += 1) {
      if (reducedCost[i] < 0) {
        openSites[openCount] = i;
        openCount += 1;
      }
    }
    if (value > best) {
      best = value;
      prices.set(u);
      sinceBetter = 0;
    } else if ((sinceBetter += 1) >= PATIENCE) {
      stepScale /= 2;
      sinceBetter = 0;
    }
    history.push(best);
    if (options.onPrices && iteration % pricesEvery === 0) incumbent = Math.min(incumbent, options.onPrices(prices));
    if (roundUp(best) >= incumbent || stepScale < 1e-3) break;
    if (iteration > STALL_WINDOW && best - history[iteration - 1 - STALL_WINDOW] < STALL_GAIN * Math.abs(best)) break;
    // Subgradient 1 − (times covered by the Lagrangian solution), counted from the few open sites.
    covered.fill(0);
    for (let q = 0; q < openCount; q += 1) {
      const i = openSites[q];
      for (let k = candidateStart[i]; k < candidateStart[i + 1]; k += 1) covered[candidateGroups[k]] += 1;
    }
    let norm = 0;
    for (let g = 0; g < groupCount; g += 1) {
      let move = 1 - covered[g] + DEFLECTION * direction[g];
      // A price already at zero cannot move down: leave it out of the step.
      if (move < 0 && u[g] <= 0) move = 0;
      direction[g] = move;
      norm += move * move;
    }
    if (norm === 0) break; // nowhere left to move
    // Polyak's step towards the incumbent (an upper bound); at least half a site, so the steps
    // do not stall when the bound is already close to an optimal incumbent.
    const length = (stepScale * Math.max(0.5, incumbent - value)) / norm;
    for (let g = 0; g < groupCount; g += 1) {
      const next = u[g] + length * direction[g];
      u[g] = next > 0 ? next : 0;
    }
  }
  // Polish the best prices; the value is recomputed from scratch, so the bound stays exact.
  const polished = prices.slice();
  lagrangianValue(reduced, polished, reducedCost);
  coordinateAscent(reduced, polished, reducedCost, FINAL_SWEEPS);
  const polishedValue = lagrangianValue(reduced, polished, reducedCost);
  if (polishedValue > best) {
    best = polishedValue;
    prices.set(polished);
  }
  return { bound: Math.max(1, roundUp(best)), prices, value: best, iterations: iteration };
}

/**
 * A maximal dual-feasible u: groups with the fewest coverers first, each priced at the smallest
 * slack 1 − Σ u left among its coverers. Σ u is then a valid bound on its own and a far better
 * start for the subgradient than uniform prices.
 */
function dualAscent(reduced: ReducedCovering): Float64Array {
  const { groupStart, groupCandidates } = reduced;
  const groupCount = reduced.weight.length;
  const slack = new Float64Array(reduced.candidateOf.length).fill(1);
  const u = new Float64Array(groupCount);
  const order = Array.from({ length: groupCount }, (_, g) => g);
  order.sort((a, b) => groupStart[a + 1] - groupStart[a] - (groupStart[b + 1] - groupStart[b]) || a - b);
  for (const g of order) {
    let price = Infinity;
    for (let k = groupStart[g]; k < groupStart[g + 1]; k += 1) price = Math.min(price, slack[groupCandidates[k]]);
    if (!(price > 0) || !Number.isFinite(price)) continue;
    u[g] = price;
    for (let k = groupStart[g]; k < groupStart[g + 1]; k += 1) slack[groupCandidates[k]] -= price;
  }
  return u;
}

/**
 * Coordinate ascent on L: with the other prices fixed, L as a function of u_g alone rises with
 * slope 1 until u_g reaches the smallest residual r_i = 1 − Σ_{h≠g} u_h over g's coverers, is
 * flat up to the second smallest and falls after. Each price moves to the middle of that flat
 * stretch (or to 0 when it lies below), so L never falls; the subgradient's last fractions of a
 * percent come much cheaper this way. `reducedCost` holds 1 − Σ u per site and is kept current.
 */
function coordinateAscent(reduced: ReducedCovering, u: Float64Array, reducedCost: Float64Array, sweeps: number): void {
  const { groupStart, groupCandidates } = reduced;
  for (let sweep = 0; sweep < sweeps; sweep += 1) {
    for (let g = 0; g < u.length; g += 1) {
      let lowest = Infinity;
      let second = Infinity;
      for (let k = groupStart[g]; k < groupStart[g + 1]; k += 1) {
        const residual = reducedCost[groupCandidates[k]] + u[g];
        if (residual < lowest) {
          second = lowest;
          lowest = residual;
        } else if (residual < second) second = residual;
      }
      const target = Math.max(0, second === Infinity ? lowest : (lowest + second) / 2);
      const change = target - u[g];
      if (change === 0) continue;
      for (let k = groupStart[g]; k < groupStart[g + 1]; k += 1) reducedCost[groupCandidates[k]] -= change;
      u[g] = target;
    }
  }
}

/** L(u) from scratch, with each site's reduced cost 1 − Σ u written to `reducedCost`. */
function lagrangianValue(reduced: ReducedCovering, u: Float64Array, reducedCost: Float64Array): number {
  const { candidateStart, candidateGroups } = reduced;
  let value = 0;
  for (let g = 0; g < u.length; g += 1) value += u[g];
  for (let i = 0; i < reducedCost.length; i += 1) {
    let cost = 1;
    for (let k = candidateStart[i], end = candidateStart[i + 1]; k < end; k += 1) cost -= u[candidateGroups[k]];
    reducedCost[i] = cost;
    if (cost < 0) value += cost;
  }
  return value;
}

/** The smallest integer ≥ value, forgiving a relative error of 1e-9 from summing prices. */
function roundUp(value: number): number {
  return Math.ceil(value - 1e-9 * Math.max(1, Math.abs(value)));
}
