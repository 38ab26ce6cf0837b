/**
 * The facility-siting problem as the solvers see it: candidates and demands by index, with the
 * coverage (covering models) or the distances (p-median) already computed. Where the numbers
 * came from (a supplied cost matrix, the population grid, the walking network) is the caller's
 * business; the solvers are pure and run the same in Node, a worker thread or a browser.
 */

export const SITING_MODELS = ['mclp', 'lscp', 'pmedian'] as const;
/** mclp: most weight within the radius with p new sites; lscp: fewest sites covering all
 * coverable weight; pmedian: least total weighted distance with p new sites. */
export type SitingModel = (typeof SITING_MODELS)[number];

export const SITING_METHODS = ['auto', 'exact', 'heuristic'] as const;
export type SitingMethodChoice = (typeof SITING_METHODS)[number];

/** Which candidates cover which demands (within the radius), as compressed rows: candidate i
 * covers `demand[start[i]] … demand[start[i + 1] - 1]`, ascending, no repeats. */
export interface CoverageLists {
  start: Int32Array;
  demand: Int32Array;
}

export interface SitingInstance {
  candidateIds: readonly string[];
  demandIds: readonly string[];
  /** Weight of each demand (population, or supplied weights); ≥ 0, finite. */
  weights: Float64Array;
  /** Covering models (mclp, lscp): coverage of each candidate. */
  cover?: CoverageLists;
  /** Covering models: 1 where a kept (existing or fixed) facility already covers the demand. */
  preCovered?: Uint8Array;
  /** p-median: metres from candidate i to demand j at `i * demandCount + j`; Infinity = no path. */
  distances?: Float32Array | Float64Array;
  /** p-median: metres from each demand to the nearest kept facility; Infinity when none. */
  keptDistance?: Float64Array;
  /** Candidates forced open (kept facilities given as candidates, or a matrix's `fixed` list);
   * they do not count toward p and are never in `chosen`. */
  fixedOpen?: Uint8Array;
  /** Optional capacities per candidate, in the weights' units (seats, beds…). With capacities a
   * demand counts as covered only up to what the open sites within reach can take; kept
   * facilities must then be candidates in `fixedOpen` with their own capacity. */
  capacities?: Float64Array;
}

/**
 * Relative optimality tolerance: a gap at or below it is optimal (the MIP solver gets the same
 * as its relative gap). Weights are residents: on a district of 300,000 it is a third of one.
 */
export const OPTIMALITY_TOLERANCE = 1e-6;

export interface SitingProgress {
  phase: 'preparing' | 'heuristic' | 'bound' | 'exact' | 'curve';
  /** 0…1 over the whole solve, monotone. */
  fraction: number;
  /** Best objective found so far, and the best proven bound (when known). */
  incumbent?: number;
  bound?: number;
}

export interface SitingSolveOptions {
  model: SitingModel;
  /** mclp and pmedian: number of new sites. */
  p?: number;
  method: SitingMethodChoice;
  /** Seconds the whole solve may take; the exact solver then reports its best solution and gap. */
  timeLimitS: number;
  /** mclp: also compute the coverage curve for 1…curveUpTo new sites. */
  curveUpTo?: number;
  onProgress?: (progress: SitingProgress) => void;
  /** Before the exact solver runs, and when it is stopped: the best answer so far as a result
   * (no curve), and the seconds the solver is given; kept by a caller that may have to stop the
   * solver from outside. */
  onCheckpoint?: (solution: SitingSolution, info: { exactBudgetS: number }) => void;
  /** Polled between steps and inside the MIP solver; true stops the solve (it then throws SitingCancelled). */
  shouldStop?: () => boolean;
}

export interface SitingCurvePoint {
  p: number;
  coveredWeight: number;
  /** Proven upper bound on coverage with p sites (equal to coveredWeight when optimal). */
  upperBound: number;
  status: 'optimal' | 'feasible';
}

export interface SitingSolution {
  model: SitingModel;
  status: 'optimal' | 'feasible' | 'infeasible';
  method: 'exact' | 'heuristic';
  /** Relative optimality gap |objective − bound| / max(|objective|, tiny); 0 when optimal; null when infeasible. */
  gap: number | null;
  objective: number;
  /** Best proven bound on the objective (upper for mclp, lower for lscp and pmedian). */
  bound: number;
  /** Candidate indices, in the order of their marginal gain (largest first). */
  chosen: number[];
  /** Per chosen site: weight it adds (covering) or weighted metres it saves (pmedian), given the others. */
  marginalGain: number[];
  coveredWeight: number;
  totalWeight: number;
  /** Indices of demands not covered (covering models) or not reachable (pmedian). */
  uncoveredDemands: number[];
  /** mclp: coverage with 1…k sites. */
  curve?: SitingCurvePoint[];
  /** pmedian: per demand, the chosen candidate it is assigned to, −1 = a kept facility, −2 = none reachable. */
  assignment?: Int32Array;
  /** pmedian: Σ weight × distance over assigned demands, and that divided by their weight. */
  totalWeightedDistance?: number;
  meanWeightedDistance?: number;
  /** lscp with demands no candidate reaches: covering everyone is impossible, yet the sites
   * cover all the rest; how many are out of reach, and whether the count of sites is proven. */
  partialCover?: PartialCover;
  /** What the solver did, for the record (e.g. "aggregated 19,412 demands into 8,231 by coverage"). */
  notes: string[];
}

export interface PartialCover {
  outOfReachDemands: number;
  outOfReachWeight: number;
  /** About the sites covering the reachable rest: proven fewest, or with a gap to the bound. */
  status: 'optimal' | 'feasible';
  gap: number;
  bound: number;
}

export class SitingCancelled extends Error {
  constructor() {
    super('the siting run was cancelled');
    this.name = 'SitingCancelled';
  }
}

/** A mixed-integer model in compressed rows, independent of the solver library. */
export interface MipModel {
  sense: 'minimize' | 'maximize';
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 = integer, 0 = continuous. */
  integrality: Int32Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  rowStart: Int32Array;
  rowIndex: Int32Array;
  rowValue: Float64Array;
}

export interface MipRun {
  status: 'optimal' | 'time_limit' | 'interrupted' | 'infeasible' | 'failed';
  /** Column values of the best solution found, when there is one. */
  values?: Float64Array;
  objective?: number;
  /** Best proven bound on the objective. */
  bound?: number;
}

export interface MipSolveOptions {
  timeLimitS: number;
  /** A feasible starting solution (the heuristic's), so the solver never ends with less. */
  start?: Float64Array;
  shouldStop?: () => boolean;
  onProgress?: (progress: { incumbent?: number; bound?: number; runningS: number }) => void;
}

/** The MIP solver the orchestrator calls (HiGHS on the server; injected so core stays pure). */
export interface MipSolver {
  solve(model: MipModel, options: MipSolveOptions): MipRun;
}
