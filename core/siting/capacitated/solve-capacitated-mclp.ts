import { buildAssignment, pairFlows } from './capacitated-assignment.ts';
import { solveCapacitatedHeuristic, type CapacitatedHeuristicResult } from './capacitated-heuristic.ts';
import { boundCapacitatedSimply, buildCapacitatedMip, capacitatedStart, countCapacitatedNonzeros } from './capacitated-mip.ts';
import { type ReducedCovering, reduceCovering } from '../covering/reduce-covering.ts';
import { readOpenSites } from '../covering/read-open-sites.ts';
import { sortByGain } from '../shared/sort-by-gain.ts';
import { AUTO_EXACT_NONZEROS, decideExact, describeMipRun, runMip } from '../pipeline/exact-policy.ts';
import { gapIsClosed, readP, relativeGap, type SitingRun } from '../pipeline/siting-run.ts';
import type { MipSolver, SitingCurvePoint, SitingInstance, SitingSolution, SitingSolveOptions } from '../contract/siting-types.ts';

/**
 * Capacitated maximal covering: a demand counts as covered only as far as open sites within reach
 * have room for it (fractional assignment). Kept facilities take part as fixed candidates with
 * their own capacity; a demand marked pre-covered counts as served from outside the model. The
 * bound is the LP relaxation when a solver is at hand and no MIP runs (and the model is not too
 * large), else a simple capacity bound; a MIP supplies its own.
 */
export function solveCapacitatedMclp(instance: SitingInstance, options: SitingSolveOptions, run: SitingRun, solver?: MipSolver): SitingSolution {
  const p = readP(options);
  run.report('preparing', 0);
  const reduced = reduceCovering(instance, { capacitated: true });
  const notes = [...reduced.notes, 'capacitated: demand is covered only up to the capacity of the open sites within reach'];
  const constant = reduced.constantWeight;
  const nonzeros = countCapacitatedNonzeros(reduced);
  const wantsCurve = options.curveUpTo !== undefined && options.curveUpTo > 0;

  run.report('heuristic', 0.05);
  let best = solveCapacitatedHeuristic(reduced, p, { shouldStop: run.shouldStop });
  run.report('bound', 0.25, { incumbent: constant + best.served });
  let bound = constant + boundCapacitatedSimply(reduced, p);
  let proven = gapIsClosed(constant + best.served, bound);
  let method: SitingSolution['method'] = 'heuristic';
  const mayStop = options.method === 'auto' && proven;
  if (mayStop) notes.push('the heuristic answer meets the bound: optimal without the exact solver');
  else if (proven && options.method === 'exact') notes.push('the heuristic answer already meets the bound (proven optimal); the exact solver runs only because it was asked for');
  const exact = !mayStop && decideExact(options.method, nonzeros, AUTO_EXACT_NONZEROS.capacitated, solver, notes);
  if (!exact && !proven) {
    // No MIP to supply a bound: the LP relaxation gives a tighter one than the simple bound.
    bound = constant + boundCapacitated(reduced, p, best.served, solver, nonzeros, AUTO_EXACT_NONZEROS.capacitated, options.timeLimitS, run);
    proven = gapIsClosed(constant + best.served, bound);
  }
  if (exact) {
    const result = runMip(solver!, buildCapacitatedMip(reduced, p), run, options.timeLimitS, capacitatedStart(reduced, best.chosen), 0.4, wantsCurve ? 0.75 : 0.98);
    notes.push(describeMipRun(result, options.timeLimitS));
    if (result.status !== 'failed' && result.status !== 'infeasible') {
      method = 'exact';
      if (result.values) {
        const sites = readOpenSites(result.values, reduced.candidateOf.length).filter((site) => !reduced.fixed[site]);
        const served = servedBy(reduced, sites);
        if (served > best.served) best = { chosen: sites, served };
      }
      if (result.bound !== undefined) bound = Math.min(bound, result.bound);
      if (result.status === 'optimal') proven = true;
    }
  }

  const outcome = describeCapacitated(instance, reduced, best.chosen);
  const objective = outcome.coveredWeight;
  bound = proven ? objective : Math.max(bound, objective);
  proven ||= gapIsClosed(objective, bound);
  if (proven) bound = objective;
  const curve = wantsCurve ? capacitatedCurve(reduced, Math.min(options.curveUpTo!, 200), { p, served: best.served, bound: bound - constant, proven }, run, solver, nonzeros, options.timeLimitS) : undefined;
  // The last report closes the phase that ran last.
  run.report(curve ? 'curve' : method === 'exact' ? 'exact' : 'bound', 1, { incumbent: objective, bound });
  return {
    model: 'mclp',
    status: proven ? 'optimal' : 'feasible',
    method,
    gap: proven ? 0 : relativeGap(objective, bound),
    objective,
    bound,
    ...outcome,
    totalWeight: reduced.totalWeight,
    ...(curve ? { curve } : {}),
    notes,
  };
}

