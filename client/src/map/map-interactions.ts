import type { FeatureIdentifier, MapGeoJSONFeature, MapMouseEvent, Map as MapLibreMap, PointLike } from 'maplibre-gl';
import { readLayerMetadata } from './layer-style.ts';
import { COMMUNITIES_LAYER_ID } from './map-style.ts';

export interface PickHandlers {
  /** A facility was clicked: the topmost one under the pointer. */
  onFeature(layerId: string, feature: MapGeoJSONFeature, event: MapMouseEvent): void;
  /** A community was clicked where no facility is. */
  onCommunity(code: string): void;
  onNothing(): void;
}

interface Picked {
  layerId: string;
  feature: MapGeoJSONFeature;
}

/** A few pixels of slack, more for fingers: a 5 px circle is hard to hit exactly. */
function hitBox(event: MapMouseEvent): [PointLike, PointLike] {
  const slack = matchMedia('(pointer: coarse)').matches ? 10 : 4;
  const { x, y } = event.point;
  return [[x - slack, y - slack], [x + slack, y + slack]];
}

/** The facility on top under the pointer, else the community, else nothing. */
function pickFeature(map: MapLibreMap, event: MapMouseEvent, isFacility: (layerId: string) => boolean): Picked | undefined {
  let community: Picked | undefined;
  for (const feature of map.queryRenderedFeatures(hitBox(event))) {
    const layerId = readLayerMetadata(feature.layer)?.['atlas:layer'];
    if (!layerId) continue;
    if (isFacility(layerId)) return { layerId, feature };
    if (layerId === COMMUNITIES_LAYER_ID && !community && feature.layer.type === 'fill') community = { layerId, feature };
  }
  return community;
}

function identify(feature: MapGeoJSONFeature): FeatureIdentifier | undefined {
  if (feature.id === undefined) return undefined;
  return { source: feature.source, sourceLayer: feature.sourceLayer, id: feature.id };
}

/**
 * Hover highlight through feature-state (no re-tiling, no filter churn) and click picking.
 * Returns a function that detaches everything.
 */
export function attachInteractions(map: MapLibreMap, isFacility: (layerId: string) => boolean, handlers: PickHandlers): () => void {
  let hovered: FeatureIdentifier | undefined;
  let pending: MapMouseEvent | undefined;
  let frame = 0;

  const setHovered = (next: FeatureIdentifier | undefined) => {
    const same = hovered && next && hovered.source === next.source && hovered.sourceLayer === next.sourceLayer && hovered.id === next.id;
    if (same) return;
    if (hovered) map.setFeatureState(hovered, { hover: false });
    hovered = next;
    if (hovered) map.setFeatureState(hovered, { hover: true });
    map.getCanvas().style.cursor = hovered ? 'pointer' : '';
  };

  // Mouse moves come faster than frames: pick once per frame, with the latest position.
  const onMove = (event: MapMouseEvent) => {
    pending = event;
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      const picked = pending && pickFeature(map, pending, isFacility);
      setHovered(picked && identify(picked.feature));
    });
  };
  const onLeave = () => setHovered(undefined);
  const onClick = (event: MapMouseEvent) => {
    const picked = pickFeature(map, event, isFacility);
    if (!picked) return handlers.onNothing();
    if (picked.layerId === COMMUNITIES_LAYER_ID) return handlers.onCommunity(String(picked.feature.properties.code));
    handlers.onFeature(picked.layerId, picked.feature, event);
  };

  map.on('mousemove', onMove);
  map.on('mouseout', onLeave);
  map.on('click', onClick);
  return () => {
    cancelAnimationFrame(frame);
    map.off('mousemove', onMove);
    map.off('mouseout', onLeave);
    map.off('click', onClick);
  };
}
