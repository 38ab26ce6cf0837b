import { mapCoordinates, unshiftPosition } from './import-crs.ts';
import { problem, type ImportProblem } from './import-problems.ts';

/**
 * The features GDAL read, made into rows for a target of one geometry type: each row's number,
 * its WGS84 geometry (a single-part multi-geometry taken as its part), its attributes, and what
 * is wrong with its shape. A file of several kinds of shape is refused as a whole.
 */

export type TargetGeometry = 'Point' | 'LineString' | 'Polygon';
/** A target of one kind of shape, or of any (the project library: points, lines, polygons and their multi-parts, mixed). */
export type TargetShapes = TargetGeometry | 'any';

export interface ReadFeature {
  type?: string;
  geometry: { type: string; coordinates?: unknown } | null;
  properties: Record<string, unknown> | null;
}

export interface ImportGeometry {
  type: string;
  coordinates: unknown;
}

export interface ImportRow {
  row: number;
  geometry: ImportGeometry | null;
  attributes: Record<string, unknown>;
  problems: ImportProblem[];
}

const FAMILY: Record<string, TargetGeometry> = {
  Point: 'Point', MultiPoint: 'Point', LineString: 'LineString', MultiLineString: 'LineString', Polygon: 'Polygon', MultiPolygon: 'Polygon',
};

export type FeatureRows = { rows: ImportRow[]; geometryTypes: Record<string, number> } | { mixed: Record<string, number> } | { wrongType: string };

const round = (position: number[]) => [Math.round(position[0] * 1e7) / 1e7, Math.round(position[1] * 1e7) / 1e7];

export function toImportRows(features: readonly ReadFeature[], target: TargetShapes, shift: 'gcj02' | 'bd09' | null): FeatureRows {
  const geometryTypes: Record<string, number> = {};
  const families = new Set<string>();
  for (const feature of features) {
    const type = feature.geometry?.type ?? 'none';
    geometryTypes[type] = (geometryTypes[type] ?? 0) + 1;
    if (feature.geometry) families.add(FAMILY[feature.geometry.type] ?? feature.geometry.type);
  }
  if (target !== 'any') {
    if (families.size > 1) return { mixed: geometryTypes };
    const [family] = families;
    if (family && family !== target) return { wrongType: family };
  }
  const rows = features.map((feature, index): ImportRow => {
    const problems: ImportProblem[] = [];
    let geometry: ImportGeometry | null = feature.geometry && feature.geometry.coordinates !== undefined ? { type: feature.geometry.type, coordinates: feature.geometry.coordinates } : null;
    if (!geometry) problems.push(problem('no_geometry', {}, 'it has no geometry (no place)'));
    else if (target === 'any') {
      if (!FAMILY[geometry.type]) problems.push(problem('unsupported_geometry', { type: geometry.type }, `it is a ${geometry.type}: a point, line or polygon (or several of one kind) is wanted`));
    } else if (geometry.type.startsWith('Multi')) {
      const parts = geometry.coordinates as unknown[];
      if (parts.length === 1) geometry = { type: target, coordinates: parts[0] };
      else problems.push(problem('multi_part_geometry', { type: geometry.type, parts: parts.length, expected: target }, `it is a ${geometry.type} of ${parts.length} parts; the target holds one ${target} per feature`));
    }
    if (geometry) geometry = { type: geometry.type, coordinates: mapCoordinates(geometry.coordinates, shift ? (position) => unshiftPosition(position, shift) : round) };
    return { row: index + 1, geometry, attributes: feature.properties ?? {}, problems };
  });
  return { rows, geometryTypes };
}

/** West, south, east, north of every position. */
export function boundsOf(rows: readonly ImportRow[]): [number, number, number, number] | null {
  let bounds: [number, number, number, number] | null = null;
  for (const row of rows) {
    if (!row.geometry) continue;
    mapCoordinates(row.geometry.coordinates, (position) => {
      if (!bounds) bounds = [position[0], position[1], position[0], position[1]];
      else bounds = [Math.min(bounds[0], position[0]), Math.min(bounds[1], position[1]), Math.max(bounds[2], position[0]), Math.max(bounds[3], position[1])];
      return position;
    });
  }
  return bounds;
}

type Ring = number[][];

/** Twice the ring's signed area in degrees (shoelace): positive when it turns counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let index = 0; index + 1 < ring.length; index += 1) sum += ring[index][0] * ring[index + 1][1] - ring[index + 1][0] * ring[index][1];
  return sum;
}

const turned = (ring: Ring, counterClockwise: boolean) => ((signedArea(ring) > 0) === counterClockwise ? ring : [...ring].reverse());
const orientPolygon = (rings: Ring[]) => rings.map((ring, index) => turned(ring, index === 0));

/**
 * A polygon's outer ring counter-clockwise and its holes clockwise, as GeoJSON has them (RFC 7946).
 * A shapefile stores them the other way round by its own rule: read back, a polygon is turned so
 * what was exported comes back vertex for vertex. Other shapes are as they were.
 */
export function orientRings<T extends { type: string; coordinates?: unknown } | null>(geometry: T): T {
  if (geometry?.type === 'Polygon') return { ...geometry, coordinates: orientPolygon(geometry.coordinates as Ring[]) };
  if (geometry?.type === 'MultiPolygon') return { ...geometry, coordinates: (geometry.coordinates as Ring[][]).map(orientPolygon) };
  return geometry;
}
