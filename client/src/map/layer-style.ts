import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { LayerDefinition } from '../../../core/layers/registry.ts';

/**
 * The MapLibre layers that draw one registry layer, derived from its declaration alone: geometry
 * picks circle / line / fill + outline, `style` gives colour, size and fill opacity, and the zoom
 * range comes along. Every spec carries its registry id and a draw rank in `metadata`, so layers
 * added later (a facility switched on) slot into the right place.
 */
export interface LayerBinding {
  source: string;
  sourceLayer: string;
  /** Where the layer sits in the registry: the tiebreak inside a draw rank. */
  index: number;
  visible: boolean;
  /** A transparent fill to hover and click polygons that are drawn as outlines only. */
  interactive?: boolean;
  /** Overrides the declared fill opacity, e.g. to shade the population grid by its value. */
  fillOpacity?: ExpressionSpecification;
}

export interface AtlasLayerMetadata {
  'atlas:layer': string;
  'atlas:rank': number;
}

const HOVER: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const HIGHLIGHT_COLOR = '#111111';
const GEOMETRY_RANK = { Polygon: 1, MultiPolygon: 1, Geometry: 1, LineString: 2, Point: 3 } as const;

/**
 * Base layers draw beneath every facility, the broadest frame line on top (population, roads,
 * communities, towns, district). Facilities go polygons → lines → points, so nothing hides a point.
 */
export function computeDrawRank(layer: LayerDefinition, index: number): number {
  if (layer.kind === 'frame') return 100 - index;
  return 100 + GEOMETRY_RANK[layer.geometry] * 100 + index;
}

/** A MapLibre layer id for one part of a registry layer; the registry id is readable in it. */
export function mapLayerId(layerId: string, part: 'circle' | 'line' | 'fill' | 'outline'): string {
  return `${layerId}-${part}`;
}

/** Scale a pixel size with zoom so the district view stays legible and street views stay clear. */
function scaleWithZoom(size: number, hovered: number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'],
    10, ['case', HOVER, hovered * 0.7, size * 0.7],
    14, ['case', HOVER, hovered, size],
    17, ['case', HOVER, hovered * 1.5, size * 1.5]];
}

export function buildLayerSpecs(layer: LayerDefinition, binding: LayerBinding): LayerSpecification[] {
  const { color, size, fillOpacity = 0 } = layer.style;
  const common = {
    source: binding.source,
    'source-layer': binding.sourceLayer,
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom + 1,
    metadata: { 'atlas:layer': layer.id, 'atlas:rank': computeDrawRank(layer, binding.index) } satisfies AtlasLayerMetadata,
  };
  const layout = { visibility: binding.visible ? 'visible' : 'none' } as const;

  if (layer.geometry === 'Geometry') return buildMixedSpecs(layer, binding);
  if (layer.geometry === 'Point') {
    return [{
      ...common, id: mapLayerId(layer.id, 'circle'), type: 'circle', layout,
      paint: {
        'circle-color': color,
        'circle-radius': scaleWithZoom(size, size + 3),
        'circle-stroke-color': ['case', HOVER, HIGHLIGHT_COLOR, '#ffffff'],
        'circle-stroke-width': ['case', HOVER, 2, 1],
      },
    }];
  }
  if (layer.geometry === 'LineString') {
    return [{
      ...common, id: mapLayerId(layer.id, 'line'), type: 'line', layout: { ...layout, 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ['case', HOVER, HIGHLIGHT_COLOR, color], 'line-width': scaleWithZoom(size, size * 2 + 1) },
    }];
  }
  const specs: LayerSpecification[] = [];
  if (fillOpacity > 0 || binding.interactive || binding.fillOpacity) {
    // Hovering deepens the fill; an outline-only polygon gets a faint tint so the hover is visible.
    const hoveredOpacity = Math.min(1, Math.max(fillOpacity + 0.25, 0.12));
    specs.push({
      ...common, id: mapLayerId(layer.id, 'fill'), type: 'fill', layout,
      paint: {
        'fill-color': color,
        'fill-opacity': binding.fillOpacity ?? ['case', HOVER, hoveredOpacity, fillOpacity],
        // A layer declared without an outline (size 0) is a tessellation, like the population
        // grid: antialiased shared edges would draw a mesh of lines across it.
        'fill-antialias': size > 0,
      },
    });
  }
  if (size > 0) {
    specs.push({
      ...common, id: mapLayerId(layer.id, 'outline'), type: 'line', layout: { ...layout, 'line-join': 'round' },
      paint: { 'line-color': color, 'line-width': size },
    });
  }
  return specs;
}

/** Which features of a mixed layer each drawn shape takes (MapLibre names multi-parts by their part). */
const SHAPE_FILTERS = {
  Polygon: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
  LineString: ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]],
  Point: ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]],
} as const satisfies Record<string, ExpressionSpecification>;

/**
 * A layer of mixed shapes draws as a polygon, a line and a point layer at once, each filtered to
 * its shape, so a point never gets a fill and a polygon never a circle. Ids stay distinct: the
 * polygon's fill and outline, the line's line, the point's circle.
 */
function buildMixedSpecs(layer: LayerDefinition, binding: LayerBinding): LayerSpecification[] {
  return (['Polygon', 'LineString', 'Point'] as const).flatMap((shape) =>
    buildLayerSpecs({ ...layer, geometry: shape }, binding).map((spec) => ({ ...spec, filter: SHAPE_FILTERS[shape] }) as LayerSpecification),
  );
}

export function readLayerMetadata(spec: { metadata?: unknown }): AtlasLayerMetadata | undefined {
  const metadata = spec.metadata as Partial<AtlasLayerMetadata> | undefined;
  return typeof metadata?.['atlas:layer'] === 'string' ? (metadata as AtlasLayerMetadata) : undefined;
}
