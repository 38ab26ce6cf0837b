import type { MultiPolygon } from 'geojson';
import { apportion, planDistrict, type DistrictPlan } from '../../core/district/district-plan.ts';
import { POPULATION_SQUARE_METRES, type DistrictSummary } from '../../core/district/district-contract.ts';
import { planRoadNetwork, type RoadEdge } from '../../core/district/road-network.ts';
import { LAYERS, isFacilityLayer } from '../../core/layers/registry.ts';
import type { AuditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Queryable, Sql } from '../db/client.ts';
import { readLayerVersions } from '../db/layer-versions.ts';
import { badRequest } from '../errors.ts';
import type { GdalThread } from '../exchange/gdal-thread.ts';
import { staleVersion } from '../http/entity-tag.ts';
import { loadDataset, type DatasetFeature, type LoadableDataset } from '../seed/load-dataset.ts';
import { drawCommunityGrid } from './community-grid.ts';
import { drawPopulationSquares, linesTouching, OUTSIDE_TOLERANCE, overlappingPairs, placeGridCells, pointsOutside, shapeAreas, shapeBoundary, unionTowns, type PopulationSquare } from './district-sql.ts';
import { readDistrictFile, type DistrictFile } from './read-district-file.ts';

/**
 * A district made from its files and loaded in place of the one served: the files read through
 * the imports' GDAL pieces, the rules of core/district checked, the geometry checked and shaped
 * in PostGIS, then every dataset layer replaced in ONE transaction with its audit row (the
 * dataset load's, server/seed/load-dataset.ts). The facility layers, the demand list, the
 * project library, targets and surveys belonged to the district replaced and are emptied with
 * it; the walking network is the roads file's (core/district/road-network.ts), or none.
 * Loading bumps the roads layer's data version, so walking analysis builds its graph anew. The dataset is named `district:<code>`, so a start never regenerates
 * the demo over it (server/seed/ensure-dataset.ts).
 */

export interface DistrictFiles {
  boundary: DistrictFile;
  divisions: DistrictFile;
  population?: DistrictFile;
  /** Road lines: the walking network coverage, isochrones and siting walk along. */
  roads?: DistrictFile;
}

export interface PreparedDistrict {
  summary: DistrictSummary;
  dataset: LoadableDataset;
}

const refuse = (problems: readonly string[]) =>
  badRequest('district_refused', `the district is refused, nothing was changed: ${problems.join('; ')}`, { problems });

/** The dataset name a district loaded from files carries. */
export const districtDatasetName = (code: string) => `district:${code}`;

export async function prepareDistrict(sql: Sql, gdal: GdalThread, files: DistrictFiles): Promise<PreparedDistrict> {
  const [loadedBounds] = await sql<{ lon: number | null }[]>`SELECT (ST_XMin(ST_Extent(geom)) + ST_XMax(ST_Extent(geom))) / 2 AS lon FROM district`;
  const boundaryFile = await readDistrictFile(gdal, files.boundary, loadedBounds?.lon ?? 105);
  const boundaryLon = centreLongitude(boundaryFile.features) ?? loadedBounds?.lon ?? 105;
  const divisionsFile = await readDistrictFile(gdal, files.divisions, boundaryLon);
  const populationFile = files.population ? await readDistrictFile(gdal, files.population, boundaryLon) : undefined;
  const roadsFile = files.roads ? await readDistrictFile(gdal, files.roads, boundaryLon) : undefined;

  const planned = planDistrict({ boundary: boundaryFile.features, divisions: divisionsFile.features, population: populationFile?.features });
  if ('problems' in planned) throw refuse(planned.problems);
  const { plan } = planned;

  const boundary = await shapeBoundary(sql, plan.district.geometries);
  if (!boundary) throw refuse(['the boundary has no area']);
  const notes: string[] = [];
  const communityGeometries = await shapeCommunities(sql, plan, boundary.geometry, notes);
  const townGeometries = await shapeTowns(sql, plan, boundary.geometry, communityGeometries, notes);
  const cells = await shapePopulation(sql, plan, boundary, communityGeometries, notes);
  const roads = roadsFile ? await shapeRoads(sql, roadsFile.features, boundary.geometry, notes) : null;

  const dataset = toDataset(plan, boundary.geometry, townGeometries, communityGeometries, cells, roads?.edges ?? []);
  const summary: DistrictSummary = {
    district: { code: plan.district.code, name: plan.district.name, nameEn: plan.district.nameEn, areaKm2: round(boundary.areaKm2, 2), bbox: boundary.bbox.map((value) => round(value, 6)) as DistrictSummary['district']['bbox'], centre: boundary.centre.map((value) => round(value, 6)) as [number, number] },
    towns: plan.towns.map((town) => {
      const codes = new Set(plan.communities.filter((community) => community.townCode === town.code).map((community) => community.code));
      return { code: town.code, name: town.name, communities: codes.size, population: cells.filter((cell) => codes.has(cell.communityCode)).reduce((sum, cell) => sum + cell.population, 0) };
    }),
    communities: plan.communities.length,
    communityShape: plan.communityShape,
    population: { kind: plan.population.kind, cells: cells.length, total: cells.reduce((sum, cell) => sum + cell.population, 0) },
    files: {
      boundary: { name: files.boundary.name, features: boundaryFile.features.length, crs: boundaryFile.crs },
      divisions: { name: files.divisions.name, features: divisionsFile.features.length, crs: divisionsFile.crs },
      population: files.population && populationFile ? { name: files.population.name, features: populationFile.features.length, crs: populationFile.crs } : null,
      roads: files.roads && roadsFile ? { name: files.roads.name, features: roadsFile.features.length, crs: roadsFile.crs } : null,
    },
    roads: roads && { edges: roads.edges.length, nodes: roads.nodes, km: round(roads.edges.reduce((sum, edge) => sum + edge.lengthM, 0) / 1000, 2) },
    notes,
    replaces: await readServed(sql),
    version: (await readLayerVersions(sql, ['district'])).get('district') ?? 0,
    applied: false,
  };
  return { summary, dataset };
}

