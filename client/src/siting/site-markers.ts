import * as maplibregl from 'maplibre-gl';
import { SITE_COLOR } from '../analysis/analysis-colors.ts';
import type { RankedSite } from './ranked-sites.ts';

export interface SiteDescription {
  /** The marker's accessible name and tooltip. */
  label: string;
  heading: string;
  rows: ReadonlyArray<[string, string]>;
}

/**
 * The chosen sites as numbered HTML markers (above deck.gl's canvas, focusable, and readable
 * where the overlay is dense). A click or Enter opens the site's popup; a new result replaces
 * them all.
 */
export class SiteMarkers {
  private markers: Array<{ site: RankedSite; marker: maplibregl.Marker; element: HTMLButtonElement }> = [];
  private readonly popup = new maplibregl.Popup({ className: 'atlas-popup', offset: 16, focusAfterOpen: false, maxWidth: '280px' });
  private describe: (site: RankedSite) => SiteDescription = () => ({ label: '', heading: '', rows: [] });
  private openRank?: number;

  constructor(private readonly map: maplibregl.Map) {
    this.popup.on('close', () => (this.openRank = undefined));
  }

  sync(sites: readonly RankedSite[], describe: (site: RankedSite) => SiteDescription): void {
    this.describe = describe;
    const same = sites.length === this.markers.length && sites.every((site, index) => site === this.markers[index].site);
    if (!same) {
      this.clear();
      this.markers = sites.map((site) => this.create(site));
    }
    // A language switch: relabel in place, and redraw an open popup.
    for (const { site, element } of this.markers) {
      const { label } = describe(site);
      element.setAttribute('aria-label', label);
      element.title = label;
    }
    if (this.openRank !== undefined) this.open(this.openRank);
  }

  open(rank: number): void {
    const entry = this.markers.find((candidate) => candidate.site.rank === rank);
    if (!entry) return;
    this.openRank = rank;
    this.popup.setLngLat([entry.site.lon, entry.site.lat]).setDOMContent(this.buildContent(this.describe(entry.site)));
    if (!this.popup.isOpen()) this.popup.addTo(this.map);
  }

  destroy(): void {
    this.clear();
  }

  private clear(): void {
    this.popup.remove();
    for (const { marker } of this.markers) marker.remove();
    this.markers = [];
  }

  private create(site: RankedSite) {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = 'siting-site';
    element.dataset.siteRank = String(site.rank);
    element.dataset.siteId = site.id;
    element.textContent = String(site.rank);
    element.style.background = SITE_COLOR;
    // A click on a marker is not a click on the map (no feature popup, no new candidate point).
    element.addEventListener('click', (event) => {
      event.stopPropagation();
      this.open(site.rank);
    });
    const marker = new maplibregl.Marker({ element }).setLngLat([site.lon, site.lat]).addTo(this.map);
    return { site, marker, element };
  }

  private buildContent(description: SiteDescription): HTMLElement {
    const root = document.createElement('div');
    root.className = 'siting-site-popup';
    const heading = document.createElement('h3');
    heading.className = 'feature-popup-name';
    heading.textContent = description.heading;
    const list = document.createElement('dl');
    list.className = 'feature-popup-properties';
    for (const [term, value] of description.rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      list.append(dt, dd);
    }
    root.append(heading, list);
    return root;
  }
}
