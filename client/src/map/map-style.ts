import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { Language } from '../../../core/i18n-text.ts';
import type { DivisionsResponse, LayerSummary } from '../../../core/api/responses.ts';
import { buildLayerSpecs, type AtlasLayerMetadata } from './layer-style.ts';

export const BASEMAP_SOURCE = 'basemap';
export const LABEL_SOURCE = 'place-labels';
export const SELECTED_COMMUNITY_LAYER = 'selected-community';
/** The town chosen in search (or in the life-circle table's filter), outlined. */
export const SELECTED_TOWN_LAYER = 'selected-town';
export const LABEL_LAYERS = ['labels-communities', 'labels-towns'] as const;
export const COMMUNITIES_LAYER_ID = 'communities';

/**
 * Labels are drawn by MapLibre from the browser's own fonts (no `glyphs` URL in the style), so no
 * font file is downloaded and the map labels Chinese offline. The stack names the usual CJK system
 * fonts; the generic family is the last resort.
 */
export const FONT_STACK = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

/**
 * Population cells are one hectare, so a cell's value is people per hectare; 500/ha is the dense
 * high-rise core. The shading stays faint so facilities on top remain the message.
 */
function shadePopulation(maxOpacity: number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['coalesce', ['get', 'population'], 0], 0, 0, 50, maxOpacity * 0.35, 200, maxOpacity * 0.7, 500, maxOpacity];
}

/** Base layers share the basemap tile set; every facility layer has its own versioned tiles. */
export function sourceOf(layer: LayerSummary): string {
  return layer.kind === 'frame' ? BASEMAP_SOURCE : layer.id;
}

export function tileJsonSource(name: string, origin: string): SourceSpecification {
  return { type: 'vector', url: `${origin}/tiles/${name}.json` };
}

/** The MapLibre layers of one registry layer, with the basemap's special cases applied. */
export function specsForLayer(layer: LayerSummary, index: number, visible: boolean): LayerSpecification[] {
  return buildLayerSpecs(layer, {
    source: sourceOf(layer),
    sourceLayer: layer.id,
    index,
    visible,
    interactive: layer.id === COMMUNITIES_LAYER_ID,
    fillOpacity: layer.id === 'population' ? shadePopulation(layer.style.fillOpacity ?? 0.35) : undefined,
  });
}

export function labelField(language: Language): ExpressionSpecification {
  return language === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']] : ['get', 'name'];
}

export function selectedCommunityFilter(code: string | undefined): ExpressionSpecification {
  return ['==', ['get', 'code'], code ?? ''];
}

export const selectedTownFilter = selectedCommunityFilter;

/** One label point per town and community, so a name is drawn once rather than once per tile. */
function buildLabelSource(divisions: DivisionsResponse): SourceSpecification {
  const places = [
    ...divisions.towns.map((town) => ({ ...town, kind: 'town' })),
    ...divisions.communities.map((community) => ({ ...community, kind: 'community' })),
  ];
  return {
    type: 'geojson',
    data: {
      type: 'FeatureCollection',
      features: places.map((place) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: place.label },
        properties: { kind: place.kind, code: place.code, name: place.name, name_en: place.name_en },
      })),
    },
  };
}

function buildOverlayLayers(language: Language, community: string | undefined, town: string | undefined): LayerSpecification[] {
  const rank = (value: number) => ({ 'atlas:layer': '', 'atlas:rank': value }) satisfies AtlasLayerMetadata;
  const text = (kind: string, size: number, color: string, minzoom: number): LayerSpecification => ({
    id: `labels-${kind === 'town' ? 'towns' : 'communities'}`,
    type: 'symbol',
    source: LABEL_SOURCE,
    minzoom,
    filter: ['==', ['get', 'kind'], kind],
    metadata: rank(kind === 'town' ? 1001 : 1000),
    layout: { 'text-field': labelField(language), 'text-font': FONT_STACK, 'text-size': size, 'text-max-width': 8, 'text-padding': 4 },
    paint: { 'text-color': color, 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 },
  });
  return [
    {
      // Wide and dark under the community's red, so a community inside the town still reads.
      id: SELECTED_TOWN_LAYER, type: 'line', source: BASEMAP_SOURCE, 'source-layer': 'towns',
      filter: selectedTownFilter(town), metadata: rank(899),
      paint: { 'line-color': '#3b0f70', 'line-width': 4, 'line-dasharray': [2, 1] },
    },
    {
      id: SELECTED_COMMUNITY_LAYER, type: 'line', source: BASEMAP_SOURCE, 'source-layer': COMMUNITIES_LAYER_ID,
      filter: selectedCommunityFilter(community), metadata: rank(900),
      paint: { 'line-color': '#d7301f', 'line-width': 3 },
    },
    text('community', 11, '#555555', 12.5),
    text('town', 14, '#222222', 9),
  ];
}

export interface MapStyleInput {
  layers: readonly LayerSummary[];
  divisions: DivisionsResponse;
  activeLayers: readonly string[];
  language: Language;
  community?: string;
  town?: string;
  origin: string;
}

/**
 * The whole offline style. Facility sources are added only for active layers: each needs its
 * TileJSON, and the first idle map should not wait for layers nobody looks at.
 */
export function buildMapStyle(input: MapStyleInput): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {
    [BASEMAP_SOURCE]: tileJsonSource('basemap', input.origin),
    [LABEL_SOURCE]: buildLabelSource(input.divisions),
  };
  const registryLayers: LayerSpecification[] = [];
  input.layers.forEach((layer, index) => {
    const visible = input.activeLayers.includes(layer.id);
    if (layer.kind !== 'frame' && !visible) return;
    if (layer.kind !== 'frame') sources[layer.id] = tileJsonSource(layer.id, input.origin);
    registryLayers.push(...specsForLayer(layer, index, visible));
  });
  const overlays = buildOverlayLayers(input.language, input.community, input.town);
  const byRank = (spec: LayerSpecification) => (spec.metadata as AtlasLayerMetadata)['atlas:rank'];
  return {
    version: 8,
    name: 'Renewal Atlas',
    sources,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } },
      ...[...registryLayers, ...overlays].sort((a, b) => byRank(a) - byRank(b)),
    ],
  };
}
