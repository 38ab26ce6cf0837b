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

  constructor(map: maplibregl.Map, names: PlaceNames) {
    this.#map = map;
    this.#names = names;
    this.#popup.on('close', () => (this.#shown = undefined));
  }

  get isOpen(): boolean {
    return this.#shown !== undefined;
  }

  show(shown: Shown, language: Language): void {
    this.#shown = shown;
    this.#popup.setLngLat(shown.lngLat).setDOMContent(buildPopupContent(shown.layer, shown.properties, this.#names, language));
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
