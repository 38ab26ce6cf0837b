import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { ScenarioCommunity } from '../../../core/analysis/scenario-contract.ts';
import { BASEMAP_SOURCE, COMMUNITIES_LAYER_ID } from '../map/map-style.ts';
import { GAIN_CLASSES, NO_GAIN_COLOR } from './analysis-colors.ts';
import { findBeforeId } from './coverage-choropleth.ts';

/** The MapLibre layer that shades each community by the residents the projects bring within reach. */
export const SCENARIO_LAYER = 'analysis-scenario';

/** Like the coverage choropleth: one `match` on the community code, so a new answer is one paint update. */
export function buildGainExpression(byCommunity: readonly ScenarioCommunity[]): ExpressionSpecification {
  const pairs = byCommunity.filter((row) => row.gainedPopulation > 0).flatMap((row) => [row.code, row.gainedPopulation]);
  const gain: ExpressionSpecification = pairs.length ? ['match', ['get', 'code'], ...pairs, 0] as unknown as ExpressionSpecification : ['literal', 0];
  return ['step', gain, NO_GAIN_COLOR, ...GAIN_CLASSES.flatMap((gainClass) => [gainClass.from, gainClass.color])] as unknown as ExpressionSpecification;
}

/** Drawn above the coverage shading (added earlier, so lower), which it hides while shown: the change is the subject then. */
export function drawScenarioChoropleth(map: MapLibreMap, byCommunity: readonly ScenarioCommunity[]): void {
  const color = buildGainExpression(byCommunity);
  if (map.getLayer(SCENARIO_LAYER)) {
    map.setPaintProperty(SCENARIO_LAYER, 'fill-color', color);
    // Back on top of the coverage shading, should that have been added after it.
    map.moveLayer(SCENARIO_LAYER, findBeforeId(map));
    return;
  }
  map.addLayer({
    id: SCENARIO_LAYER,
    type: 'fill',
    source: BASEMAP_SOURCE,
    'source-layer': COMMUNITIES_LAYER_ID,
    paint: { 'fill-color': color, 'fill-opacity': 0.75, 'fill-antialias': false },
  }, findBeforeId(map));
}

export function removeScenarioChoropleth(map: MapLibreMap): void {
  if (map.getLayer(SCENARIO_LAYER)) map.removeLayer(SCENARIO_LAYER);
}
