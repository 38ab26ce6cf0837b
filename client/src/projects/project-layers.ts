import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, PointLike } from 'maplibre-gl';
import type { ProjectGeometry, PublicProject } from '../../../core/projects/project-contract.ts';
import type { ProjectPhase } from '../../../core/projects/project-phases.ts';

/**
 * Projects on the map from the list's own answer: polygons filled, lines stroked, points as
 * squares-ish dots, all coloured by phase, the one shown ringed. Drawn from GeoJSON (the list
 * holds the geometries already), on top of the registry layers.
 */
export const PROJECT_SOURCE = 'project-list';
const FILL = 'project-list-fill';
const LINE = 'project-list-line';
const POINT = 'project-list-point';
const SELECTED_LINE = 'project-list-selected-line';
const SELECTED_POINT = 'project-list-selected-point';
export const PROJECT_HIT_LAYERS = [POINT, LINE, FILL];

export const PHASE_COLORS: Readonly<Record<ProjectPhase, string>> = {
  proposed: '#9e9ac8',
  approved: '#3182bd',
  design: '#e6a100',
  construction: '#e6550d',
  completed: '#31a354',
  on_hold: '#969696',
  cancelled: '#636363',
};

function phaseColor(): ExpressionSpecification {
  return ['match', ['get', 'phase'], ...Object.entries(PHASE_COLORS).flat(), '#000000'] as unknown as ExpressionSpecification;
}

export function toProjectFeatures(projects: readonly PublicProject[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: projects.map((project) => ({
      type: 'Feature',
      id: project.id,
      geometry: project.geometry as GeoJSON.Geometry,
      properties: { id: project.id, phase: project.phase, late: project.late.isLate },
    })),
  };
}

const isKind = (kinds: string[]): ExpressionSpecification => ['in', ['geometry-type'], ['literal', kinds]];
const selectedFilter = (id: number | undefined, kinds: string[]): ExpressionSpecification => ['all', ['==', ['get', 'id'], id ?? -1], isKind(kinds)];

export function showProjects(map: MapLibreMap, projects: readonly PublicProject[], selected: number | undefined): void {
  const data = toProjectFeatures(projects);
  const source = map.getSource(PROJECT_SOURCE) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    selectProject(map, selected);
    return;
  }
  map.addSource(PROJECT_SOURCE, { type: 'geojson', data });
  map.addLayer({ id: FILL, type: 'fill', source: PROJECT_SOURCE, filter: isKind(['Polygon', 'MultiPolygon']), paint: { 'fill-color': phaseColor(), 'fill-opacity': 0.35, 'fill-outline-color': phaseColor() } });
  map.addLayer({ id: LINE, type: 'line', source: PROJECT_SOURCE, filter: isKind(['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']), layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': phaseColor(), 'line-width': 4 } });
  map.addLayer({ id: POINT, type: 'circle', source: PROJECT_SOURCE, filter: isKind(['Point', 'MultiPoint']), paint: { 'circle-color': phaseColor(), 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
  map.addLayer({ id: SELECTED_LINE, type: 'line', source: PROJECT_SOURCE, filter: selectedFilter(selected, ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']), paint: { 'line-color': '#111111', 'line-width': 7, 'line-opacity': 0.55 } });
  map.addLayer({ id: SELECTED_POINT, type: 'circle', source: PROJECT_SOURCE, filter: selectedFilter(selected, ['Point', 'MultiPoint']), paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111111', 'circle-stroke-width': 3 } });
}

export function selectProject(map: MapLibreMap, selected: number | undefined): void {
  if (map.getLayer(SELECTED_LINE)) map.setFilter(SELECTED_LINE, selectedFilter(selected, ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']));
  if (map.getLayer(SELECTED_POINT)) map.setFilter(SELECTED_POINT, selectedFilter(selected, ['Point', 'MultiPoint']));
}

export function removeProjects(map: MapLibreMap): void {
  for (const layer of [SELECTED_POINT, SELECTED_LINE, POINT, LINE, FILL]) if (map.getLayer(layer)) map.removeLayer(layer);
  if (map.getSource(PROJECT_SOURCE)) map.removeSource(PROJECT_SOURCE);
}

/** The project under a pixel, if any. */
export function projectAt(map: MapLibreMap, [x, y]: [number, number], slack: number): number | undefined {
  const layers = PROJECT_HIT_LAYERS.filter((layer) => map.getLayer(layer));
  if (!layers.length) return undefined;
  const box: [PointLike, PointLike] = [[x - slack, y - slack], [x + slack, y + slack]];
  const [hit] = map.queryRenderedFeatures(box, { layers });
  return hit ? Number(hit.properties.id) : undefined;
}

/** A geometry's bounds, for flying to a project. */
export function geometryBounds(geometry: ProjectGeometry): [[number, number], [number, number]] {
  const positions: number[][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') positions.push(value as number[]);
    else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(geometry.coordinates);
  const xs = positions.map((position) => position[0]);
  const ys = positions.map((position) => position[1]);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
}
