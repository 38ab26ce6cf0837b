import gcoord from 'gcoord';
import type { CsvCell } from '../csv-cells.ts';
import type { ExportCrs } from './export-contract.ts';

/** A feature as the API serves it: its id, its properties in the API's order, its GeoJSON geometry. */
export interface ExportFeature {
  type: 'Feature';
  id: number;
  geometry: ExportGeometry;
  properties: Record<string, unknown>;
}

export type Position = number[];
export type ExportGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint' | 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString' | 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** 7 decimals of a degree, about a centimetre: what the API serves. */
const DECIMALS = 1e7;

/**
 * The features' coordinates in the asked system. CGCS2000 and WGS84 differ by centimetres here,
 * within the data's own precision: their coordinates are the same numbers (GDAL labels the file
 * EPSG:4490, and its PROJ transformation between the two is the identity). GCJ-02 is computed.
 */
export function toExportCoordinates(features: readonly ExportFeature[], crs: ExportCrs): ExportFeature[] {
  if (crs !== 'gcj02') return [...features];
  return features.map((feature) => ({ ...feature, geometry: mapPositions(feature.geometry, toGcj02) }));
}

function toGcj02(position: Position): Position {
  const [lon, lat] = gcoord.transform([position[0], position[1]], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return [Math.round(lon * DECIMALS) / DECIMALS, Math.round(lat * DECIMALS) / DECIMALS];
}

function mapPositions(geometry: ExportGeometry, map: (position: Position) => Position): ExportGeometry {
  switch (geometry.type) {
    case 'Point':
      return { type: geometry.type, coordinates: map(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(map) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((ring) => ring.map(map)) };
    case 'MultiPolygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(map))) };
  }
}

/**
 * The features as a table for a spreadsheet (CSV, XLSX): `id`, the properties, then the place:
 * `lon` and `lat` for points, `wkt` for lines and polygons (what GDAL reads back as geometry).
 */
export function featureTable(features: readonly ExportFeature[], propertyNames: readonly string[]): CsvCell[][] {
  const points = features.every((feature) => feature.geometry.type === 'Point');
  const header = ['id', ...propertyNames, ...(points ? ['lon', 'lat'] : ['wkt'])];
  const rows = features.map((feature) => {
    // A table of mixed shapes (projects) has one wkt column: its points are written there too.
    const place = points && feature.geometry.type === 'Point' ? feature.geometry.coordinates.slice(0, 2) : [toWkt(feature.geometry)];
    return [feature.id, ...propertyNames.map((name) => tableCell(feature.properties[name])), ...place];
  });
  return [header, ...rows];
}

/** Nested values (a project's funding, schedule, milestones) as JSON text: every format has flat fields. */
export function flatProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) flat[name] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  return flat;
}

/** Booleans as true/false, objects as JSON: what a spreadsheet cell can hold. */
function tableCell(value: unknown): CsvCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

export function toWkt(geometry: ExportGeometry): string {
  const position = (p: Position) => `${p[0]} ${p[1]}`;
  const list = (positions: Position[]) => `(${positions.map(position).join(', ')})`;
  const rings = (polygon: Position[][]) => `(${polygon.map(list).join(', ')})`;
  switch (geometry.type) {
    case 'Point':
      return `POINT (${position(geometry.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT ${list(geometry.coordinates)}`;
    case 'LineString':
      return `LINESTRING ${list(geometry.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING ${rings(geometry.coordinates)}`;
    case 'Polygon':
      return `POLYGON ${rings(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map(rings).join(', ')})`;
  }
}
