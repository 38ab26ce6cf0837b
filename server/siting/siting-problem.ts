import { requiresP, type InstanceRecipe, type SitingDescription, type SitingInstance, type SitingRequestParsed } from '../../core/siting/index.ts';
import { findServiceStandard } from '../../core/standards.ts';
import type { AppServices } from '../app-services.ts';
import { requireFacilityLayer } from '../analysis/request-input.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { listCandidateSources, requireCandidateLayers } from './candidate-sources.ts';
import type { SitingProblem } from './job-runner.ts';
import { buildSuppliedMatrixProblem } from './matrix-problem.ts';
import { buildOurDataProblem, type BuiltProblem } from './our-data-problem.ts';

/**
 * From a validated request to a problem ready to solve, or a 4xx naming what is wrong. Nothing
 * is written before this succeeds. A request states its problem in exactly one way:
 * - `costMatrix` alone (with `radius` for mclp and lscp; `p` for mclp and pmedian);
 * - `facilityLayer`, with optional `candidates` (default: the idle plots), `mode`,
 *   `keepExisting`, `capacity` and, for pmedian, `aggregateCellM`.
 * `p` given to lscp is ignored (lscp finds the number of sites itself); `radius` to pmedian too.
 */
export async function prepareSitingProblem(sql: Queryable, services: AppServices, request: SitingRequestParsed, startedAtMs: number): Promise<SitingProblem> {
  if (request.costMatrix && request.facilityLayer) {
    throw badRequest('conflicting_inputs', 'give either "costMatrix" or "facilityLayer" (with "candidates"), not both');
  }
  if (!request.costMatrix && !request.facilityLayer) {
    throw badRequest('missing_problem', 'give "costMatrix" (a supplied problem) or "facilityLayer" (siting on our data)');
  }
  if (requiresP(request.model) && request.p === undefined) throw badRequest('p_required', `${request.model} needs "p", the number of new sites`);
  if ((request.capacity || request.costMatrix?.capacities) && request.model !== 'mclp') {
    throw badRequest('capacity_needs_mclp', 'capacities apply to mclp only (the capacitated maximal covering model)');
  }
  const notes: string[] = [];
  if (request.model === 'lscp' && request.p !== undefined) notes.push('p does not apply to lscp (it finds the fewest sites itself) and was ignored');
  let instance: SitingInstance;
  let description: SitingDescription;
  let recipe: InstanceRecipe | undefined;
  if (request.costMatrix) {
    const supplied = buildSuppliedMatrixProblem(request);
    instance = supplied.instance;
    description = { notes: [...supplied.notes, ...notes], radius: request.model === 'pmedian' ? undefined : request.radius };
  } else {
    const built = await prepareOurData(sql, services, request);
    instance = built.instance;
    recipe = built.recipe;
    description = { ...built.description, notes: [...built.description.notes, ...notes] };
  }
  const open = countChoosable(instance);
  if (!open) throw badRequest('no_candidates', 'there is no candidate to choose from (all are fixed)');
  const p = requiresP(request.model) ? request.p! : undefined;
  if (p !== undefined && p > open) throw badRequest('p_too_large', `p = ${p} is more than the ${open} candidates that can be chosen`, { p, candidates: open });
  description.p = p;
  if (request.facilityLayer) description.facilityLayer = request.facilityLayer;
  const curveUpTo = request.model === 'mclp' ? Math.min(request.curveUpTo ?? p!, open) : undefined;
  return {
    instance,
    recipe,
    options: { model: request.model, p, method: request.method, timeLimitS: request.timeLimit, curveUpTo },
    description,
    record: { ...request, costMatrix: request.costMatrix ? { candidates: request.costMatrix.candidates.length, demands: request.costMatrix.demands.length } : undefined },
    startedAtMs,
  };
}

function countChoosable(instance: SitingInstance): number {
  let count = instance.candidateIds.length;
  if (instance.fixedOpen) for (const flag of instance.fixedOpen) count -= flag ? 1 : 0;
  return count;
}

/** Gathered inputs kept per request and data versions (a client trying p = 3, 4, 5 reads the data once). */
async function prepareOurData(sql: Queryable, services: AppServices, request: SitingRequestParsed): Promise<BuiltProblem> {
  const layer = requireFacilityLayer(request.facilityLayer!);
  const sources = listCandidateSources(request.candidates);
  const candidateLayers = requireCandidateLayers(sources);
  const covering = request.model !== 'pmedian';
  const radiusM = covering ? (request.radius ?? findServiceStandard(layer.id)?.radiusM) : undefined;
  if (covering && radiusM === undefined) {
    throw badRequest('radius_required', `${layer.id} has no standard radius in the standards table: give "radius" in metres`);
  }
  if (request.capacity && !layer.capacity) {
    throw badRequest('no_capacity_column', `${layer.id} has no capacity column (seats, beds…): the capacitated variant needs one`);
  }
  const store = services.analysis;
  const usesDistrict = sources.some((source) => typeof source !== 'string');
  const versions = await store.readVersions([layer.id, ...candidateLayers, ...(usesDistrict ? ['district'] : [])], request.mode);
  const key = JSON.stringify({
    covering,
    layer: layer.id,
    sources,
    radiusM,
    mode: request.mode,
    keepExisting: request.keepExisting,
    capacity: request.capacity,
    aggregateCellM: covering ? undefined : request.aggregateCellM,
    versions: [...versions].sort(),
  });
  return services.sitingProblems.get(key, () => buildOurDataProblem(sql, store, { request, layer, radiusM, versions }));
}
