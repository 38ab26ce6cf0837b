import * as maplibregl from 'maplibre-gl';
import type { Language } from '../../../core/i18n-text.ts';
import type { LayerSummary } from '../../../core/api/responses.ts';
import { translate } from '../i18n/messages.ts';
import { buildPopupContent, type PlaceNames } from './popup-content.ts';

interface Shown {
  layer: LayerSummary;
  properties: Record<string, unknown>;
  lngLat: maplibregl.LngLatLike;
}

/** The one feature popup: remembers what it shows, so a language switch redraws it in place. */
export class FeaturePopup {
  #popup = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: false, className: 'atlas-popup' });
  #shown?: Shown;
  #map: maplibregl.Map;
  #names: PlaceNames;

  #extras?: HTMLElement;

  /**
   * `extras` is an element kept by the map view (staff's editor and history) and appended under
   * the properties each time the popup is drawn; `onClose` hears the popup close however it did.
   */
  constructor(map: maplibregl.Map, names: PlaceNames, extras?: HTMLElement, onClose?: () => void) {
    this.#map = map;
    this.#names = names;
    this.#extras = extras;
    this.#popup.on('close', () => {
      this.#shown = undefined;
      onClose?.();
    });
  }

  get isOpen(): boolean {
    return this.#shown !== undefined;
  }

  show(shown: Shown, language: Language): void {
    this.#shown = shown;
    const content = buildPopupContent(shown.layer, shown.properties, this.#names, language);
    if (this.#extras) content.append(this.#extras);
    this.#popup.setLngLat(shown.lngLat).setDOMContent(content);
    if (!this.#popup.isOpen()) this.#popup.addTo(this.#map);
    // The close button was labelled in the start-up language; say it in the current one.
    this.#popup.getElement()?.querySelector('.maplibregl-popup-close-button')?.setAttribute('aria-label', translate(language, 'closePopup'));
  }

  redraw(language: Language): void {
    if (this.#shown) this.show(this.#shown, language);
  }

  close(): boolean {
    if (!this.#shown) return false;
    this.#popup.remove();
    this.#shown = undefined;
    return true;
  }
}
