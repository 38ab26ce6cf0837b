import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, PointLike } from 'maplibre-gl';
import type { StaffDemand } from '../../../core/demands/demand-contract.ts';
import type { DemandStatus } from '../../../core/demands/demand-states.ts';
import { FONT_STACK } from '../map/map-style.ts';

/**
 * The demand list's points on the map: a GeoJSON source built from the list's own answer (the
 * staff's area with their filters, every status), clustered by MapLibre below zoom 15 so a
 * district of demands reads as counts, not a smear. The published-demands tile layer could not
 * do this: it holds only published demands, and triage is mostly about the unpublished ones.
 */
export const DEMAND_SOURCE = 'demand-list-points';
export const DEMAND_CLUSTER_LAYER = 'demand-list-clusters';
export const DEMAND_COUNT_LAYER = 'demand-list-cluster-count';
export const DEMAND_POINT_LAYER = 'demand-list-points';
export const DEMAND_SELECTED_LAYER = 'demand-list-selected';
const CLUSTER_MAX_ZOOM = 14;

/** One colour per status, shared by the points and the list's status chips (its legend). */
export const STATUS_COLORS: Readonly<Record<DemandStatus, string>> = {
  submitted: '#e08a00',
  accepted: '#1f78b4',
  planned: '#6a3d9a',
  resolved: '#2e8b3a',
  merged: '#8c8c8c',
  rejected: '#5a5a5a',
  hidden: '#b0b0b0',
};

const CLUSTER_COLOR = '#c51b7d';

function statusColor(): ExpressionSpecification {
  const pairs = Object.entries(STATUS_COLORS).flat();
  return ['match', ['get', 'status'], ...pairs, '#000000'] as unknown as ExpressionSpecification;
}

function toFeatures(demands: readonly StaffDemand[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: demands.map((demand) => ({
      type: 'Feature',
      id: demand.id,
      geometry: { type: 'Point', coordinates: [demand.lon, demand.lat] },
      properties: { id: demand.id, status: demand.status },
    })),
  };
}

const selectedFilter = (id: number | undefined): ExpressionSpecification => ['==', ['get', 'id'], id ?? -1];

/** Draw (or redraw) the points; on top of every other layer, so triage marks are never hidden. */
export function showDemandPoints(map: MapLibreMap, demands: readonly StaffDemand[], selected: number | undefined): void {
  const data = toFeatures(demands);
  const source = map.getSource(DEMAND_SOURCE) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    map.setFilter(DEMAND_SELECTED_LAYER, selectedFilter(selected));
    return;
  }
  map.addSource(DEMAND_SOURCE, { type: 'geojson', data, cluster: true, clusterRadius: 44, clusterMaxZoom: CLUSTER_MAX_ZOOM });
  map.addLayer({
    id: DEMAND_CLUSTER_LAYER,
    type: 'circle',
    source: DEMAND_SOURCE,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': CLUSTER_COLOR,
      'circle-opacity': 0.85,
      'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 50, 21, 200, 26],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: DEMAND_COUNT_LAYER,
    type: 'symbol',
    source: DEMAND_SOURCE,
    filter: ['has', 'point_count'],
    layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': FONT_STACK, 'text-size': 12, 'text-allow-overlap': true },
    paint: { 'text-color': '#ffffff' },
  });
  map.addLayer({
    id: DEMAND_POINT_LAYER,
    type: 'circle',
    source: DEMAND_SOURCE,
    filter: ['!', ['has', 'point_count']],
    // Larger than a facility and ringed in black (facilities are ringed in white): a demand is not a place that exists.
    paint: { 'circle-color': statusColor(), 'circle-radius': 6.5, 'circle-stroke-color': '#1d1d1f', 'circle-stroke-width': 2 },
  });
  map.addLayer({
    id: DEMAND_SELECTED_LAYER,
    type: 'circle',
    source: DEMAND_SOURCE,
    filter: selectedFilter(selected),
    paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111111', 'circle-stroke-width': 3 },
  });
}

export function selectDemandPoint(map: MapLibreMap, selected: number | undefined): void {
  if (map.getLayer(DEMAND_SELECTED_LAYER)) map.setFilter(DEMAND_SELECTED_LAYER, selectedFilter(selected));
}

export function removeDemandPoints(map: MapLibreMap): void {
  for (const layer of [DEMAND_SELECTED_LAYER, DEMAND_POINT_LAYER, DEMAND_COUNT_LAYER, DEMAND_CLUSTER_LAYER]) {
    if (map.getLayer(layer)) map.removeLayer(layer);
  }
  if (map.getSource(DEMAND_SOURCE)) map.removeSource(DEMAND_SOURCE);
}

/** What a click at this pixel hits: a demand, a cluster (to zoom into), or nothing of ours. */
export type DemandHit = { kind: 'demand'; id: number } | { kind: 'cluster'; clusterId: number; center: [number, number] };

export function demandAt(map: MapLibreMap, [x, y]: [number, number], slack: number): DemandHit | undefined {
  const layers = [DEMAND_POINT_LAYER, DEMAND_CLUSTER_LAYER].filter((layer) => map.getLayer(layer));
  if (!layers.length) return undefined;
  const box: [PointLike, PointLike] = [[x - slack, y - slack], [x + slack, y + slack]];
  const [hit] = map.queryRenderedFeatures(box, { layers });
  if (!hit) return undefined;
  if (hit.properties.cluster) {
    const center = (hit.geometry as GeoJSON.Point).coordinates as [number, number];
    return { kind: 'cluster', clusterId: Number(hit.properties.cluster_id), center };
  }
  return { kind: 'demand', id: Number(hit.properties.id) };
}

/** Zoom to where a cluster falls apart. */
export async function expandCluster(map: MapLibreMap, clusterId: number, center: [number, number]): Promise<void> {
  const source = map.getSource(DEMAND_SOURCE) as GeoJSONSource | undefined;
  if (!source) return;
  const zoom = await source.getClusterExpansionZoom(clusterId);
  map.easeTo({ center, zoom: Math.min(zoom + 0.1, 18) });
}
