/**
 * Runs one hand-made network fixture through the production code and renders the result as
 * GeoJSON a person can open in QGIS: roads in grey, connectors dashed, demand points green when
 * covered and red when not (null distance = unreachable), isochrone bands as nested fills.
 *
 * Input (tests/fixtures/network/in/<case>.geojson), parameters in the collection's properties:
 *   { radiusM, toleranceM, minutes?, walkingSpeedKmh?, cellM? }
 *   LineString {source, target, length_m?}  a road edge (length_m: its walking length)
 *   Point {role: "facility"}                a facility
 *   Point {role: "demand", population}      a demand point (a cell centre)
 *   Point {role: "origin"}                  an isochrone origin (optional)
 * Output: the same roads, then connectors, demand points and bands; numbers rounded to 6 decimals.
 */
import { computeCoverage } from '../../../core/analysis/coverage.ts';
import { createDemandSet } from '../../../core/analysis/demand-set.ts';
import { createFacility, type Facility } from '../../../core/analysis/facility.ts';
import { computeIsochrones } from '../../../core/analysis/isochrone.ts';
import { computeNetworkDistances, snapPoints } from '../../../core/analysis/network-distance.ts';
import { createNetworkSnapper } from '../../../core/analysis/network-snap.ts';
import { computeNearestDistances } from '../../../core/analysis/nearest-distance.ts';
import { createRoadGraph } from '../../../core/analysis/road-graph.ts';

export interface FixtureFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

export interface FixtureCollection {
  type: 'FeatureCollection';
  properties: Record<string, unknown>;
  features: FixtureFeature[];
}

const BAND_COLOURS = ['#08519c', '#3182bd', '#6baed6', '#9ecae1', '#c6dbef', '#deebf7'];

function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : null;
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, roundDeep(inner)]));
  return value;
}

export function readFixtureNetwork(input: FixtureCollection) {
  const roads = input.features.filter((feature) => feature.geometry.type === 'LineString');
  const points = (role: string) => input.features.filter((feature) => feature.geometry.type === 'Point' && feature.properties.role === role);
  const graph = createRoadGraph(roads.map((road) => ({
    source: road.properties.source as number,
    target: road.properties.target as number,
    lengthM: road.properties.length_m as number | undefined,
    coordinates: road.geometry.coordinates as number[][],
  })));
  const demandPoints = points('demand');
  const demand = createDemandSet({
    lon: demandPoints.map((point) => (point.geometry.coordinates as number[])[0]),
    lat: demandPoints.map((point) => (point.geometry.coordinates as number[])[1]),
    population: demandPoints.map((point) => point.properties.population as number),
    community: demandPoints.map(() => 0),
  }, [{ code: 'fixture', name: 'fixture' }]);
  const facilities: Facility[] = points('facility').map((point) => createFacility(point.geometry as { type: 'Point'; coordinates: number[] }));
  const snapper = createNetworkSnapper(graph, input.properties.toleranceM as number);
  return { roads, graph, demand, facilities, snapper, origins: points('origin') };
}

const connector = (from: number[], to: number[], kind: string, connectorM: number): FixtureFeature => ({
  type: 'Feature',
  properties: { kind, connectorM, stroke: '#999999', 'stroke-dasharray': '4 2' },
  geometry: { type: 'LineString', coordinates: [from, to] },
});

export function runNetworkFixture(input: FixtureCollection): FixtureCollection {
  const radiusM = input.properties.radiusM as number;
  const { roads, demand, facilities, snapper, origins } = readFixtureNetwork(input);
  const demandSnaps = snapPoints(snapper, demand.lon, demand.lat);
  const network = computeNetworkDistances(snapper, demand, demandSnaps, facilities, Infinity);
  const straight = computeNearestDistances(demand, facilities, 1e6);
  const coverage = computeCoverage(demand, network.distances, radiusM);
  const features: FixtureFeature[] = roads.map((road) => ({ ...road, properties: { ...road.properties, stroke: '#b0a89a' } }));
  for (const facility of facilities) {
    const at = [facility.paths[0][0], facility.paths[0][1]];
    const snap = snapper.snap(at[0], at[1]);
    if (snap) features.push(connector(at, [snap.lon, snap.lat], 'facility', snap.connectorM));
    features.push({ type: 'Feature', properties: { role: 'facility', 'marker-color': '#fd8d3c' }, geometry: { type: 'Point', coordinates: at } });
  }
  for (let cell = 0; cell < demand.count; cell += 1) {
    const at = [demand.lon[cell], demand.lat[cell]];
    const snap = snapper.snap(at[0], at[1]);
    if (snap) features.push(connector(at, [snap.lon, snap.lat], 'demand', snap.connectorM));
    const covered = network.distances[cell] <= radiusM;
    features.push({
      type: 'Feature',
      properties: {
        role: 'demand',
        population: demand.population[cell],
        networkDistanceM: network.distances[cell],
        straightDistanceM: straight[cell],
        covered,
        'marker-color': covered ? '#31a354' : '#de2d26',
      },
      geometry: { type: 'Point', coordinates: at },
    });
  }
  for (const origin of origins) {
    const [lon, lat] = origin.geometry.coordinates as number[];
    const result = computeIsochrones(snapper, lon, lat, {
      minutes: input.properties.minutes as number[],
      walkingSpeedKmh: (input.properties.walkingSpeedKmh as number | undefined) ?? 4.5,
      cellM: input.properties.cellM as number | undefined,
    });
    // Widest band first, so the narrower ones are drawn on top.
    const bands = result?.features ?? [];
    for (let index = bands.length - 1; index >= 0; index -= 1) {
      features.push({ ...bands[index], properties: { ...bands[index].properties, fill: BAND_COLOURS[index % BAND_COLOURS.length], 'fill-opacity': 0.3 } } as FixtureFeature);
    }
    features.push({ type: 'Feature', properties: { role: 'origin', 'marker-color': '#000000' }, geometry: origin.geometry });
  }
  return roundDeep({
    type: 'FeatureCollection',
    properties: { ...input.properties, totalPopulation: coverage.totalPopulation, coveredPopulation: coverage.coveredPopulation, unreachableFacilities: network.unreachableFacilities },
    features,
  }) as FixtureCollection;
}

/** One feature per line: diffs of a re-blessed golden show which feature changed. */
export function formatFixture(collection: FixtureCollection): string {
  const head = JSON.stringify({ type: collection.type, properties: collection.properties });
  const features = collection.features.map((feature) => JSON.stringify(feature)).join(',\n');
  return `${head.slice(0, -1)},"features":[\n${features}\n]}\n`;
}
