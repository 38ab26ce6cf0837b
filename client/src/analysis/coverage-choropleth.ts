import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { CommunityCoverage } from '../../../core/analysis/api-contract.ts';
import { BASEMAP_SOURCE, COMMUNITIES_LAYER_ID } from '../map/map-style.ts';
import { mapLayerId } from '../map/layer-style.ts';
import { NO_SHARE_COLOR, SHARE_CLASSES } from './analysis-colors.ts';

/** The MapLibre layer that shades each community by its covered share. */
export const CHOROPLETH_LAYER = 'analysis-coverage';

/**
 * A data-driven fill on the community grid the basemap already draws, keyed by community code:
 * no extra tiles and no feature ids needed. The shares live in one `match`, so a new result is
 * one paint-property update.
 */
export function buildShareExpression(byCommunity: readonly CommunityCoverage[]): ExpressionSpecification {
  const pairs = byCommunity.filter((row) => row.coveredShare !== null).flatMap((row) => [row.code, row.coveredShare as number]);
  const share: ExpressionSpecification = pairs.length ? ['match', ['get', 'code'], ...pairs, -1] as unknown as ExpressionSpecification : ['literal', -1];
  const steps = SHARE_CLASSES.flatMap((shareClass) => [shareClass.from, shareClass.color]);
  return ['step', share, NO_SHARE_COLOR, ...steps] as unknown as ExpressionSpecification;
}

/**
 * Above the population grid and below the roads, community outlines and everything else, so the
 * grid's own outline and the facilities stay readable over the colours.
 */
export function findBeforeId(map: MapLibreMap): string | undefined {
  return ['roads-line', mapLayerId(COMMUNITIES_LAYER_ID, 'fill'), mapLayerId(COMMUNITIES_LAYER_ID, 'outline')].find((id) => map.getLayer(id));
}

export function drawCoverageChoropleth(map: MapLibreMap, byCommunity: readonly CommunityCoverage[]): void {
  const color = buildShareExpression(byCommunity);
  if (map.getLayer(CHOROPLETH_LAYER)) {
    map.setPaintProperty(CHOROPLETH_LAYER, 'fill-color', color);
    return;
  }
  map.addLayer({
    id: CHOROPLETH_LAYER,
    type: 'fill',
    source: BASEMAP_SOURCE,
    'source-layer': COMMUNITIES_LAYER_ID,
    paint: { 'fill-color': color, 'fill-opacity': 0.6, 'fill-antialias': false },
  }, findBeforeId(map));
}

export function removeCoverageChoropleth(map: MapLibreMap): void {
  if (map.getLayer(CHOROPLETH_LAYER)) map.removeLayer(CHOROPLETH_LAYER);
}
