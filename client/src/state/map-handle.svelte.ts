import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BoundingBox } from '../../../core/api/responses.ts';
import type { FeatureRecord } from '../../../core/layers/feature-contract.ts';
import { freePadding } from '../map/free-view.ts';

/**
 * The live map, for components outside the map view (search, community panel) that move it.
 * Type-only MapLibre import: holding the handle does not pull MapLibre into a component's chunk.
 */
export class MapHandle {
  map = $state.raw<MapLibreMap | undefined>();
  /** Set by the map view: closes the feature popup, true when one was open. */
  closePopup: () => boolean = () => false;
  /** Set by the map view: opens a feature's popup from its record (a feature just added). */
  showFeature: (layerId: string, record: FeatureRecord) => void = () => {};

  /** Frame a place in the part of the map the panels leave free (beside them, or above a phone's sheet). */
  fitBox(bbox: BoundingBox): void {
    const [west, south, east, north] = bbox;
    if (!this.map) return;
    this.map.fitBounds([[west, south], [east, north]], { padding: freePadding(this.map, 48), maxZoom: 16, duration: 800 });
  }
}

const KEY = Symbol('map-handle');

export function setMapHandle(handle: MapHandle): MapHandle {
  return setContext(KEY, handle);
}

export function getMapHandle(): MapHandle {
  return getContext<MapHandle>(KEY);
}
