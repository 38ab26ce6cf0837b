import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { toDemandPayload } from '../../core/analysis/demand-set.ts';
import { toRoadPayload } from '../../core/analysis/road-payload.ts';
import { ANALYSIS_MODES, coverageRequestSchema, isochroneRequestSchema, type IsochroneResponse, type LifeCircleResponse } from '../../core/analysis/api-contract.ts';
import { computeIsochrones } from '../../core/analysis/isochrone.ts';
import { formatLifeCircleCsv } from '../../core/analysis/life-circle-csv.ts';
import type { LifeCircleColumn, LifeCircleRow } from '../../core/analysis/life-circle.ts';
import { ANALYSIS_DEFAULTS, LIFE_CIRCLES, SERVICE_STANDARDS, findServiceStandard } from '../../core/standards.ts';
import type { AppEnv } from '../app-env.ts';
import { badRequest, notFound } from '../errors.ts';
import { isInsideDistrict } from './analysis-sql.ts';
import { reportCoverage, reportLifeCircle, reportUncoveredCells } from './coverage-report.ts';
import { reportScenario } from './scenario-report.ts';
import { scenarioRequestSchema } from '../../core/analysis/scenario-contract.ts';
import { quoteInput, readJsonBody } from '../http/read-body.ts';
import { readChoice, requireFacilityLayer } from './request-input.ts';
import { sitingRoutes } from '../siting/siting-routes.ts';

export const analysisRoutes = new Hono<AppEnv>();

/** Facility siting: jobs, their state and exports (server/siting). */
analysisRoutes.route('/siting', sitingRoutes);

const CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$/;
const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Population within reach of one facility layer; `?format=geojson` gives the uncovered cells. */
analysisRoutes.post('/coverage', async (context) => {
  const format = readChoice(context.req.query('format'), ['json', 'geojson'] as const, 'json', 'format');
  const request = await readJsonBody(context, coverageRequestSchema);
  const layer = requireFacilityLayer(request.layer);
  const radiusM = request.radius ?? findServiceStandard(layer.id)?.radiusM;
  if (radiusM === undefined) throw badRequest('radius_required', `${layer.id} has no standard radius in the standards table: give "radius" in metres`);
  const { sql, config, services } = context.get('deps');
  const store = services.analysis;
  const query = { layer, radiusM, mode: request.mode, walkingSpeedKmh: config.walkingSpeedKmh };
  if (format === 'geojson') {
    context.header('Content-Type', 'application/geo+json');
    return context.body(JSON.stringify(await reportUncoveredCells(sql, store, query)));
  }
  return context.json(await reportCoverage(store, query));
});

/**
 * Coverage today and once the projects of the given phases are built (their facilities added),
 * in total and per community: the same numbers /coverage will give after their completion.
 */
analysisRoutes.post('/scenario', async (context) => {
  const request = await readJsonBody(context, scenarioRequestSchema);
  const layer = requireFacilityLayer(request.layer);
  const radiusM = request.radius ?? findServiceStandard(layer.id)?.radiusM;
  if (radiusM === undefined) throw badRequest('radius_required', `${layer.id} has no standard radius in the standards table: give "radius" in metres`);
  const { sql, services } = context.get('deps');
  return context.json(await reportScenario(sql, services.analysis, { layer, radiusM, mode: request.mode, phases: request.phases }));
});

/**
 * The demand set for the browser's what-if: cell centres, population and community as arrays
 * (~1 MB of JSON, ~0.4 MB gzipped, against ~5 MB of GeoJSON through the OGC API). The ETag is
 * the data versions it was read at, so a client revalidates cheaply and sees any edit.
 */
analysisRoutes.get('/demand', compress(), async (context) => {
  const store = context.get('deps').services.analysis;
  const versions = await store.readVersions([], 'euclidean');
  const etag = `"demand-${[...versions.values()].join('-')}"`;
  context.header('ETag', etag);
  context.header('Cache-Control', 'no-cache');
  if (context.req.header('If-None-Match') === etag) return context.body(null, 304);
  return context.json(toDemandPayload(await store.demand(versions)));
});

/**
 * The walking network for the browser's network what-if, revalidated by its data version like
 * the demand set above.
 */
