import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GapCell, GapCells, IsochroneResponse } from '../../../core/analysis/api-contract.ts';
import { ISOCHRONE_COLORS, NEWLY_COVERED_COLOR, PROPOSAL_COLOR, colorForPopulation } from './analysis-colors.ts';

export type DeckModule = typeof import('./deck-layers.ts');
type Overlay = InstanceType<DeckModule['MapboxOverlay']>;
type OverlayProps = NonNullable<Parameters<Overlay['setProps']>[0]>;
export type OverlayLayers = NonNullable<OverlayProps['layers']>;
type TooltipInput = Parameters<NonNullable<OverlayProps['getTooltip']>>[0];

/** One tool's drawings (the coverage view, the siting result) and the tooltip text of its layers. */
export interface OverlayGroup {
  layers: OverlayLayers;
  describe?: (picked: TooltipInput) => string | null;
}

declare global {
  interface Window {
    /** For the browser tests: the deck.gl overlay while the analysis panel is open, and the layers it was last given; not an API. */
    __atlasAnalysis?: { overlay: Overlay; layers?: OverlayLayers };
  }
}

export interface OverlayContent {
  gaps?: GapCells;
  /** Whether a gap cell (by population cell id) is reached by a proposed facility now. */
  isReachedNow: (cellId: number) => boolean;
  /** Bumped whenever `isReachedNow` answers differently, so deck.gl recolours the cells. */
  reachVersion: number;
  isochrones?: IsochroneResponse;
  proposals: ReadonlyArray<{ id: number; lon: number; lat: number }>;
  radius: number;
  describeGap: (cell: GapCell) => string;
}

/**
 * The analysis drawings deck.gl makes on the map: gap cells (coloured by population, green
 * once a proposal reaches them), isochrone bands, and each proposal's service radius.
 *
 * Overlaid, not interleaved: deck.gl draws on its own canvas above the map. @deck.gl/mapbox 9.4
 * reads `map.transform` when it draws inside MapLibre's layer stack, and MapLibre 6 removed that
 * property, so interleaved mode throws on every frame; the overlaid canvas only follows the
 * public camera. The colours are translucent so labels and facilities still read through.
 */
export class AnalysisOverlay {
  private readonly groups = new Map<string, OverlayGroup>();

  private constructor(
    /** deck.gl's layer classes, for the tools that draw their own groups. */
    readonly deck: DeckModule,
    private readonly overlay: Overlay,
    private readonly map: MapLibreMap,
  ) {}

  /** Loads deck.gl (the first call downloads its chunk) and adds the overlay to the map. */
  static async attach(map: MapLibreMap): Promise<AnalysisOverlay> {
    const deck = await import('./deck-layers.ts');
    const overlay = new deck.MapboxOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    // The overlaid canvas sits in a control corner, above the markers and popups; the class lets
    // the stylesheet lift those back on top while the overlay is there.
    map.getContainer().classList.add('with-analysis-overlay');
    window.__atlasAnalysis = { overlay };
    return new AnalysisOverlay(deck, overlay, map);
  }

  private gapSource?: GapCells;
  private peopledGaps?: GapCells;

  /** Gap cells where somebody lives: an empty uncovered cell is no gap (hills, river). */
  private selectPeopledGaps(gaps: GapCells | undefined): GapCells | undefined {
    if (gaps !== this.gapSource) {
      this.gapSource = gaps;
      this.peopledGaps = gaps && { ...gaps, features: gaps.features.filter((cell) => cell.properties.population > 0) };
    }
    return this.peopledGaps;
  }

  /** Set or (undefined) remove one tool's drawings; the others stay as they are. */
  setGroup(name: string, group: OverlayGroup | undefined): void {
    if (group) this.groups.set(name, group);
    else this.groups.delete(name);
    const groups = [...this.groups.values()];
    const layers = groups.flatMap((each) => each.layers);
    if (window.__atlasAnalysis?.overlay === this.overlay) window.__atlasAnalysis.layers = layers;
    this.overlay.setProps({
      layers,
      getTooltip: (picked) => {
        for (const each of groups) {
          const text = each.describe?.(picked);
          if (text) return { text };
        }
        return null;
      },
    });
  }

  /** The coverage view's drawings; undefined hides them (another tab has the map). */
  update(content: OverlayContent | undefined): void {
    if (!content) {
      this.setGroup('coverage', undefined);
      return;
    }
    const { GeoJsonLayer, ScatterplotLayer } = this.deck;
    // Largest band first, so the nearer ones are drawn over it; nearer is darker.
    const bands = [...(content.isochrones?.features ?? [])].sort((a, b) => b.properties.minutes - a.properties.minutes);
    const bandColor = new Map(bands.map((band, index) => [band.properties.minutes, ISOCHRONE_COLORS[Math.min(bands.length - 1 - index, ISOCHRONE_COLORS.length - 1)]]));
    const layers = [
      content.gaps && new GeoJsonLayer<GapCell['properties']>({
        id: 'analysis-gaps',
        data: this.selectPeopledGaps(content.gaps) as never,
        stroked: false,
        pickable: true,
        getFillColor: (cell) => (content.isReachedNow(Number(cell.id)) ? NEWLY_COVERED_COLOR : colorForPopulation(cell.properties.population)),
        updateTriggers: { getFillColor: content.reachVersion },
      }),
      bands.length > 0 && new GeoJsonLayer({
        id: 'analysis-isochrones',
        data: { type: 'FeatureCollection', features: bands } as never,
        // Pickable so a test (or a later tooltip) can ask which bands cover a point.
        pickable: true,
        stroked: true,
        getFillColor: (band) => bandColor.get(Number(band.properties?.minutes)) ?? ISOCHRONE_COLORS[0],
        getLineColor: [0, 90, 50, 230],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      }),
      content.isochrones && new ScatterplotLayer({
        id: 'analysis-isochrone-origin',
        data: [content.isochrones.origin.coordinates],
        getPosition: (position: [number, number]) => position,
        radiusUnits: 'pixels',
        getRadius: 5,
        getFillColor: [255, 255, 255, 255],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        getLineColor: [0, 90, 50, 255],
      }),
      content.proposals.length > 0 && new ScatterplotLayer({
        id: 'analysis-proposal-reach',
        data: [...content.proposals],
        getPosition: (proposal: { lon: number; lat: number }) => [proposal.lon, proposal.lat],
        radiusUnits: 'meters',
        getRadius: content.radius,
        filled: true,
        getFillColor: [...PROPOSAL_COLOR.slice(0, 3), 30] as [number, number, number, number],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        getLineColor: PROPOSAL_COLOR,
        updateTriggers: { getRadius: content.radius },
      }),
    ].filter(Boolean) as OverlayLayers;
    this.setGroup('coverage', {
      layers,
      describe: ({ object, layer }) => (layer?.id === 'analysis-gaps' && object ? content.describeGap(object as GapCell) : null),
    });
  }

  detach(): void {
    this.map.removeControl(this.overlay);
    this.map.getContainer().classList.remove('with-analysis-overlay');
    this.overlay.finalize();
    if (window.__atlasAnalysis?.overlay === this.overlay) window.__atlasAnalysis = undefined;
  }
}
