import { area, length } from '@turf/turf';

/**
 * What a drawn geometry measures, as the project form shows it while the line or polygon is
 * being drawn: a line's length (a sidewalk, a trail: the plan counts km), a polygon's area (a
 * greening site: m²). Geodesic, by Turf, the same figures the server derives in SQL within a
 * fraction of a percent.
 */
export type ProjectGeometry = GeoJSON.Point | GeoJSON.LineString | GeoJSON.Polygon | GeoJSON.MultiPoint | GeoJSON.MultiLineString | GeoJSON.MultiPolygon;

export interface GeometryMeasure {
  kind: 'point' | 'line' | 'polygon';
  /** Metres, for lines. */
  lengthMetres?: number;
  /** Square metres, for polygons. */
  areaSquareMetres?: number;
}

export function measureGeometry(geometry: ProjectGeometry): GeometryMeasure {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return { kind: 'point' };
    case 'LineString':
    case 'MultiLineString':
      return { kind: 'line', lengthMetres: length({ type: 'Feature', properties: {}, geometry }, { units: 'kilometers' }) * 1000 };
    default:
      return { kind: 'polygon', areaSquareMetres: area({ type: 'Feature', properties: {}, geometry }) };
  }
}

/** A polygon being drawn is open until closed: measure it once it has three corners. */
export function isMeasurable(geometry: ProjectGeometry): boolean {
  if (geometry.type === 'LineString') return geometry.coordinates.length >= 2;
  if (geometry.type === 'Polygon') return (geometry.coordinates[0]?.length ?? 0) >= 4;
  return true;
}
