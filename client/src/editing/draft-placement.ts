import * as maplibregl from 'maplibre-gl';
import { captureMapClicks } from '../analysis/map-click-capture.ts';
import { mapLayerId } from '../map/layer-style.ts';

export interface DraftPlacementOptions {
  /** The point layer being edited: a click on one of its features opens it instead. */
  layerId: string;
  color: string;
  /** A new feature's place was chosen (a click on the map, or its marker dragged). */
  onPlace(lngLat: [number, number]): void;
  label(): string;
}

/** Pixels of slack around a click, as the map's own picking allows (fingers get more). */
const SLACK_PX = 6;

/**
 * Adding a point by clicking: while the edit mode is on for a point layer, a click on the map
 * where none of the layer's features is places the new feature there, shown as a draggable
 * marker until it is saved. A click on one of the layer's features still opens it.
 */
export class DraftPlacement {
  readonly #map: maplibregl.Map;
  readonly #marker: maplibregl.Marker;
  readonly #element: HTMLElement;
  readonly #release: () => void;
  readonly #options: DraftPlacementOptions;

  constructor(map: maplibregl.Map, options: DraftPlacementOptions) {
    this.#map = map;
    this.#options = options;
    this.#element = document.createElement('div');
    this.#element.className = 'edit-draft-marker';
    this.#element.style.setProperty('--draft-colour', options.color);
    this.#element.setAttribute('role', 'img');
    this.#element.addEventListener('click', (event) => event.stopPropagation());
    this.#marker = new maplibregl.Marker({ element: this.#element, draggable: true });
    this.#marker.on('dragend', () => {
      const { lng, lat } = this.#marker.getLngLat();
      options.onPlace([lng, lat]);
    });
    this.#release = captureMapClicks(map, (lngLat) => options.onPlace(lngLat), (point) => this.#hitsFeature(point));
  }

  #hitsFeature([x, y]: [number, number]): boolean {
    const layer = mapLayerId(this.#options.layerId, 'circle');
    if (!this.#map.getLayer(layer)) return false;
    return this.#map.queryRenderedFeatures([[x - SLACK_PX, y - SLACK_PX], [x + SLACK_PX, y + SLACK_PX]], { layers: [layer] }).length > 0;
  }

  /** Show the draft at its place, or take it away (undefined). */
  show(lngLat: [number, number] | undefined): void {
    if (!lngLat) {
      this.#marker.remove();
      return;
    }
    this.#element.setAttribute('aria-label', this.#options.label());
    this.#element.title = this.#options.label();
    this.#marker.setLngLat(lngLat).addTo(this.#map);
  }

  destroy(): void {
    this.#marker.remove();
    this.#release();
  }
}
