// One generated model per test file (vitest isolates files, so this is per file).
import type { Geometry, Position } from 'geojson';
import { readFrame } from '../../server/demo/read-frame.ts';
import { buildDemoModel } from '../../server/demo/generate.ts';
import type { DemoModel } from '../../server/demo/generate.ts';
import type { DemoFeature, Frame, LayerId } from '../../server/demo/types.ts';
import { LAYERS, isFacilityLayer } from '../../core/layers/registry.ts';

let cached: { frame: Frame; model: DemoModel } | undefined;

export function loadDemoModel(): { frame: Frame; model: DemoModel } {
  if (!cached) {
    const frame = readFrame();
    cached = { frame, model: buildDemoModel(frame) };
  }
  return cached;
}

/** Facility layers by geometry, read from the registry (the one place layers are declared). */
const facilityLayerIds = (geometry: string) =>
  LAYERS.filter((layer) => isFacilityLayer(layer) && layer.geometry === geometry).map((layer) => layer.id as LayerId);
export const FACILITY_POINT_LAYERS = facilityLayerIds('Point');
export const FACILITY_POLYGON_LAYERS = facilityLayerIds('Polygon');

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
