import { formatCsv } from '../../csv-cells.ts';
import type { SitingResult } from './siting-contract.ts';
import type { DemandList, SitingExportData } from './siting-result.ts';

type Geometry = { type: 'Point'; coordinates: number[] } | { type: 'LineString'; coordinates: number[][] } | null;

interface ExportFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Record<string, string | number | null>;
}

const pointAt = (lon: number | undefined, lat: number | undefined): Geometry => (lon === undefined || lat === undefined ? null : { type: 'Point', coordinates: [lon, lat] });

function demandFeatures(list: DemandList, kind: 'uncovered' | 'newly_covered'): ExportFeature[] {
  return list.ids.map((id, index) => ({
    type: 'Feature',
    id: `${kind}:${id}`,
    geometry: pointAt(list.lon?.[index], list.lat?.[index]),
    properties: { kind, demand: id, weight: list.weight[index] },
  }));
}

/**
 * The result as one FeatureCollection, each feature's `kind` saying what it is: chosen `site`s
 * (points), p-median `assignment`s (lines from a demand to its new site; demands a kept
 * facility serves have no line), and the `uncovered` and `newly_covered` demands (points with
 * their weight). A supplied cost matrix has no places: its features keep their properties with
 * a null geometry, as GeoJSON allows for unlocated features.
 */
export function formatSitingGeoJson(result: SitingResult, data: SitingExportData) {
  const sites: ExportFeature[] = result.sites.map((site, index) => ({
    type: 'Feature',
    id: `site:${site.id}`,
    geometry: pointAt(site.lon, site.lat),
    properties: { kind: 'site', id: site.id, rank: index + 1, marginalGain: site.marginalGain, source: site.source ?? null, name: site.name ?? null },
  }));
  const assignments: ExportFeature[] = (result.assignments ?? [])
    .filter((assignment) => assignment.facility !== null)
    .map((assignment) => ({
      type: 'Feature',
      id: `assignment:${assignment.demand}`,
      geometry: assignment.lon === undefined || assignment.lat === undefined || assignment.facilityLon === undefined || assignment.facilityLat === undefined
        ? null
        : { type: 'LineString', coordinates: [[assignment.lon, assignment.lat], [assignment.facilityLon, assignment.facilityLat]] },
      properties: { kind: 'assignment', demand: assignment.demand, facility: assignment.facility, weight: assignment.weight, distance: assignment.distance },
    }));
  return {
    type: 'FeatureCollection' as const,
    model: result.model,
    status: result.status,
    features: [...sites, ...assignments, ...demandFeatures(data.uncovered, 'uncovered'), ...demandFeatures(data.newlyCovered, 'newly_covered')],
  };
}

/** One row per chosen site, best first: rank, id, name, lon, lat, source, marginal gain. */
export function formatSitingCsv(result: SitingResult): string {
  const header = ['rank', 'id', 'name', 'lon', 'lat', 'source', 'marginal_gain'];
  return formatCsv([header, ...result.sites.map((site, index) => [index + 1, site.id, site.name, site.lon, site.lat, site.source, site.marginalGain])]);
}
