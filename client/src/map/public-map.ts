import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BoundingBox, DivisionsResponse } from '../../../core/api/responses.ts';
import type { Language } from '../../../core/i18n-text.ts';
import type { StartupData } from '../state/startup-data.ts';
import { createMap, foldAttribution, localizeMapControls } from './create-map.ts';
import { buildMapStyle } from './map-style.ts';
import { syncLanguage } from './sync-layers.ts';

type Translate = Parameters<typeof createMap>[0]['t'];

/** The district's extent, the union of its towns' boxes, so a first view shows all of it. */
export function districtBounds(divisions: DivisionsResponse): BoundingBox {
  const boxes = divisions.towns.map((town) => town.bbox);
  if (!boxes.length) return [-180, -85, 180, 85];
  return [Math.min(...boxes.map((box) => box[0])), Math.min(...boxes.map((box) => box[1])), Math.max(...boxes.map((box) => box[2])), Math.max(...boxes.map((box) => box[3]))];
}

export interface PublicMapOptions {
  container: HTMLElement;
  data: StartupData;
  /** The registry layers drawn; the public pages have nothing to switch. */
  shown: readonly string[];
  language: Language;
  t: Translate;
  /** Once the style has loaded (and the attribution is folded away). */
  onready: () => void;
  onfailure: (message: string) => void;
}

/**
 * A public page's map (the portal's, the public project map): the offline basemap and the
 * given layers, framed on the whole district, and the page's map for the browser tests' handle.
 * Throws where there is no WebGL; the page carries on without it.
 */
export function startPublicMap(options: PublicMapOptions): MapLibreMap {
  const { data } = options;
  const style = buildMapStyle({ layers: data.layers.layers, divisions: data.divisions, activeLayers: options.shown, language: options.language, origin: location.origin });
  const map = createMap({ container: options.container, style, bounds: districtBounds(data.divisions), t: options.t });
  window.__atlas = { map };
  map.once('load', () => {
    foldAttribution(map);
    options.onready();
  });
  map.on('error', (event) => options.onfailure(event.error?.message ?? String(event.error)));
  return map;
}

/** The map's labels and its controls' words in the reader's language. */
export function speakLanguage(map: MapLibreMap, language: Language, t: Translate): void {
  syncLanguage(map, language);
  localizeMapControls(map, t);
}

export function removePublicMap(map: MapLibreMap | undefined): void {
  map?.remove();
  if (window.__atlas?.map === map) window.__atlas = undefined;
}