/**
 * Load the prepared district in one transaction with its audit row, if the district served is
 * still the one the summary was made on (`expectedVersion`, the If-Match of the route; the
 * command line applies at once). The demo accounts' town office and planner move to the new
 * district's first town, each with its own audit row, so they can still sign in and work.
 */
export async function applyDistrict(sql: Sql, prepared: PreparedDistrict, actor: AuditActor, expectedVersion?: number): Promise<DistrictSummary> {
  const { summary, dataset } = prepared;
  const firstTown = summary.towns[0].code;
  const planner = dataset.layers.communities.filter((feature) => feature.properties.town_code === firstTown).slice(0, 2).map((feature) => String(feature.properties.code));
  let version = 0;
  await loadDataset(sql, dataset, undefined, {
    before: async (tx) => {
      // The lock makes two applies take turns, so the second sees the version the first left.
      await tx`LOCK TABLE district IN EXCLUSIVE MODE`;
      if (expectedVersion === undefined) return;
      const current = (await readLayerVersions(tx, ['district'])).get('district') ?? 0;
      if (current !== expectedVersion) throw staleVersion(await readServed(tx), current, expectedVersion);
    },
    after: async (tx) => {
      await writeAudit(tx, actor, { action: 'replace', entity: 'district', entityId: summary.district.code, before: summary.replaces, after: { ...summary, applied: true } });
      await moveDemoAccounts(tx, actor, firstTown, planner);
      version = (await readLayerVersions(tx, ['district'])).get('district') ?? 0;
    },
  });
  return { ...summary, version, applied: true };
}

async function moveDemoAccounts(tx: Queryable, actor: AuditActor, town: string, communities: string[]): Promise<void> {
  const moved = await tx<{ username: string; town_code: string | null; communities: string[]; version: number }[]>`
    UPDATE users SET town_code = CASE WHEN role = 'town' THEN ${town} ELSE town_code END,
                     communities = CASE WHEN role = 'planner' THEN ${communities}::text[] ELSE communities END,
                     version = version + 1, updated_at = now()
    WHERE demo AND role IN ('town', 'planner')
    RETURNING username, town_code, communities, version`;
  for (const user of moved) {
    await writeAudit(tx, actor, { action: 'update', entity: 'user', entityId: user.username, after: { town: user.town_code, communities: user.communities, version: user.version, why: 'the district was replaced' } });
  }
}

