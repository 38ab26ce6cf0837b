import * as maplibregl from 'maplibre-gl';
import { metresPerDegreeAt } from '../../../core/analysis/geodesic.ts';
import type { Proposal } from './what-if-session.ts';

export interface ProposalMarkerHandlers {
  /** A marker moved; `settled` is false while a drag is still going on. */
  onMove(id: number, lon: number, lat: number, settled: boolean): void;
  onRemove(id: number): void;
  describe(proposal: Proposal): string;
}

/** One keyboard step; Shift takes five. */
const KEY_STEP_M = 20;
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/**
 * The proposed facilities as draggable MapLibre markers (HTML, so they can take focus and be
 * moved by keyboard too). A drag reports at most once per frame: the core update is far below a
 * frame, but redrawing the overlay on every mouse event would queue work behind the pointer.
 */
export class ProposalMarkers {
  private readonly markers = new Map<number, { marker: maplibregl.Marker; element: HTMLElement }>();
  private frame = 0;
  private pending?: { id: number; lngLat: maplibregl.LngLat };

  constructor(
    private readonly map: maplibregl.Map,
    private readonly handlers: ProposalMarkerHandlers,
  ) {}

  /** Add markers for new proposals, drop those removed, relabel the rest. */
  sync(proposals: readonly Proposal[]): void {
    const ids = new Set(proposals.map((proposal) => proposal.id));
    for (const [id, { marker }] of this.markers) {
      if (!ids.has(id)) {
        marker.remove();
        this.markers.delete(id);
      }
    }
    for (const proposal of proposals) {
      const existing = this.markers.get(proposal.id) ?? this.create(proposal);
      existing.element.setAttribute('aria-label', this.handlers.describe(proposal));
      existing.element.title = this.handlers.describe(proposal);
    }
  }

  /** Focus a proposal's marker, e.g. right after placing it by keyboard. */
  focus(id: number): void {
    this.markers.get(id)?.element.focus();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const { marker } of this.markers.values()) marker.remove();
    this.markers.clear();
  }

  private create(proposal: Proposal) {
    const element = document.createElement('div');
    element.className = 'analysis-proposal';
    element.tabIndex = 0;
    element.setAttribute('role', 'button');
    element.dataset.proposal = String(proposal.id);
    element.textContent = String(proposal.number);
    // The click that ends on a marker is not a click on the map (no popup, no new proposal).
    element.addEventListener('click', (event) => event.stopPropagation());
    element.addEventListener('keydown', (event) => this.onKeydown(proposal.id, marker, event));
    const marker = new maplibregl.Marker({ element, draggable: true }).setLngLat([proposal.lon, proposal.lat]).addTo(this.map);
    marker.on('drag', () => this.schedule(proposal.id, marker.getLngLat()));
    marker.on('dragend', () => this.flush(true));
    const entry = { marker, element };
    this.markers.set(proposal.id, entry);
    return entry;
  }

  private schedule(id: number, lngLat: maplibregl.LngLat): void {
    if (this.pending && this.pending.id !== id) this.flush(false);
    this.pending = { id, lngLat };
    this.frame ||= requestAnimationFrame(() => this.flush(false));
  }

  private flush(settled: boolean): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.handlers.onMove(pending.id, pending.lngLat.lng, pending.lngLat.lat, settled);
  }

  private onKeydown(id: number, marker: maplibregl.Marker, event: KeyboardEvent): void {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.handlers.onRemove(id);
      return;
    }
    const arrow = ARROWS[event.key];
    if (!arrow) return;
    // Arrows move the marker, not the map (MapLibre pans on arrows when the canvas has focus).
    event.preventDefault();
    event.stopPropagation();
    const { lng, lat } = marker.getLngLat();
    const scale = metresPerDegreeAt(lat);
    const metres = KEY_STEP_M * (event.shiftKey ? 5 : 1);
    const next: [number, number] = [lng + (arrow[0] * metres) / scale.lon, lat + (arrow[1] * metres) / scale.lat];
    marker.setLngLat(next);
    this.handlers.onMove(id, next[0], next[1], true);
  }
}
