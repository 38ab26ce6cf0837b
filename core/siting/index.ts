/**
 * Facility siting: what the server, the client, the scripts and the API tests use. Everything
 * else under core/siting/ is the solvers' inside and may change shape freely.
 *
 * - contract/: the problem as the solvers see it (siting-types.ts), the HTTP contract
 *   (siting-contract.ts), the result for the API (siting-result.ts) and its exports;
 * - instance/: building a SitingInstance from a cost matrix or from our data;
 * - solve-siting.ts: the one solver entry, which runs a model's stages through pipeline/.
 */
export {
  OPTIMALITY_TOLERANCE,
  SITING_METHODS,
  SITING_MODELS,
  SitingCancelled,
  type PartialCover,
  type CoverageLists,
  type MipModel,
  type MipRun,
  type MipSolveOptions,
  type MipSolver,
  type SitingCurvePoint,
  type SitingInstance,
  type SitingMethodChoice,
  type SitingModel,
  type SitingProgress,
  type SitingSolution,
  type SitingSolveOptions,
} from './contract/siting-types.ts';
export {
  SITING_LIMITS,
  requiresP,
  sitingRequestSchema,
  type CandidateSource,
  type CostMatrix,
  type CostMatrixRows,
  type SitingAssignmentOut,
  type SitingJob,
  type SitingJobStatus,
  type SitingRequest,
  type SitingRequestParsed,
  type SitingResponse,
  type SitingResult,
  type SitingSiteOut,
  type SiteArea,
} from './contract/siting-contract.ts';
export { describeSitingResult, type SitingDescription, type SitingExportData } from './contract/siting-result.ts';
export { formatSitingCsv, formatSitingGeoJson } from './contract/siting-exports.ts';
export { sitingExportName } from './contract/export-name.ts';
export { estimateCoverageEntries } from './instance/coverage-lists.ts';
export { gatherIntoSquares, type DemandSquares } from './instance/demand-squares.ts';
export { completeInstance, type InstanceRecipe } from './instance/instance-recipe.ts';
export { buildMatrixInstance } from './instance/matrix-instance.ts';
export { DistanceTable } from './contract/distance-table.ts';
export { DistanceScanError, scanDistanceRows, type DistanceScanProblem } from './contract/scan-distance-rows.ts';
export { locateJsonMember } from './contract/locate-json-member.ts';
export { solveSiting } from './solve-siting.ts';
