import { z } from 'zod';
import { ANALYSIS_MODES } from '../../analysis/api-contract.ts';
import { ANALYSIS_DEFAULTS } from '../../standards.ts';
import { DistanceTable } from './distance-table.ts';
import { SITING_METHODS, SITING_MODELS, type SitingModel, type SitingSolution } from './siting-types.ts';

/**
 * `POST /api/analysis/siting`: the request, validated the same way on the server and typed for
 * the client. Two ways to state a problem:
 * - `costMatrix`: candidates × demands in metres, given by the caller (to check the solver
 *   against other tools, or to site anything we do not hold);
 * - `facilityLayer` + `candidates`: our own data — the population grid as demand, the layer's
 *   facilities as already open (`keepExisting`), candidates from a layer, a grid or points.
 */
export const SITING_LIMITS = {
  maxP: 200,
  maxCandidates: 20_000,
  maxMatrixCandidates: 2_000,
  maxMatrixDemands: 20_000,
  maxMatrixCells: 2_000_000,
  maxPoints: 2_000,
  minGridSpacingM: 100,
  maxGridSpacingM: 5_000,
  maxTimeLimitS: 120,
  /** Covering on our data: (site, cell) pairs within the radius, summed over all sites. */
  maxCoverEntries: 20_000_000,
  /** The request body may carry a cost matrix: ~2 M numbers of JSON. */
  maxBodyChars: 40_000_000,
} as const;

const id = z.string().min(1).max(100);
const finiteNonNegative = z.number().nonnegative().finite();
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/**
 * The distances are up to 2 million numbers: checked by one plain loop, not a schema per cell
 * (zod's per-element checks took 2–4 s on a 1,000 × 2,000 matrix, several times the solve;
 * `npm run bench -- siting-matrix` measures both). The first bad cell is named by its row and
 * column. The server scans a large body's matrix straight into a DistanceTable
 * (scan-distance-rows.ts, the same rules), which passes as it is.
 */
const distanceRows = z.custom<(number | null)[][] | DistanceTable>((value) => Array.isArray(value) || value instanceof DistanceTable, { message: 'distances must be an array of rows' }).superRefine((rows, context) => {
  if (rows instanceof DistanceTable) return;
  for (let row = 0; row < rows.length; row += 1) {
    const cells: unknown = rows[row];
    if (!Array.isArray(cells)) {
      context.addIssue({ code: 'custom', path: [row], message: 'each row of distances must be an array' });
      return;
    }
    for (let column = 0; column < cells.length; column += 1) {
      const cell: unknown = cells[column];
      if (cell === null || (typeof cell === 'number' && cell >= 0 && cell < Infinity)) continue;
      context.addIssue({ code: 'custom', path: [row, column], message: 'a distance is a finite number of metres ≥ 0, or null for unreachable' });
      return;
    }
  }
});

export const costMatrixSchema = z.strictObject({
  candidates: z.array(id).min(1).max(SITING_LIMITS.maxMatrixCandidates),
  demands: z.array(z.strictObject({ id, weight: finiteNonNegative })).min(1).max(SITING_LIMITS.maxMatrixDemands),
  /** distances[i][j]: metres from candidate i to demand j; null = unreachable (as read by the server: a DistanceTable). */
  distances: distanceRows,
  /** Candidates already open: they serve demand but do not count toward p. */
  fixed: z.array(id).max(SITING_LIMITS.maxMatrixCandidates).optional(),
  /** Per candidate capacity in weight units (capacitated variants). */
  capacities: z.array(z.number().positive().finite()).optional(),
});
export type CostMatrix = z.infer<typeof costMatrixSchema>;
/** A cost matrix as JSON states it: the distances as nested rows. */
export type CostMatrixRows = Omit<CostMatrix, 'distances'> & { distances: (number | null)[][] };

export const candidatePointSchema = z.strictObject({ id: id.optional(), lon, lat });

/** A candidate source: a layer's features (a representative point each), a regular grid over
 * the district, or points (drawn on the map or supplied as a list). */
export const candidateSourceSchema = z.union([
  z.string().min(1).max(80),
  z.strictObject({ grid: z.number().min(SITING_LIMITS.minGridSpacingM).max(SITING_LIMITS.maxGridSpacingM) }),
  z.strictObject({ points: z.array(candidatePointSchema).min(1).max(SITING_LIMITS.maxPoints) }),
]);
export type CandidateSource = z.infer<typeof candidateSourceSchema>;

