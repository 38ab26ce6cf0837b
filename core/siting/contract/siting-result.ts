import type { SiteArea, SitingAssignmentOut, SitingResult, SitingSiteOut } from './siting-contract.ts';
import { markCovered } from '../instance/coverage-lists.ts';
import type { SitingInstance, SitingSolution } from './siting-types.ts';

/** The result lists only this many uncovered demand ids; the exports hold them all. */
export const MAX_LISTED_UNCOVERED = 5_000;

/** What the instance's indices stand for, besides their ids (our data only, except notes). */
export interface SitingDescription {
  candidateLon?: ArrayLike<number>;
  candidateLat?: ArrayLike<number>;
  /** A layer id, "grid", "points", or "existing" (kept facilities entered as fixed candidates). */
  candidateSource?: readonly string[];
  candidateName?: readonly (string | null)[];
  /** Grid candidates: the community each lies in and its number there (null elsewhere). */
  candidateArea?: readonly (SiteArea | null)[];
  demandLon?: ArrayLike<number>;
  demandLat?: ArrayLike<number>;
  /** Covering on our data: the population cell id of each demand. */
  demandCellIds?: ArrayLike<number>;
  p?: number;
  radius?: number;
  mode?: 'euclidean' | 'network';
  facilityLayer?: string;
  notes: string[];
  versions?: Record<string, number>;
}

/** Demands picked out for the map exports, with where they are when known. */
export interface DemandList {
  ids: string[];
  weight: number[];
  lon?: number[];
  lat?: number[];
}

/** Kept with the job for the exports: every uncovered and newly covered demand. */
export interface SitingExportData {
  uncovered: DemandList;
  newlyCovered: DemandList;
}

/** Three significant digits: a gap of 4.6e-8 stays 4.6e-8 (fixed decimals would make it 0). */
const roundGap = (gap: number) => (gap === 0 ? 0 : Number(gap.toPrecision(3)));
const round = (value: number, digits: number) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);
const roundWeight = (value: number) => round(value, 3);
const roundCoordinate = (value: number) => round(value, 7);
const roundDistance = (value: number) => round(value, 1);

/** Demands a kept facility already reaches: pre-covered ones and those a fixed candidate covers. */
export function markKeptCoverage(instance: SitingInstance): Uint8Array {
  const demandCount = instance.demandIds.length;
  const kept = instance.preCovered ? Uint8Array.from(instance.preCovered) : new Uint8Array(demandCount);
  if (instance.cover && instance.fixedOpen) {
    const fixed = [...instance.fixedOpen.keys()].filter((candidate) => instance.fixedOpen![candidate]);
    markCovered(instance.cover, demandCount, fixed, kept);
  }
  return kept;
}

function listDemands(indices: readonly number[], instance: SitingInstance, description: SitingDescription): DemandList {
  const located = description.demandLon && description.demandLat;
  return {
    ids: indices.map((demand) => instance.demandIds[demand]),
    weight: indices.map((demand) => roundWeight(instance.weights[demand])),
    ...(located ? {
      lon: indices.map((demand) => roundCoordinate(description.demandLon![demand])),
      lat: indices.map((demand) => roundCoordinate(description.demandLat![demand])),
    } : {}),
  };
}

function describeSites(solution: SitingSolution, instance: SitingInstance, description: SitingDescription): SitingSiteOut[] {
  return solution.chosen.map((candidate, rank) => {
    const site: SitingSiteOut = { id: instance.candidateIds[candidate], marginalGain: roundWeight(solution.marginalGain[rank] ?? 0) };
    if (description.candidateLon && description.candidateLat) {
      site.lon = roundCoordinate(description.candidateLon[candidate]);
      site.lat = roundCoordinate(description.candidateLat[candidate]);
    }
    if (description.candidateSource) site.source = description.candidateSource[candidate];
    const name = description.candidateName?.[candidate];
    if (name) site.name = name;
    const area = description.candidateArea?.[candidate];
    if (area) site.area = area;
    return site;
  });
}

/** Metres from each demand to its nearest kept facility (the supplied ones and fixed candidates). */
function keptDistances(instance: SitingInstance): Float64Array | undefined {
  const { distances } = instance;
  const demandCount = instance.demandIds.length;
  const fixed = instance.fixedOpen ? [...instance.fixedOpen.keys()].filter((candidate) => instance.fixedOpen![candidate]) : [];
  if (!distances || (!instance.keptDistance && !fixed.length)) return undefined;
  const nearest = instance.keptDistance ? Float64Array.from(instance.keptDistance) : new Float64Array(demandCount).fill(Infinity);
  for (const candidate of fixed) {
    const row = candidate * demandCount;
    for (let demand = 0; demand < demandCount; demand += 1) nearest[demand] = Math.min(nearest[demand], distances[row + demand]);
  }
  return nearest;
}

/** p-median's "before": weighted distance to the facilities kept, with no new site. */
function measureToday(instance: SitingInstance): { total: number; mean: number; unreachable: number } | undefined {
  const nearest = keptDistances(instance);
  if (!nearest) return undefined;
  let total = 0;
  let weight = 0;
  let unreachable = 0;
  nearest.forEach((distance, demand) => {
    const demandWeight = instance.weights[demand];
    if (!(demandWeight > 0)) return;
    if (!Number.isFinite(distance)) unreachable += 1;
    else {
      total += demandWeight * distance;
      weight += demandWeight;
    }
  });
  if (weight === 0) return undefined;
  return { total, mean: total / weight, unreachable };
}

