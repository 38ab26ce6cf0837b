import { measureGeodesic } from './geodesic.ts';
import { measureGeodesicToPaths } from './segment-distance.ts';

/** GeoJSON geometries a facility layer may hold (points, trails, green spaces, plots). */
export type FacilityGeometry =
  | { type: 'Point'; coordinates: readonly number[] }
  | { type: 'MultiPoint'; coordinates: readonly (readonly number[])[] }
  | { type: 'LineString'; coordinates: readonly (readonly number[])[] }
  | { type: 'MultiLineString'; coordinates: readonly (readonly (readonly number[])[])[] }
  | { type: 'Polygon'; coordinates: readonly (readonly (readonly number[])[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly (readonly number[])[])[])[] };

/**
 * One facility ready for distance queries: its bounding box, its vertices as flat lon/lat
 * arrays ("paths"), and for areas the polygons to test containment (distance 0 inside).
 */
export interface Facility {
  kind: 'point' | 'line' | 'area';
  west: number;
  south: number;
  east: number;
  north: number;
  /** Points: one path per point of length 2. Lines: one per part. Areas: one per ring. */
  paths: Float64Array[];
  /** Areas only: each polygon as its rings (outer first), flat lon/lat. */
  polygons: Float64Array[][];
}

function readPosition(position: readonly number[], where: string): [number, number] {
  const [lon, lat] = position ?? [];
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new RangeError(`invalid position ${JSON.stringify(position)} in ${where}`);
  }
  return [lon, lat];
}

function flatten(positions: readonly (readonly number[])[], where: string): Float64Array {
  if (!positions?.length) throw new RangeError(`empty coordinates in ${where}`);
  const flat = new Float64Array(positions.length * 2);
  positions.forEach((position, index) => flat.set(readPosition(position, where), index * 2));
  return flat;
}

/** Compile one GeoJSON geometry; throws a RangeError naming the geometry when it is unusable. */
export function createFacility(geometry: FacilityGeometry): Facility {
  const where = `a ${geometry?.type ?? 'missing'} facility geometry`;
  let kind: Facility['kind'];
  let paths: Float64Array[];
  let polygons: Float64Array[][] = [];
  switch (geometry?.type) {
    case 'Point':
      kind = 'point';
      paths = [flatten([geometry.coordinates], where)];
      break;
    case 'MultiPoint':
      kind = 'point';
      paths = geometry.coordinates.map((position) => flatten([position], where));
      break;
    case 'LineString':
      kind = 'line';
      paths = [flatten(geometry.coordinates, where)];
      break;
    case 'MultiLineString':
      kind = 'line';
      paths = geometry.coordinates.map((line) => flatten(line, where));
      break;
    case 'Polygon':
      kind = 'area';
      polygons = [geometry.coordinates.map((ring) => flatten(ring, where))];
      paths = polygons.flat();
      break;
    case 'MultiPolygon':
      kind = 'area';
      polygons = geometry.coordinates.map((polygon) => polygon.map((ring) => flatten(ring, where)));
      paths = polygons.flat();
      break;
    default:
      throw new RangeError(`unsupported facility geometry type ${JSON.stringify((geometry as { type?: unknown })?.type)}`);
  }
  if (!paths.length) throw new RangeError(`empty coordinates in ${where}`);
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const path of paths) {
    for (let index = 0; index < path.length; index += 2) {
      west = Math.min(west, path[index]);
      east = Math.max(east, path[index]);
      south = Math.min(south, path[index + 1]);
      north = Math.max(north, path[index + 1]);
    }
  }
  return { kind, west, south, east, north, paths, polygons };
}

/** Even–odd crossing test of a flat ring. */
function isInsideRing(lon: number, lat: number, ring: Float64Array): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const yi = ring[i + 1];
    const yj = ring[j + 1];
    if (yi > lat !== yj > lat && lon < ((ring[j] - ring[i]) * (lat - yi)) / (yj - yi) + ring[i]) inside = !inside;
  }
  return inside;
}

/**
 * Is the point inside the area? Rings are tested in lon/lat; PostGIS tests them with
 * great-circle edges, which differ by well under a millimetre on edges this short.
 */
export function isInsideFacility(facility: Facility, lon: number, lat: number): boolean {
  if (facility.kind !== 'area' || lon < facility.west || lon > facility.east || lat < facility.south || lat > facility.north) return false;
  return facility.polygons.some((rings) => isInsideRing(lon, lat, rings[0]) && !rings.slice(1).some((hole) => isInsideRing(lon, lat, hole)));
}

/**
 * Geodesic distance in metres from a point to the facility (0 inside an area). Lines and areas
 * may answer Infinity when they are surely farther than `beyondM`.
 */
export function measureFacilityDistance(facility: Facility, lon: number, lat: number, beyondM = Infinity): number {
  if (facility.kind === 'point' && facility.paths.length === 1) {
    return measureGeodesic(lon, lat, facility.paths[0][0], facility.paths[0][1]);
  }
  if (isInsideFacility(facility, lon, lat)) return 0;
  return measureGeodesicToPaths(lon, lat, facility.paths, beyondM);
}

/** A point facility at lon/lat: what a proposed site is. */
export function createPointFacility(lon: number, lat: number): Facility {
  return createFacility({ type: 'Point', coordinates: [lon, lat] });
}
