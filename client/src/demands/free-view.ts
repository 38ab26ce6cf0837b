import type { Map as MapLibreMap } from 'maplibre-gl';
import { freeOffset, freePadding, isInFreeView as isInFree, type Padding } from '../map/free-view.ts';

/**
 * The part of the map the demand panel (and any other open card) leaves free: the map's own
 * rule (map/free-view.ts), under the names the demand views use.
 */
export function panelPadding(map: MapLibreMap, margin = 24): Padding {
  return freePadding(map, margin);
}

export function isInFreeView(map: MapLibreMap, lngLat: [number, number]): boolean {
  return isInFree(map, lngLat);
}

export function panelOffset(map: MapLibreMap): [number, number] {
  return freeOffset(map);
}
