import type { MipSolver, PartialCover, SitingInstance, SitingSolution, SitingSolveOptions } from '../contract/siting-types.ts';
import { evaluateCovering, type CoveringEvaluation } from '../covering/evaluate-covering.ts';
import { readOpenSites } from '../covering/read-open-sites.ts';
import { reduceCovering, type ReducedCovering } from '../covering/reduce-covering.ts';
import { AUTO_EXACT_NONZEROS } from '../pipeline/exact-policy.ts';
import { runSitingPipeline } from '../pipeline/run-siting-pipeline.ts';
import { relativeGap, type SitingRun } from '../pipeline/siting-run.ts';
import type { SitingStages } from '../pipeline/siting-stages.ts';
import { formatCount } from '../common/format-count.ts';
import { boundLscp } from './lscp-bound.ts';
import { solveLscpHeuristic } from './lscp-heuristic.ts';
import { shrinkCover } from './lscp-local-search.ts';
import { buildLscpMip, lscpStart } from './lscp-mip.ts';
import { rebuildCover } from './lscp-rebuild.ts';

/** Ruin-and-recreate rounds per candidate after the bound (each costs 15–20 µs on city-sized
 * instances: 6,000 candidates get 15,000 rounds, about a quarter of a second, and 5–8 % fewer
 * sites than the priced greedy's best). */
const REBUILD_ROUNDS_PER_CANDIDATE = 2.5;
const MIN_REBUILD_ROUNDS = 300;

/** A cover: reduced candidate indices. */
type Cover = number[];
type LscpEvaluation = CoveringEvaluation & { objective: number };

/**
 * Set covering: the fewest new sites that cover every positive-weight demand a candidate can
 * reach (kept facilities count as covering). Demands no candidate reaches cannot be covered by
 * any choice: the run is then "infeasible", lists them in `uncoveredDemands`, and still returns
 * the fewest sites covering everything else, so the user sees what can be done.
 */
export function solveLscp(instance: SitingInstance, options: SitingSolveOptions, run: SitingRun, solver?: MipSolver): SitingSolution {
  return runSitingPipeline(() => createLscpStages(instance), options, run, solver);
}

function createLscpStages(instance: SitingInstance): SitingStages<Cover, LscpEvaluation> {
  const reduced = reduceCovering(instance, { capacitated: false });
  const notes = [...reduced.notes];
  const infeasible = reduced.uncoverable.length > 0;
  if (infeasible) {
    notes.push(`${formatCount(reduced.uncoverable.length)} demands (weight ${formatCount(reduced.uncoverableWeight)}) are out of reach of every candidate: the sites below cover all the rest`);
  }
  // Settled with the bound, described with the result.
  let partialCover: PartialCover | undefined;
  return {
    model: 'lscp',
    sense: 'minimize',
    notes,
    progress: { heuristic: 0.05, bound: 0.1, boundDone: 0.35 },
    boundName: 'the Lagrangian bound',
    solveHeuristically: (run) => shrinkCover(reduced, solveLscpHeuristic(reduced, { shouldStop: run.shouldStop })),
    objectiveOf: (cover) => cover.length,
    isBetter: (candidate, incumbent) => candidate.length < incumbent.length,
    bound(cover, run) {
      let best = cover;
      // Greedy again, guided by the relaxation's prices as they improve: it often needs fewer sites.
      const tryPrices = (prices: Float64Array): number => {
        const priced = shrinkCover(reduced, solveLscpHeuristic(reduced, { shouldStop: run.shouldStop, price: prices }));
        if (priced.length < best.length) best = priced;
        return best.length;
      };
      const relaxation = boundLscp(reduced, best.length, { shouldStop: run.shouldStop, onPrices: tryPrices });
      const bound = relaxation.bound;
      if (bound < best.length) {
        tryPrices(relaxation.prices);
        run.report('bound', 0.25, { incumbent: best.length, bound });
        // Local rebuilds of the best cover: on city-sized instances they save several percent of the sites.
        const rounds = Math.max(MIN_REBUILD_ROUNDS, Math.round(REBUILD_ROUNDS_PER_CANDIDATE * reduced.candidateOf.length));
        best = shrinkCover(reduced, rebuildCover(reduced, best, { rounds, shouldStop: run.shouldStop }));
      }
      return { answer: best, bound };
    },
    exact: {
      applies: reduced.weight.length > 0,
      nonzeros: () => reduced.candidateGroups.length,
      autoLimit: AUTO_EXACT_NONZEROS.lscp,
      from: 0.4,
      to: 0.98,
      build: () => buildLscpMip(reduced),
      start: (cover) => lscpStart(reduced, cover),
      read(values) {
        const sites = readOpenSites(values, reduced.candidateOf.length);
        return coversAll(reduced, sites) ? sites : undefined;
      },
      // Site counts are whole numbers: a fractional bound rounds up.
      readBound: (bound) => Math.ceil(bound - 1e-6),
    },
    evaluate(cover) {
      const evaluation = evaluateCovering(
        instance,
        cover.map((site) => reduced.candidateOf[site]),
      );
      return { ...evaluation, objective: cover.length };
    },
    settle(evaluation, bound, proven) {
      // Nothing to cover: no sites, and nothing could do with fewer.
      const closed = proven || reduced.weight.length === 0;
      const { objective } = evaluation;
      const settled = closed ? objective : Math.min(bound, objective);
      if (infeasible) {
        partialCover = {
          outOfReachDemands: reduced.uncoverable.length,
          outOfReachWeight: reduced.uncoverableWeight,
          status: closed ? 'optimal' : 'feasible',
          gap: closed ? 0 : relativeGap(objective, settled),
          bound: settled,
        };
      }
      return {
        status: infeasible ? 'infeasible' : closed ? 'optimal' : 'feasible',
        bound: settled,
        proven: closed,
        gap: infeasible ? null : closed ? 0 : relativeGap(objective, settled),
      };
    },
    describe: (_cover, evaluation) => ({
      chosen: evaluation.chosen,
      marginalGain: evaluation.marginalGain,
      coveredWeight: evaluation.coveredWeight,
      totalWeight: reduced.totalWeight,
      uncoveredDemands: evaluation.uncoveredDemands,
      ...(partialCover ? { partialCover } : {}),
    }),
  };
}

function coversAll(reduced: ReducedCovering, sites: readonly number[]): boolean {
  const covered = new Uint8Array(reduced.weight.length);
  for (const site of sites) for (let k = reduced.candidateStart[site]; k < reduced.candidateStart[site + 1]; k += 1) covered[reduced.candidateGroups[k]] = 1;
  return covered.every((flag) => flag === 1);
}
