// One generated model per test file (vitest isolates files, so this is per file).
import type { Geometry, Position } from 'geojson';
import { readFrame } from '../../server/demo/read-frame.ts';
import { buildDemoModel } from '../../server/demo/generate.ts';
import type { DemoModel } from '../../server/demo/generate.ts';
import type { DemoFeature, Frame } from '../../server/demo/types.ts';

let cached: { frame: Frame; model: DemoModel } | undefined;

export function loadDemoModel(): { frame: Frame; model: DemoModel } {
  if (!cached) {
    const frame = readFrame();
    cached = { frame, model: buildDemoModel(frame) };
  }
  return cached;
}

export const FACILITY_POINT_LAYERS = [
  'bus_terminals',
  'bus_bay_stops',
  'smart_bus_shelters',
  'parking_lots',
  'primary_schools',
  'middle_schools',
  'kindergartens',
  'elderly_centres',
  'mutual_aid_points',
  'health_centres',
  'health_stations',
  'fresh_markets',
  'sports_parks',
  'security_pilots',
] as const;

export const FACILITY_POLYGON_LAYERS = ['idle_plots', 'slope_greening'] as const;

export function allPositions(geometry: Geometry): Position[] {
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'LineString') return geometry.coordinates;
  if (geometry.type === 'Polygon') return geometry.coordinates.flat();
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat(2);
  return [];
}

export function communityGeometries(features: DemoFeature[]): Map<string, Geometry> {
  return new Map(features.map((f) => [f.properties.code as string, f.geometry]));
}