function servedBy(reduced: ReducedCovering, sites: readonly number[]): number {
  const open = [...sites];
  reduced.fixed.forEach((fixed, i) => {
    if (fixed) open.push(i);
  });
  return buildAssignment(reduced, open).network.total;
}

/** LP relaxation (through the solver, continuous) when possible; never worse than the simple bound. */
function boundCapacitated(reduced: ReducedCovering, p: number, served: number, solver: MipSolver | undefined, nonzeros: number, limit: number, timeLimitS: number, run: SitingRun): number {
  let bound = boundCapacitatedSimply(reduced, p);
  if (solver && nonzeros <= limit && !gapIsClosed(served, bound)) {
    const model = buildCapacitatedMip(reduced, p);
    const relaxed = solver.solve({ ...model, integrality: new Int32Array(model.integrality.length) }, { timeLimitS, shouldStop: run.shouldStop });
    run.checkStop();
    if (relaxed.status === 'optimal' && relaxed.bound !== undefined) bound = Math.min(bound, relaxed.bound - reduced.constantWeight);
  }
  return bound;
}

/** Coverage, gains and uncovered demands of the chosen new sites, in the caller's indices. */
function describeCapacitated(instance: SitingInstance, reduced: ReducedCovering, chosen: readonly number[]) {
  const open = [...chosen];
  reduced.fixed.forEach((fixed, i) => {
    if (fixed) open.push(i);
  });
  const assignment = buildAssignment(reduced, open);
  const served = assignment.network.total;
  const flows = pairFlows(reduced, assignment);
  const groupServed = new Float64Array(reduced.weight.length);
  flows.forEach((flow, k) => (groupServed[reduced.candidateGroups[k]] += flow));
  // A site's gain: what the best assignment loses without it.
  const gains = chosen.map((site) => served - servedBy(reduced, chosen.filter((other) => other !== site)));
  const sorted = sortByGain(
    chosen.map((site) => reduced.candidateOf[site]),
    gains,
  );
  const { start, demand } = instance.cover!;
  const inReach = new Uint8Array(instance.demandIds.length);
  for (const site of open) {
    const i = reduced.candidateOf[site];
    for (let k = start[i]; k < start[i + 1]; k += 1) inReach[demand[k]] = 1;
  }
  const uncoveredDemands: number[] = [];
  instance.demandIds.forEach((_, j) => {
    if (instance.preCovered?.[j]) return;
    const group = reduced.groupOfDemand[j];
    const full = group >= 0 ? groupServed[group] >= reduced.weight[group] * (1 - 1e-9) : inReach[j] === 1;
    if (!full) uncoveredDemands.push(j);
  });
  return { chosen: sorted.chosen, marginalGain: sorted.marginalGain, coveredWeight: reduced.constantWeight + served, uncoveredDemands };
}

/** Curve points get an LP bound each only on models this small (about 0.3 s per LP). */
const CURVE_LP_NONZEROS = 5_000;

/** Coverage with 1…upTo new sites: the heuristic per point with the same kind of bound. */
function capacitatedCurve(
  reduced: ReducedCovering,
  upTo: number,
  main: { p: number; served: number; bound: number; proven: boolean },
  run: SitingRun,
  solver: MipSolver | undefined,
  nonzeros: number,
  timeLimitS: number,
): SitingCurvePoint[] {
  const points: Array<{ served: number; bound: number; proven: boolean }> = [];
  for (let k = 1; k <= upTo; k += 1) {
    run.report('curve', 0.75 + (0.25 * (k - 1)) / upTo);
    if (k === main.p) {
      points.push(main);
      continue;
    }
    const result: CapacitatedHeuristicResult = solveCapacitatedHeuristic(reduced, k, { shouldStop: run.shouldStop });
    const bound = Math.max(result.served, boundCapacitated(reduced, k, result.served, solver, nonzeros, CURVE_LP_NONZEROS, timeLimitS / upTo, run));
    points.push({ served: result.served, bound, proven: false });
  }
  for (let k = points.length - 2; k >= 0; k -= 1) points[k].bound = Math.min(points[k].bound, points[k + 1].bound);
  return points.map((point, index) => {
    const coveredWeight = reduced.constantWeight + point.served;
    const closed = point.proven || gapIsClosed(coveredWeight, reduced.constantWeight + point.bound);
    return { p: index + 1, coveredWeight, upperBound: closed ? coveredWeight : Math.max(coveredWeight, reduced.constantWeight + point.bound), status: closed ? 'optimal' : 'feasible' };
  });
}