async function readServed(sql: Queryable): Promise<DistrictSummary['replaces']> {
  const [district] = await sql<{ name: string }[]>`SELECT name FROM district ORDER BY id LIMIT 1`;
  if (!district) return null;
  const facilities = LAYERS.filter(isFacilityLayer).map((layer) => `(SELECT count(*) FROM ${layer.id})`).join(' + ');
  const [row] = await sql.unsafe<{ towns: number; communities: number; facilities: number; demands: number; projects: number }[]>(
    `SELECT (SELECT count(*) FROM towns)::int AS towns, (SELECT count(*) FROM communities)::int AS communities,
            (${facilities})::int AS facilities, (SELECT count(*) FROM demands)::int AS demands, (SELECT count(*) FROM projects)::int AS projects`,
  );
  return { name: district.name, ...row };
}

async function shapeCommunities(sql: Sql, plan: DistrictPlan, boundary: string, notes: string[]): Promise<Map<string, string>> {
  let given: Array<{ code: string; geometry: unknown }> = plan.communities;
  if (plan.communityShape === 'points') {
    const outside = await pointsOutside(sql, boundary, plan.communities);
    if (outside.length) throw refuse([`${outside.length} of the community points lie outside the boundary (${outside.slice(0, 5).join(', ')})`]);
    const grid = drawCommunityGrid(plan.communities, JSON.parse(boundary) as MultiPolygon);
    given = plan.communities.map((community) => ({ code: community.code, geometry: grid.get(community.code) }));
    notes.push(`the community grid was drawn around the ${plan.communities.length} given points`);
  }
  const shaped = await shapeAreas(sql, boundary, given);
  const outside = shaped.filter((area) => !area.geometry || area.outsideShare > OUTSIDE_TOLERANCE);
  if (outside.length) {
    throw refuse(outside.slice(0, 10).map((area) => `community ${area.code} lies outside the boundary (${area.geometry ? `${Math.round(area.outsideShare * 100)}% of its area` : 'all of it'})`));
  }
  const cut = shaped.filter((area) => area.outsideShare > 1e-6).length;
  if (cut && plan.communityShape === 'polygons') notes.push(`${cut} communities crossed the boundary slightly and were cut to it`);
  const geometries = new Map(shaped.map((area) => [area.code, area.geometry!]));
  const overlaps = await overlappingPairs(sql, shaped.map((area) => ({ code: area.code, geometry: area.geometry! })));
  if (overlaps.length) throw refuse(overlaps.map(([a, b]) => `communities ${a} and ${b} overlap`));
  return geometries;
}

async function shapeTowns(sql: Sql, plan: DistrictPlan, boundary: string, communities: Map<string, string>, notes: string[]): Promise<Map<string, string>> {
  const unions = await unionTowns(sql, plan.communities.map((community) => ({ townCode: community.townCode, geometry: communities.get(community.code)! })));
  const drawn = plan.towns.filter((town) => town.geometry);
  if (!drawn.length) return unions;
  const shaped = await shapeAreas(sql, boundary, drawn.map((town) => ({ code: town.code, geometry: town.geometry })));
  const outside = shaped.filter((area) => !area.geometry || area.outsideShare > OUTSIDE_TOLERANCE);
  if (outside.length) throw refuse(outside.map((area) => `town ${area.code} lies outside the boundary`));
  for (const area of shaped) unions.set(area.code, area.geometry!);
  notes.push(`${drawn.length} towns have their own polygons; the others are the unions of their communities`);
  return unions;
}

interface PlacedCell {
  communityCode: string;
  population: number;
  geometry: string;
}

async function shapePopulation(sql: Sql, plan: DistrictPlan, boundary: { geometry: string; bbox: readonly number[] }, communities: Map<string, string>, notes: string[]): Promise<PlacedCell[]> {
  const communityJson = JSON.stringify([...communities].map(([code, geometry]) => ({ code, geometry })));
  if (plan.population.kind === 'grid') {
    const { cells } = plan.population;
    const placed = await placeGridCells(sql, boundary.geometry, communityJson, cells.map((cell) => cell.geometry));
    const outside = placed.filter((cell) => !cell.geometry || !cell.communityCode);
    const people = (square: PopulationSquare) => cells[square.index].population;
    if (outside.some((cell) => people(cell) > 0)) {
      throw refuse([`${outside.filter((cell) => people(cell) > 0).length} populated cells of the grid lie outside the boundary (cell ${outside.find((cell) => people(cell) > 0)!.index + 1} first)`]);
    }
    if (outside.length) notes.push(`${outside.length} empty cells outside the boundary were left out`);
    return placed.filter((cell) => cell.geometry && cell.communityCode).map((cell) => ({ communityCode: cell.communityCode!, population: people(cell), geometry: cell.geometry! }));
  }
  const { totals } = plan.population;
  const squares = await drawPopulationSquares(sql, communityJson, boundary.bbox, POPULATION_SQUARE_METRES);
  const cells: PlacedCell[] = [];
  const empty: string[] = [];
  for (const community of plan.communities) {
    const own = squares.filter((square) => square.communityCode === community.code);
    const total = totals[community.code] ?? 0;
    if (!(community.code in totals)) empty.push(community.code);
    const shares = apportion(total, own.map((square) => square.areaM2));
    own.forEach((square, index) => cells.push({ communityCode: community.code, population: shares[index], geometry: square.geometry! }));
  }
  if (empty.length) notes.push(`${empty.length} communities have no population given and count nobody (${empty.slice(0, 5).join(', ')})`);
  notes.push(`community totals were spread over ${cells.length} squares of about ${POPULATION_SQUARE_METRES} m by area`);
  return cells;
}

