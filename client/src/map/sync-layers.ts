import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Language } from '../../../core/i18n-text.ts';
import type { LayerSummary } from '../../../core/api/responses.ts';
import { readLayerMetadata } from './layer-style.ts';
import { LABEL_LAYERS, SELECTED_COMMUNITY_LAYER, SELECTED_TOWN_LAYER, labelField, selectedCommunityFilter, selectedTownFilter, sourceOf, specsForLayer, tileJsonSource } from './map-style.ts';

/** The first layer drawn above `rank`: a new layer goes before it. */
function findLayerAbove(map: MapLibreMap, rank: number): string | undefined {
  return map.getLayersOrder().find((id) => (readLayerMetadata(map.getLayer(id) ?? {})?.['atlas:rank'] ?? -1) > rank);
}

/**
 * Bring the live map in line with the active layer list: show and hide what is there, and add a
 * facility's source and layers the first time it is switched on (in its registry draw rank).
 */
export function syncActiveLayers(map: MapLibreMap, layers: readonly LayerSummary[], active: readonly string[], origin: string): void {
  layers.forEach((layer, index) => {
    const visible = active.includes(layer.id);
    const specs = specsForLayer(layer, index, visible);
    if (map.getLayer(specs[0].id)) {
      for (const spec of specs) map.setLayoutProperty(spec.id, 'visibility', visible ? 'visible' : 'none');
      return;
    }
    if (!visible) return;
    if (!map.getSource(sourceOf(layer))) map.addSource(sourceOf(layer), tileJsonSource(layer.id, origin));
    for (const spec of specs) {
      map.addLayer(spec, findLayerAbove(map, readLayerMetadata(spec)!['atlas:rank']));
    }
  });
}

export function syncLanguage(map: MapLibreMap, language: Language): void {
  for (const id of LABEL_LAYERS) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', labelField(language));
  }
}

export function syncSelectedCommunity(map: MapLibreMap, code: string | undefined): void {
  if (map.getLayer(SELECTED_COMMUNITY_LAYER)) map.setFilter(SELECTED_COMMUNITY_LAYER, selectedCommunityFilter(code));
}

export function syncSelectedTown(map: MapLibreMap, code: string | undefined): void {
  if (map.getLayer(SELECTED_TOWN_LAYER)) map.setFilter(SELECTED_TOWN_LAYER, selectedTownFilter(code));
}
