import type { Map as MapLibreMap } from 'maplibre-gl';
import { freeOffset, freePadding } from './free-view.ts';

/**
 * Opening a row of a staff list (a demand, a project) brings its place into the part of the map
 * the panels leave free: a single place is flown to, close enough to see its street (never
 * zooming out); a line or an area is framed whole.
 */
export function openInFreeView(map: MapLibreMap, bounds: [[number, number], [number, number]], zoom: { atLeast: number; atMost?: number }, duration = 800): void {
  const [[west, south], [east, north]] = bounds;
  if (west === east && south === north) {
    map.flyTo({ center: [west, south], zoom: Math.max(map.getZoom(), zoom.atLeast), duration, offset: freeOffset(map) });
  } else {
    map.fitBounds(bounds, { padding: freePadding(map, 60), maxZoom: zoom.atMost ?? 17, duration });
  }
}
