// Small constructors for the dataset's GeoJSON features (ids are 1..n per layer).
import type { Geometry } from 'geojson';
import type { DemoFeature, PropertyValue } from './types.ts';
import type { PlacedPoint } from './facility-placement.ts';

export function toFeatures(items: ReadonlyArray<{ geometry: Geometry; properties: Record<string, PropertyValue> }>): DemoFeature[] {
  return items.map((item, index) => ({ type: 'Feature', id: index + 1, geometry: item.geometry, properties: item.properties }));
}

/** Point facility with the common columns, in registry order: name, extras, community, town, demo. */
export function facilityItem(placed: PlacedPoint, name: string, extra: Record<string, PropertyValue> = {}) {
  return {
    geometry: { type: 'Point', coordinates: placed.point } as Geometry,
    properties: { name, ...extra, community_code: placed.communityCode, town_code: placed.townCode, demo: true },
  };
}
