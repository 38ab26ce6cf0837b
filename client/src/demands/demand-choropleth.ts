import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { DemandCountRow } from '../../../core/demands/demand-count-contract.ts';
import { mapLayerId } from '../map/layer-style.ts';
import { BASEMAP_SOURCE, COMMUNITIES_LAYER_ID } from '../map/map-style.ts';

/**
 * Published demands per 1,000 residents, by community, as a choropleth on the community grid the
 * basemap already draws (a `match` on the community code: no extra tiles). Communities with no
 * published demand are a class of their own, the lowest, and visibly coloured: "none asked yet"
 * is an answer, not a hole in the map. The rest split into up to four classes at the quartiles
 * of their rates, rounded so the legend reads as plain numbers.
 */
export const DEMAND_CHOROPLETH_LAYER = 'demand-choropleth';

/** Light green (no demand) to deep blue (most): a sequential ramp whose first step shows on the beige basemap. */
export const CHOROPLETH_COLORS = ['#cfe9b4', '#8ccfbf', '#4aa9c9', '#2c74b3', '#253494'] as const;
export const NO_RESIDENTS_COLOR = '#d4d4d4';

export interface ChoroplethClass {
  /** The class holds rates ≥ from (and < the next class's from). */
  from: number;
  color: string;
}

/** Two significant figures: 0.4137 → 0.41, 1.372 → 1.4. */
function roundNicely(value: number): number {
  if (value <= 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

/** The classes for these rates: zero, then the positive rates' quartiles (fewer when they repeat). */
export function classifyRates(rates: readonly number[]): ChoroplethClass[] {
  const positive = rates.filter((rate) => rate > 0).sort((a, b) => a - b);
  const breaks: number[] = [];
  for (const quantile of [0, 0.25, 0.5, 0.75]) {
    if (!positive.length) break;
    const value = quantile === 0 ? Number.MIN_VALUE : roundNicely(positive[Math.floor(quantile * positive.length)]);
    if (!breaks.length || value > breaks[breaks.length - 1]) breaks.push(value);
  }
  return [{ from: 0, color: CHOROPLETH_COLORS[0] }, ...breaks.map((from, index) => ({ from, color: CHOROPLETH_COLORS[index + 1] }))];
}

/** The fill colour of each community by its rate; communities without residents are grey. */
export function buildRateExpression(rows: readonly DemandCountRow[], classes: readonly ChoroplethClass[]): ExpressionSpecification {
  const pairs = rows.filter((row) => row.publishedPerThousand !== null).flatMap((row) => [row.code, row.publishedPerThousand as number]);
  const rate: ExpressionSpecification = pairs.length ? (['match', ['get', 'code'], ...pairs, -1] as unknown as ExpressionSpecification) : ['literal', -1];
  const steps = classes.flatMap((shade) => [shade.from, shade.color]);
  return ['step', rate, NO_RESIDENTS_COLOR, ...steps] as unknown as ExpressionSpecification;
}

/** Above the population grid, below the roads and the community outlines, as the coverage choropleth. */
function findBeforeId(map: MapLibreMap): string | undefined {
  return ['roads-line', mapLayerId(COMMUNITIES_LAYER_ID, 'fill'), mapLayerId(COMMUNITIES_LAYER_ID, 'outline')].find((id) => map.getLayer(id));
}

export function drawDemandChoropleth(map: MapLibreMap, rows: readonly DemandCountRow[], classes: readonly ChoroplethClass[]): void {
  const color = buildRateExpression(rows, classes);
  if (map.getLayer(DEMAND_CHOROPLETH_LAYER)) {
    map.setPaintProperty(DEMAND_CHOROPLETH_LAYER, 'fill-color', color);
    return;
  }
  map.addLayer({
    id: DEMAND_CHOROPLETH_LAYER,
    type: 'fill',
    source: BASEMAP_SOURCE,
    'source-layer': COMMUNITIES_LAYER_ID,
    paint: { 'fill-color': color, 'fill-opacity': 0.72, 'fill-antialias': false },
  }, findBeforeId(map));
}

export function removeDemandChoropleth(map: MapLibreMap): void {
  if (map.getLayer(DEMAND_CHOROPLETH_LAYER)) map.removeLayer(DEMAND_CHOROPLETH_LAYER);
}