analysisRoutes.get('/roads', compress(), async (context) => {
  const store = context.get('deps').services.analysis;
  const versions = await store.readVersions([], 'network');
  const etag = `"roads-${versions.get('roads') ?? 0}"`;
  context.header('ETag', etag);
  context.header('Cache-Control', 'no-cache');
  // Compression marks the tag weak (W/"…"), and the browser sends it back so: the same version.
  if (context.req.header('If-None-Match')?.replace(/^W\//, '') === etag) return context.body(null, 304);
  return context.json(toRoadPayload(await store.roadEdges(versions)));
});

/** Walking isochrones from a point, one polygon per band, nested. */
analysisRoutes.post('/isochrone', async (context) => {
  const started = performance.now();
  const request = await readJsonBody(context, isochroneRequestSchema);
  const { sql, config, services } = context.get('deps');
  if (!(await isInsideDistrict(sql, request.lon, request.lat))) {
    throw badRequest('outside_district', `(${request.lon}, ${request.lat}) is outside the district`);
  }
  const minutes = request.minutes ?? LIFE_CIRCLES.map((circle) => circle.minutes);
  const walkingSpeedKmh = request.walkingSpeedKmh ?? config.walkingSpeedKmh;
  const store = services.analysis;
  const versions = await store.readVersions([], 'network');
  const snapper = await store.network(versions);
  const result = computeIsochrones(snapper, request.lon, request.lat, { minutes, walkingSpeedKmh });
  if (!result) {
    throw badRequest('off_network', `no walkable road within ${ANALYSIS_DEFAULTS.snapToleranceM} m of (${request.lon}, ${request.lat})`);
  }
  const features = result.features.map((feature) => ({
    ...feature,
    properties: { ...feature.properties, distanceM: roundTo(feature.properties.distanceM, 1), areaM2: Math.round(feature.properties.areaM2) },
    geometry: roundGeometry(feature.geometry),
  }));
  return context.json({
    type: 'FeatureCollection',
    features,
    origin: {
      coordinates: [request.lon, request.lat],
      snapped: [roundTo(result.origin.lon, 7), roundTo(result.origin.lat, 7)],
      connectorM: roundTo(result.origin.connectorM, 2),
    },
    walkingSpeedKmh,
    versions: { roads: versions.get('roads') ?? 0 },
    elapsedMs: roundTo(performance.now() - started, 1),
  } satisfies IsochroneResponse);
});

/** Per community and facility type: share of people within the standard distance, and a score. */
analysisRoutes.get('/life-circle', async (context) => {
  const started = performance.now();
  const format = readChoice(context.req.query('format'), ['json', 'csv'] as const, 'json', 'format');
  const mode = readChoice(context.req.query('mode'), ANALYSIS_MODES, 'euclidean', 'mode');
  const community = context.req.query('community');
  if (community !== undefined && !CODE_PATTERN.test(community)) {
    throw badRequest('invalid_code', 'a community code is 1–40 letters, digits, "-" or "_"', { code: community.slice(0, 80) });
  }
  const columns = readColumns(context.req.query('radii'));
  const { matrix, versions } = await reportLifeCircle(context.get('deps').services.analysis, columns, mode);
  const communities = community === undefined ? matrix.communities : matrix.communities.filter((row) => row.code === community);
  if (community !== undefined && !communities.length) throw notFound('unknown_community', `no community with code ${community}`, { code: community });
  if (format === 'csv') {
    context.header('Content-Type', 'text/csv; charset=utf-8');
    context.header('Content-Disposition', `attachment; filename="life-circle-${mode}.csv"`);
    return context.body(formatLifeCircleCsv({ ...matrix, communities }));
  }
  const shaped = (row: LifeCircleRow) => ({
    code: row.code,
    name: row.name,
    population: row.population,
    shares: Object.fromEntries(columns.map((column, index) => [column.layer, row.shares[index]])),
    score: row.score === null ? null : roundTo(row.score, 2),
  });
  const { code: _code, name: _name, ...district } = shaped(matrix.district);
  return context.json({
    mode,
    columns,
    district,
    communities: communities.map(shaped),
    versions: Object.fromEntries(versions),
    elapsedMs: roundTo(performance.now() - started, 1),
  } satisfies LifeCircleResponse);
});

/** The standards table's columns, with radii overridden by `?radii=kindergartens:400,…`. */
function readColumns(radii: string | undefined): LifeCircleColumn[] {
  const overrides = new Map<string, number>();
  for (const entry of radii ? radii.split(',') : []) {
    const match = /^([a-z_]{1,60}):(\d{1,5}(?:\.\d{1,3})?)$/.exec(entry.trim());
    const radius = Number(match?.[2]);
    if (!match || !findServiceStandard(match[1]) || !(radius > 0 && radius <= ANALYSIS_DEFAULTS.maxRadiusM)) {
      throw badRequest('invalid_radii', `radii is a list of layer:metres for layers of the standards table (0 < metres ≤ ${ANALYSIS_DEFAULTS.maxRadiusM}); cannot read ${quoteInput(entry)}`);
    }
    overrides.set(match[1], radius);
  }
  return SERVICE_STANDARDS.map((standard) => ({ layer: standard.layer, radiusM: overrides.get(standard.layer) ?? standard.radiusM, lifeCircle: standard.lifeCircle }));
}

/** 7 decimals (about 1 cm) is finer than the 10 m grid the polygons are traced on. */
function roundGeometry<T extends { coordinates: unknown }>(geometry: T): T {
  const round = (value: unknown): unknown => (Array.isArray(value) ? value.map(round) : roundTo(value as number, 7));
  return { ...geometry, coordinates: round(geometry.coordinates) };
}
