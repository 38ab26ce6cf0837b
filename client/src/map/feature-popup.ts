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

/** Room kept between a popup and the map's edge when the map pans to show it. */
const POPUP_MARGIN_PX = 10;

/** The one feature popup: remembers what it shows, so a language switch redraws it in place. */
export class FeaturePopup {
  // Offset so the tip stops short of the point: the point (and an editor's move handle on it) stays in view.
  #popup = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: false, className: 'atlas-popup', offset: 14 });
  #shown?: Shown;
  #map: maplibregl.Map;
  #names: PlaceNames;

  #extras?: HTMLElement;
  #resizes = new ResizeObserver(() => this.#keepInView());

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
    // Opened near an edge, or grown by an editor or a history unfolding: bring it into view.
    this.#resizes.disconnect();
    this.#resizes.observe(content);
    // The close button was labelled in the start-up language; say it in the current one.
    this.#popup.getElement()?.querySelector('.maplibregl-popup-close-button')?.setAttribute('aria-label', translate(language, 'closePopup'));
  }

  redraw(language: Language): void {
    if (this.#shown) this.show(this.#shown, language);
  }

  close(): boolean {
    if (!this.#shown) return false;
    this.#resizes.disconnect();
    this.#popup.remove();
    this.#shown = undefined;
    return true;
  }

  /** Pan the map just enough that the whole popup shows, its top first when it is taller than the map. */
  #keepInView(): void {
    const element = this.#popup.getElement();
    if (!element || !this.#shown) return;
    const box = element.getBoundingClientRect();
    const frame = this.#map.getContainer().getBoundingClientRect();
    const shift = (low: number, high: number, frameLow: number, frameHigh: number) =>
      low < frameLow + POPUP_MARGIN_PX ? low - frameLow - POPUP_MARGIN_PX : high > frameHigh - POPUP_MARGIN_PX ? Math.min(high - frameHigh + POPUP_MARGIN_PX, low - frameLow - POPUP_MARGIN_PX) : 0;
    const dx = shift(box.left, box.right, frame.left, frame.right);
    const dy = shift(box.top, box.bottom, frame.top, frame.bottom);
    if (Math.abs(dx) >= 1 || Math.abs(dy) >= 1) this.#map.panBy([dx, dy], { duration: 150 });
  }
}
