import * as maplibregl from 'maplibre-gl';
import { SITE_COLOR } from '../analysis/analysis-colors.ts';
import type { CandidatePoint } from './siting-request.ts';

/**
 * Candidate points drawn on the map, as small square markers; a click (or Enter, they are
 * buttons) removes one. Squares, so they do not read as the round chosen sites.
 */
export class CandidateMarkers {
  private readonly markers = new Map<string, maplibregl.Marker>();

  constructor(
    private readonly map: maplibregl.Map,
    private readonly onRemove: (id: string) => void,
  ) {}

  sync(points: readonly CandidatePoint[], label: (point: CandidatePoint) => string): void {
    const ids = new Set(points.map((point) => point.id));
    for (const [id, marker] of this.markers) {
      if (!ids.has(id)) {
        marker.remove();
        this.markers.delete(id);
      }
    }
    for (const point of points) {
      const marker = this.markers.get(point.id) ?? this.create(point);
      const element = marker.getElement();
      element.setAttribute('aria-label', label(point));
      element.title = label(point);
    }
  }

  destroy(): void {
    for (const marker of this.markers.values()) marker.remove();
    this.markers.clear();
  }

  private create(point: CandidatePoint): maplibregl.Marker {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = 'siting-candidate';
    element.dataset.candidate = point.id;
    element.style.borderColor = SITE_COLOR;
    element.addEventListener('click', (event) => {
      event.stopPropagation();
      this.onRemove(point.id);
    });
    const marker = new maplibregl.Marker({ element }).setLngLat([point.lon, point.lat]).addTo(this.map);
    this.markers.set(point.id, marker);
    return marker;
  }
}
