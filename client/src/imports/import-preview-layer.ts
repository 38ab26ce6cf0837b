import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { ImportPreview } from '../../../core/exchange/import-contract.ts';

/**
 * The preview's features on the map, before anything is written: drawn from the preview's
 * sample (WGS84 GeoJSON) above every other layer, valid rows in the import colour, invalid ones
 * in red, so where a file lands and which of its rows are refused show at a glance. Removed when
 * the preview ends (committed, cancelled, the dialog closed). A project file may mix kinds and
 * multi-parts: each kind has its layer.
 */
export const IMPORT_PREVIEW_SOURCE = 'import-preview';
const FILL = 'import-preview-fill';
const LINE = 'import-preview-line';
const POINT = 'import-preview-point';
const LAYERS = [FILL, LINE, POINT];

export const PREVIEW_COLOR = '#0a6bd6';
export const INVALID_COLOR = '#d7191c';

const colour = ['case', ['get', 'invalid'], INVALID_COLOR, PREVIEW_COLOR] as const;

export function showImportPreview(map: MapLibreMap, sample: ImportPreview['sample']): void {
  const data = sample as unknown as GeoJSON.FeatureCollection;
  const source = map.getSource(IMPORT_PREVIEW_SOURCE) as GeoJSONSource | undefined;
  if (source) {
    void source.setData(data);
    return;
  }
  map.addSource(IMPORT_PREVIEW_SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: FILL, type: 'fill', source: IMPORT_PREVIEW_SOURCE, filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
    paint: { 'fill-color': colour as never, 'fill-opacity': 0.25 },
  });
  map.addLayer({
    id: LINE, type: 'line', source: IMPORT_PREVIEW_SOURCE, filter: ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']]],
    paint: { 'line-color': colour as never, 'line-width': 2.5, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: POINT, type: 'circle', source: IMPORT_PREVIEW_SOURCE, filter: ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]],
    paint: { 'circle-color': '#ffffff', 'circle-radius': 6, 'circle-stroke-color': colour as never, 'circle-stroke-width': 3 },
  });
}

export function removeImportPreview(map: MapLibreMap): void {
  for (const id of LAYERS) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(IMPORT_PREVIEW_SOURCE)) map.removeSource(IMPORT_PREVIEW_SOURCE);
}