export const sitingRequestSchema = z.strictObject({
  model: z.enum(SITING_MODELS),
  /** mclp, pmedian: the number of new sites. */
  p: z.number().int().min(1).max(SITING_LIMITS.maxP).optional(),
  /** mclp, lscp: service distance in metres (defaults to the layer's standard). */
  radius: z.number().positive().max(ANALYSIS_DEFAULTS.maxRadiusM).optional(),
  method: z.enum(SITING_METHODS).default('auto'),
  timeLimit: z.number().min(0.1).max(SITING_LIMITS.maxTimeLimitS).default(30),
  /** mclp: the coverage curve for 1…curveUpTo sites (default p, at most maxP). */
  curveUpTo: z.number().int().min(1).max(SITING_LIMITS.maxP).optional(),
  costMatrix: costMatrixSchema.optional(),
  facilityLayer: z.string().min(1).max(80).optional(),
  candidates: z.union([candidateSourceSchema, z.array(candidateSourceSchema).min(1).max(4)]).optional(),
  mode: z.enum(ANALYSIS_MODES).default('euclidean'),
  keepExisting: z.boolean().default(true),
  /** Capacitated variant on our data: new sites take `newSiteCapacity` units, existing ones
   * their layer capacity (seats, beds); each resident needs `demandPerResident` units. */
  capacity: z.strictObject({ newSiteCapacity: z.number().positive().finite(), demandPerResident: z.number().positive().max(1) }).optional(),
  /** pmedian on our data: population is gathered into square cells of this size (metres). */
  aggregateCellM: z.number().min(100).max(2000).optional(),
});
export type SitingRequest = z.input<typeof sitingRequestSchema>;
export type SitingRequestParsed = z.infer<typeof sitingRequestSchema>;

export interface SitingSiteOut {
  id: string;
  /** Our data only: where the site is, and where it came from (a layer id, "grid" or "points"). */
  lon?: number;
  lat?: number;
  source?: string;
  /** The feature's name, when the candidate is a named feature of a layer. */
  name?: string;
  /** A grid candidate: the community it lies in and its number there ("Tongyuanju 3"). */
  area?: SiteArea;
  marginalGain: number;
}

export interface SiteArea {
  /** The community's name in Chinese, and in English when it has one. */
  name: string;
  nameEn?: string;
  number: number;
}

export interface SitingAssignmentOut {
  demand: string;
  /** A chosen candidate's id, or null when a kept facility is nearer. */
  facility: string | null;
  distance: number;
  weight: number;
  lon?: number;
  lat?: number;
  facilityLon?: number;
  facilityLat?: number;
}

/** What the solver said, with indices turned into ids and places (see SitingSolution). */
export interface SitingResult
  extends Pick<SitingSolution, 'model' | 'status' | 'method' | 'gap' | 'objective' | 'bound' | 'coveredWeight' | 'totalWeight' | 'curve' | 'totalWeightedDistance' | 'meanWeightedDistance' | 'partialCover'> {
  chosen: string[];
  sites: SitingSiteOut[];
  /** Number of demands left uncovered (covering) or unreachable (pmedian). */
  uncoveredDemands: number;
  /** Their ids (first 5,000; the exports hold all). */
  uncoveredDemandIds: string[];
  /** Covering on our data: population cells newly covered by the chosen sites (cell ids). */
  newlyCoveredCells?: number[];
  /** Covering: weight covered before any new site (kept facilities only). */
  baselineCoveredWeight?: number;
  /** p-median with kept facilities: the same measures today, before any new site (over the
   * demands a kept facility reaches; `baselineUnreachableDemands` are those none reaches). */
  baselineTotalWeightedDistance?: number;
  baselineMeanWeightedDistance?: number;
  baselineUnreachableDemands?: number;
  assignments?: SitingAssignmentOut[];
  /** The run was stopped before it ended (a cancel, or the solver overran its time limit): this
   * is the best answer found until then, with its proven gap. */
  stoppedEarly?: 'cancelled' | 'deadline';
  p?: number;
  radius?: number;
  mode?: 'euclidean' | 'network';
  /** Our data: the facility layer the question is about. */
  facilityLayer?: string;
  candidateCount: number;
  demandCount: number;
  notes: string[];
  versions?: Record<string, number>;
  elapsedMs: number;
}

export type SitingJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface SitingJob {
  id: string;
  status: SitingJobStatus;
  /** 0…1 */
  progress: number;
  phase: string | null;
  incumbent?: number | null;
  bound?: number | null;
  createdAt: string;
  updatedAt: string;
  error?: { code: string; message: string } | null;
  links: { self: string; result: string; geojson: string; csv: string };
}

/** 200: the result, done within a second (its job is kept for the exports). 202: the job only. */
export type SitingResponse = (SitingResult & { job: SitingJob }) | { job: SitingJob };

export function requiresP(model: SitingModel): boolean {
  return model !== 'lscp';
}