/** The road lines cut into the walking network's edges; an edge wholly outside the boundary is left out. */
async function shapeRoads(sql: Sql, features: ReadonlyArray<{ geometry: { type: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null }>, boundary: string, notes: string[]): Promise<{ edges: RoadEdge[]; nodes: number }> {
  const plan = planRoadNetwork(features);
  if (plan.problems.length) throw refuse(plan.problems.slice(0, 10).map((problem) => `roads: ${problem}`));
  const touching = await linesTouching(sql, boundary, plan.edges);
  const edges = plan.edges.filter((_, index) => touching.has(index));
  if (!edges.length) throw refuse(['roads: no road reaches into the boundary']);
  const nodes = new Set(edges.flatMap((edge) => [edge.source, edge.target])).size;
  if (edges.length < plan.edges.length) notes.push(`${plan.edges.length - edges.length} road edges outside the boundary were left out`);
  notes.push(`the roads were cut at their junctions into ${edges.length} edges between ${nodes} nodes`);
  return { edges, nodes };
}

function toDataset(plan: DistrictPlan, boundary: string, towns: Map<string, string>, communities: Map<string, string>, cells: readonly PlacedCell[], roads: readonly RoadEdge[]): LoadableDataset {
  const feature = (id: number, geometry: string, properties: Record<string, unknown>): DatasetFeature => ({ id, geometry: JSON.parse(geometry) as DatasetFeature['geometry'], properties });
  const approximate = plan.communityShape === 'points';
  const layers: LoadableDataset['layers'] = {
    district: [feature(1, boundary, { code: plan.district.code, name: plan.district.name, name_en: plan.district.nameEn, demo: false })],
    towns: plan.towns.map((town, index) => feature(index + 1, towns.get(town.code)!, { code: town.code, name: town.name, name_en: town.nameEn, kind: town.kind, approximate: approximate && !town.geometry, demo: false })),
    communities: plan.communities.map((community, index) => feature(index + 1, communities.get(community.code)!, {
      code: community.code, town_code: community.townCode, name: community.name, name_en: community.nameEn, ur_code: null,
      seed_source: approximate ? 'official' : null, approximate, demo: false,
    })),
    population: cells.map((cell, index) => feature(index + 1, cell.geometry, { community_code: cell.communityCode, population: cell.population, demo: false })),
    roads: roads.map((edge, index) => ({
      id: index + 1,
      geometry: { type: 'LineString', coordinates: edge.coordinates },
      properties: { road_class: edge.roadClass, length_m: edge.lengthM, source_node: edge.source, target_node: edge.target, demo: false },
    })),
  };
  const serialized = JSON.stringify(layers);
  return { name: districtDatasetName(plan.district.code), seed: null, serialized, layers, demands: [], projects: [], targets: { targets: [], sizeRatios: [] }, surveys: [] };
}

/** The middle longitude of a file's coordinates, for a Gauss-Krüger zone without its number in the next files. */
function centreLongitude(features: ReadonlyArray<{ geometry: { coordinates?: unknown } | null }>): number | undefined {
  let min = Infinity;
  let max = -Infinity;
  const visit = (value: unknown) => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      min = Math.min(min, value[0]);
      max = Math.max(max, value[0]);
    } else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const feature of features) visit(feature.geometry?.coordinates);
  return Number.isFinite(min) && min >= -180 && max <= 180 ? (min + max) / 2 : undefined;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
