import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { SurveyRecord } from '../../../core/surveys/survey-contract.ts';
import { findBeforeId } from '../analysis/coverage-choropleth.ts';
import type { ChoroplethClass } from '../demands/demand-choropleth.ts';
import { BASEMAP_SOURCE, COMMUNITIES_LAYER_ID } from '../map/map-style.ts';

/**
 * Communities shaded by their overall satisfaction (0–100) in one quarter, drawn as the demand
 * and coverage choropleths are: one `match` on the community code over the grid the basemap
 * already draws, placed under the roads and outlines. The classes are fixed, not the quarter's
 * quantiles, so two quarters side by side compare: a community that turns from orange to blue
 * got better. Red to blue (not red to green) stays apart for the common colour-vision deficiencies.
 */
export const SURVEY_CHOROPLETH_LAYER = 'survey-choropleth';

export const SATISFACTION_CLASSES: readonly ChoroplethClass[] = [
  { from: 0, color: '#d73027' },
  { from: 60, color: '#fc8d59' },
  { from: 70, color: '#fee090' },
  { from: 80, color: '#c6e4ef' },
  { from: 85, color: '#91bfdb' },
  { from: 90, color: '#4575b4' },
];
/** Communities not surveyed in the quarter. */
export const NOT_SURVEYED_COLOR = '#d4d4d4';

export function buildSatisfactionExpression(items: readonly Pick<SurveyRecord, 'community' | 'overall'>[]): ExpressionSpecification {
  const pairs = items.flatMap((item) => [item.community, item.overall]);
  const overall: ExpressionSpecification = pairs.length ? (['match', ['get', 'code'], ...pairs, -1] as unknown as ExpressionSpecification) : ['literal', -1];
  return ['step', overall, NOT_SURVEYED_COLOR, ...SATISFACTION_CLASSES.flatMap((shade) => [shade.from, shade.color])] as unknown as ExpressionSpecification;
}

export function drawSurveyChoropleth(map: MapLibreMap, items: readonly Pick<SurveyRecord, 'community' | 'overall'>[]): void {
  const color = buildSatisfactionExpression(items);
  if (map.getLayer(SURVEY_CHOROPLETH_LAYER)) {
    map.setPaintProperty(SURVEY_CHOROPLETH_LAYER, 'fill-color', color);
    return;
  }
  map.addLayer({
    id: SURVEY_CHOROPLETH_LAYER,
    type: 'fill',
    source: BASEMAP_SOURCE,
    'source-layer': COMMUNITIES_LAYER_ID,
    paint: { 'fill-color': color, 'fill-opacity': 0.72, 'fill-antialias': false },
  }, findBeforeId(map));
}

export function removeSurveyChoropleth(map: MapLibreMap): void {
  if (map.getLayer(SURVEY_CHOROPLETH_LAYER)) map.removeLayer(SURVEY_CHOROPLETH_LAYER);
}

/** "< 60", "60–70", …, "≥ 90": each class by its bounds. */
export function satisfactionClassLabel(index: number): string {
  const shade = SATISFACTION_CLASSES[index];
  const next = SATISFACTION_CLASSES[index + 1];
  if (index === 0) return `< ${next.from}`;
  return next ? `${shade.from}–${next.from}` : `≥ ${shade.from}`;
}
