/**
 * The p-median: choose p new sites minimising Σ_j w_j · d(j, nearest open facility), where the
 * open facilities are the chosen sites, the fixed candidates and the kept facilities (through
 * `keptDistance`). Demands nothing can reach are left out and listed; see p-median-data.ts for
 * the conventions every routine here shares.
 *
 * - solvePMedianHeuristic: greedy then fast interchange, seconds at most on large instances;
 * - boundPMedian: a proven lower bound (Lagrangian), to state the heuristic's gap;
 * - buildPMedianMip / readPMedianMip / pMedianStart / countPMedianMipNonzeros: the exact model
 *   for a MIP solver, its answer, a starting solution, and its size before building it;
 * - evaluatePMedian: objective, assignment and marginal gains of any choice of sites.
 */
export { solvePMedianHeuristic, type PMedianHeuristicResult } from './p-median-heuristic.ts';
export { boundPMedian } from './p-median-bound.ts';
export { buildPMedianMip, countPMedianMipNonzeros, pMedianStart, readPMedianMip } from './p-median-mip.ts';
export { evaluatePMedian } from './p-median-evaluate.ts';
