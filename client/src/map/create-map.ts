import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { StyleSpecification } from 'maplibre-gl';
import type { BoundingBox } from '../../../core/api/responses.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { MapView } from '../state/url-state.ts';
import { FONT_STACK } from './map-style.ts';

// MapLibre 6 ships its worker as a separate module; Vite gives it a hashed URL we serve ourselves.
maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** A handle for the browser tests (wait for idle, query rendered features); not an API. */
    __atlas?: { map: maplibregl.Map };
  }
}

type Translate = (key: MessageKey) => string;

/** MapLibre's own control labels, in the reader's language at start-up… */
function buildMapLocale(t: Translate): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t('zoomIn'),
    'NavigationControl.ZoomOut': t('zoomOut'),
    'AttributionControl.ToggleAttribution': t('toggleAttribution'),
    'Popup.Close': t('closePopup'),
    'Map.Title': t('mapLabel'),
  };
}

/** …and after a language switch, which MapLibre has no setter for: relabel the buttons in place. */
export function localizeMapControls(map: maplibregl.Map, t: Translate): void {
  const labels: [string, MessageKey][] = [
    ['.maplibregl-ctrl-zoom-in', 'zoomIn'],
    ['.maplibregl-ctrl-zoom-out', 'zoomOut'],
    ['.maplibregl-ctrl-attrib-button', 'toggleAttribution'],
    ['.maplibregl-popup-close-button', 'closePopup'],
  ];
  for (const [selector, key] of labels) {
    for (const button of map.getContainer().querySelectorAll(selector)) {
      button.setAttribute('title', t(key));
      button.setAttribute('aria-label', t(key));
    }
  }
  map.getCanvas().setAttribute('aria-label', t('mapLabel'));
}

export interface CreateMapOptions {
  container: HTMLElement;
  style: StyleSpecification;
  /** A view from the link, else the bounds to fit (the district or the selected community). */
  view?: MapView;
  bounds: BoundingBox;
  t: Translate;
}

export function createMap(options: CreateMapOptions): maplibregl.Map {
  const [west, south, east, north] = options.bounds;
  const map = new maplibregl.Map({
    container: options.container,
    style: options.style,
    ...(options.view
      ? { center: options.view.center, zoom: options.view.zoom }
      : { bounds: [[west, south], [east, north]], fitBoundsOptions: { padding: 24 } }),
    // Planning maps are read north-up; rotation only confuses on a phone.
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    // Chinese labels come from the system fonts too, in the same stack as every other label.
    localIdeographFontFamily: FONT_STACK.join(', '),
    attributionControl: false,
    locale: buildMapLocale(options.t),
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.addControl(new maplibregl.AttributionControl({ compact: true }), 'bottom-right');
  map.getCanvas().setAttribute('aria-label', options.t('mapLabel'));
  return map;
}

/**
 * Compact attribution unfolds itself when a style loads; the data credits are long and would
 * cover a phone's map, so they stay folded behind the ⓘ button.
 */
export function foldAttribution(map: maplibregl.Map): void {
  map.getContainer().querySelector('.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show');
}
