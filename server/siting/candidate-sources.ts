import { createLocalPlane, planeLat, planeLon, planeX, planeY } from '../../core/analysis/geodesic.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { SITING_LIMITS, type CandidateSource, type SiteArea } from '../../core/siting/index.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest, notFound } from '../errors.ts';
import { quoteInput } from '../http/read-body.ts';
import { findCommunities, listPointsInsideDistrict, readDistrictBounds, readLayerSites } from './candidate-sql.ts';

/** Candidate sites as parallel lists; `source` is a layer id, "grid" or "points". */
export interface CandidateSites {
  ids: string[];
  lon: number[];
  lat: number[];
  source: string[];
  name: (string | null)[];
  /** Grid sites: the community and a number there, so a site reads "Tongyuanju 3", not a grid id. */
  area: (SiteArea | null)[];
}

/** The idle-plots layer: where new facilities can go unless the request says otherwise. */
export const DEFAULT_CANDIDATE_LAYER = 'idle_plots';

export const listCandidateSources = (candidates: CandidateSource | CandidateSource[] | undefined): CandidateSource[] =>
  candidates === undefined ? [DEFAULT_CANDIDATE_LAYER] : Array.isArray(candidates) ? candidates : [candidates];

/** Layer ids among the sources: each must be in the registry (404 like the other analyses). */
export function requireCandidateLayers(sources: readonly CandidateSource[]): string[] {
  const layers: string[] = [];
  for (const source of sources) {
    if (typeof source !== 'string') continue;
    const layer = findLayer(source);
    if (!layer) throw notFound('unknown_layer', `no candidate layer named ${quoteInput(source)}`);
    layers.push(layer.id);
  }
  return layers;
}

const tooMany = (count: number | string) =>
  badRequest('too_many_candidates', `${count} candidate sites is more than the ${SITING_LIMITS.maxCandidates.toLocaleString('en-US')} a run may have: use a coarser grid or fewer sources`);

/** Gather every source's sites; repeats of one id (the same layer twice) count once. */
export async function gatherCandidates(sql: Queryable, sources: readonly CandidateSource[], notes: string[]): Promise<CandidateSites> {
  const sites: CandidateSites = { ids: [], lon: [], lat: [], source: [], name: [], area: [] };
  const seen = new Set<string>();
  const counts: string[] = [];
  const add = (id: string, lon: number, lat: number, source: string, name: string | null, area: SiteArea | null = null) => {
    if (seen.has(id)) return false;
    seen.add(id);
    sites.ids.push(id);
    sites.lon.push(lon);
    sites.lat.push(lat);
    sites.source.push(source);
    sites.name.push(name);
    sites.area.push(area);
    if (sites.ids.length > SITING_LIMITS.maxCandidates) throw tooMany(`more than ${SITING_LIMITS.maxCandidates.toLocaleString('en-US')}`);
    return true;
  };
  for (const source of sources) {
    let added = 0;
    if (typeof source === 'string') {
      const layer = findLayer(source)!;
      for (const row of await readLayerSites(sql, layer)) if (add(`${layer.id}:${row.id}`, row.lon, row.lat, layer.id, row.name)) added += 1;
      counts.push(`${added.toLocaleString('en-US')} from ${layer.id}`);
    } else if ('grid' in source) {
      const grid = await gridInsideDistrict(sql, source.grid);
      const areas = numberByCommunity(await findCommunities(sql, grid.lon, grid.lat));
      grid.ids.forEach((id, index) => add(id, grid.lon[index], grid.lat[index], 'grid', null, areas[index]) && (added += 1));
      counts.push(`${added.toLocaleString('en-US')} from a ${source.grid} m grid`);
    } else {
      const lon = source.points.map((point) => point.lon);
      const lat = source.points.map((point) => point.lat);
      const inside = await listPointsInsideDistrict(sql, lon, lat);
      const outside = source.points.map((_, index) => index).filter((index) => !inside.has(index));
      if (outside.length) {
        throw badRequest('outside_district', `${outside.length} candidate point(s) lie outside the district, the first at (${lon[outside[0]]}, ${lat[outside[0]]})`, { points: outside.slice(0, 20) });
      }
      const ids = new Set<string>();
      source.points.forEach((point, index) => {
        const id = point.id ?? `point:${index + 1}`;
        if (ids.has(id) || seen.has(id)) throw badRequest('duplicate_candidate', `candidate id ${quoteInput(id)} appears twice`);
        ids.add(id);
        add(id, point.lon, point.lat, 'points', null);
        added += 1;
      });
      counts.push(`${added.toLocaleString('en-US')} given as points`);
    }
  }
  notes.push(`${sites.ids.length.toLocaleString('en-US')} candidate sites: ${counts.join(', ')}`);
  return sites;
}

/** Grid sites numbered 1, 2, 3… within each community, in grid order (stable for one spacing). */
function numberByCommunity(communities: ReadonlyArray<{ name: string; nameEn: string | null } | null>): (SiteArea | null)[] {
  const counts = new Map<string, number>();
  return communities.map((community) => {
    if (!community) return null;
    const number = (counts.get(community.name) ?? 0) + 1;
    counts.set(community.name, number);
    return { name: community.name, ...(community.nameEn ? { nameEn: community.nameEn } : {}), number };
  });
}

/**
 * A square grid of `spacingM` on a local plane at the district's centre, cell centres only,
 * kept where the district covers them. Ids "grid:<spacing>m:<row>:<col>" count from the
 * extent's south-west corner, so they are stable for one district and spacing.
 */
async function gridInsideDistrict(sql: Queryable, spacingM: number): Promise<{ ids: string[]; lon: number[]; lat: number[] }> {
  const bounds = await readDistrictBounds(sql);
  if (!bounds) throw badRequest('no_district', 'no district boundary is loaded: a grid of candidates needs one');
  const plane = createLocalPlane((bounds.west + bounds.east) / 2, (bounds.south + bounds.north) / 2);
  const x0 = planeX(plane, bounds.west);
  const y0 = planeY(plane, bounds.south);
  const columns = Math.floor((planeX(plane, bounds.east) - x0) / spacingM) + 1;
  const rows = Math.floor((planeY(plane, bounds.north) - y0) / spacingM) + 1;
  // The district fills well over a quarter of its extent: a grid 4× the limit over the extent
  // would be too many inside it too, and is refused before anything is generated.
  if (columns * rows > SITING_LIMITS.maxCandidates * 4) throw tooMany(`about ${Math.round(columns * rows / 2).toLocaleString('en-US')}`);
  const ids: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      ids.push(`grid:${spacingM}m:${row}:${column}`);
      lon.push(planeLon(plane, x0 + (column + 0.5) * spacingM));
      lat.push(planeLat(plane, y0 + (row + 0.5) * spacingM));
    }
  }
  const inside = await listPointsInsideDistrict(sql, lon, lat);
  if (inside.size > SITING_LIMITS.maxCandidates) throw tooMany(inside.size.toLocaleString('en-US'));
  const kept = [...inside].sort((a, b) => a - b);
  return { ids: kept.map((index) => ids[index]), lon: kept.map((index) => lon[index]), lat: kept.map((index) => lat[index]) };
}