/** Per demand of a p-median: where it goes and how far (kept facilities have no id here). */
function describeAssignments(solution: SitingSolution, instance: SitingInstance, description: SitingDescription): SitingAssignmentOut[] {
  const { assignment } = solution;
  const { distances } = instance;
  if (!assignment || !distances) return [];
  const demandCount = instance.demandIds.length;
  const fixed = instance.fixedOpen ? [...instance.fixedOpen.keys()].filter((candidate) => instance.fixedOpen![candidate]) : [];
  const out: SitingAssignmentOut[] = [];
  for (let demand = 0; demand < demandCount; demand += 1) {
    const target = assignment[demand];
    if (target === -2 || !(instance.weights[demand] > 0)) continue;
    let distance: number;
    if (target >= 0) distance = distances[target * demandCount + demand];
    else {
      distance = instance.keptDistance ? instance.keptDistance[demand] : Infinity;
      for (const candidate of fixed) distance = Math.min(distance, distances[candidate * demandCount + demand]);
    }
    const row: SitingAssignmentOut = {
      demand: instance.demandIds[demand],
      facility: target >= 0 ? instance.candidateIds[target] : null,
      distance: roundDistance(distance),
      weight: roundWeight(instance.weights[demand]),
    };
    if (description.demandLon && description.demandLat) {
      row.lon = roundCoordinate(description.demandLon[demand]);
      row.lat = roundCoordinate(description.demandLat[demand]);
    }
    if (target >= 0 && description.candidateLon && description.candidateLat) {
      row.facilityLon = roundCoordinate(description.candidateLon[target]);
      row.facilityLat = roundCoordinate(description.candidateLat[target]);
    }
    out.push(row);
  }
  return out;
}

/** The solver's answer by index, turned into ids, places and rounded figures for the API. */
export function describeSitingResult(instance: SitingInstance, solution: SitingSolution, description: SitingDescription, elapsedMs: number): { result: SitingResult; exportData: SitingExportData } {
  const demandCount = instance.demandIds.length;
  const covering = solution.model !== 'pmedian';
  const uncovered = [...solution.uncoveredDemands].sort((a, b) => a - b);
  const result: SitingResult = {
    model: solution.model,
    status: solution.status,
    method: solution.method,
    gap: solution.gap === null ? null : roundGap(solution.gap),
    objective: roundWeight(solution.objective),
    bound: roundWeight(solution.bound),
    chosen: solution.chosen.map((candidate) => instance.candidateIds[candidate]),
    sites: describeSites(solution, instance, description),
    coveredWeight: roundWeight(solution.coveredWeight),
    totalWeight: roundWeight(solution.totalWeight),
    uncoveredDemands: uncovered.length,
    uncoveredDemandIds: uncovered.slice(0, MAX_LISTED_UNCOVERED).map((demand) => instance.demandIds[demand]),
    candidateCount: instance.candidateIds.length,
    demandCount,
    notes: [...description.notes, ...solution.notes],
    elapsedMs: round(elapsedMs, 1),
  };
  if (solution.partialCover) result.partialCover = { ...solution.partialCover, outOfReachWeight: roundWeight(solution.partialCover.outOfReachWeight), gap: roundGap(solution.partialCover.gap) };
  if (solution.curve) result.curve = solution.curve.map((point) => ({ ...point, coveredWeight: roundWeight(point.coveredWeight), upperBound: roundWeight(point.upperBound) }));
  if (description.p !== undefined) result.p = description.p;
  if (description.radius !== undefined && covering) result.radius = description.radius;
  if (description.mode) result.mode = description.mode;
  if (description.facilityLayer) result.facilityLayer = description.facilityLayer;
  if (description.versions) result.versions = description.versions;
  let newlyCovered: number[] = [];
  if (covering && instance.cover) {
    const kept = markKeptCoverage(instance);
    let baseline = 0;
    for (let demand = 0; demand < demandCount; demand += 1) if (kept[demand]) baseline += instance.weights[demand];
    if (!instance.capacities) result.baselineCoveredWeight = roundWeight(baseline);
    const reached = markCovered(instance.cover, demandCount, solution.chosen);
    for (let demand = 0; demand < demandCount; demand += 1) if (reached[demand] && !kept[demand]) newlyCovered.push(demand);
    if (description.demandCellIds) result.newlyCoveredCells = newlyCovered.map((demand) => description.demandCellIds![demand]);
  } else {
    newlyCovered = [];
    if (solution.totalWeightedDistance !== undefined) result.totalWeightedDistance = roundWeight(solution.totalWeightedDistance);
    if (solution.meanWeightedDistance !== undefined) result.meanWeightedDistance = roundDistance(solution.meanWeightedDistance);
    const today = measureToday(instance);
    if (today) {
      result.baselineTotalWeightedDistance = roundWeight(today.total);
      result.baselineMeanWeightedDistance = roundDistance(today.mean);
      result.baselineUnreachableDemands = today.unreachable;
    }
    result.assignments = describeAssignments(solution, instance, description);
  }
  return {
    result,
    exportData: { uncovered: listDemands(uncovered, instance, description), newlyCovered: listDemands(newlyCovered, instance, description) },
  };
}
