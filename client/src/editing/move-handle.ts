import * as maplibregl from 'maplibre-gl';

export interface MoveHandleOptions {
  /** The handle was dropped at a new place. */
  onMoved(lngLat: [number, number]): void;
  label(): string;
}

/**
 * The handle that moves a selected point: a draggable marker over it (HTML, so it takes focus
 * and sits above the map). Vector tiles cannot move one feature, so the handle is what moves;
 * the tiles show the point at its new place once the write is saved and they are reloaded.
 */
export class MoveHandle {
  readonly #marker: maplibregl.Marker;
  readonly #element: HTMLElement;
  readonly #map: maplibregl.Map;
  readonly #label: () => string;
  #onMap = false;

  constructor(map: maplibregl.Map, options: MoveHandleOptions) {
    this.#map = map;
    this.#element = document.createElement('div');
    this.#element.className = 'edit-move-handle';
    this.#element.setAttribute('role', 'img');
    // The click that ends a drag is not a click on the map (no popup change, no new feature).
    this.#element.addEventListener('click', (event) => event.stopPropagation());
    this.#marker = new maplibregl.Marker({ element: this.#element, draggable: true });
    this.#marker.on('dragend', () => {
      const { lng, lat } = this.#marker.getLngLat();
      options.onMoved([lng, lat]);
    });
    this.#label = options.label;
  }

  place(lngLat: [number, number]): void {
    this.#marker.setLngLat(lngLat);
    this.#element.setAttribute('aria-label', this.#label());
    this.#element.title = this.#label();
    if (!this.#onMap) this.#marker.addTo(this.#map);
    this.#onMap = true;
  }

  remove(): void {
    this.#marker.remove();
    this.#onMap = false;
  }
}
