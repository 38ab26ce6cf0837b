import { LAYERS, isFacilityLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';
import type { BoundingBox, CommunityProfile } from '../../core/api/responses.ts';
import { bboxSql } from './place-sql.ts';

/**
 * Population is the sum of the grid cells assigned to the community (the same cells coverage
 * weighs), and the area is measured on the spheroid, not in degrees.
 */
const PROFILE_QUERY = `
  SELECT c.code, c.name, c.name_en, c.town_code, t.name AS town_name, t.name_en AS town_name_en,
         (SELECT coalesce(sum(p.population), 0)::float8 FROM population p WHERE p.community_code = c.code) AS population,
         round((ST_Area(c.geom::geography) / 1e6)::numeric, 4)::float8 AS area_km2,
         ${bboxSql('c.geom')} AS bbox
  FROM communities c LEFT JOIN towns t ON t.code = c.town_code
  WHERE c.code = $1`;

/** Facility layers that belong to a community: every facility layer with a community column. */
const COMMUNITY_FACILITY_LAYERS: readonly LayerDefinition[] = LAYERS.filter((layer) => isFacilityLayer(layer) && 'community_code' in layer.properties);

/** One count (and capacity sum, where the layer has one) per facility layer, in one round trip. */
const FACILITY_QUERY = COMMUNITY_FACILITY_LAYERS.map((layer) => {
  const capacity = layer.capacity ? `coalesce(sum(${layer.capacity.column}), 0)::float8` : 'NULL::float8';
  return `SELECT '${layer.id}' AS layer, count(*)::int AS count, ${capacity} AS capacity FROM ${layer.id} WHERE community_code = $1`;
}).join(' UNION ALL ');

interface ProfileRow {
  code: string;
  name: string;
  name_en: string | null;
  town_code: string;
  town_name: string | null;
  town_name_en: string | null;
  population: number;
  area_km2: number;
  bbox: BoundingBox;
}

export async function readCommunityProfile(sql: Queryable, code: string): Promise<CommunityProfile | undefined> {
  const [[row], facilities] = await Promise.all([
    sql.unsafe<ProfileRow[]>(PROFILE_QUERY, [code]),
    sql.unsafe<CommunityProfile['facilities']>(FACILITY_QUERY, [code]),
  ]);
  if (!row) return undefined;
  return {
    code: row.code,
    name: row.name,
    name_en: row.name_en,
    town: { code: row.town_code, name: row.town_name, name_en: row.town_name_en },
    population: row.population,
    area_km2: row.area_km2,
    bbox: row.bbox,
    // A layer with no facility here still says so (count 0): a gap is what planners look for.
    facilities: COMMUNITY_FACILITY_LAYERS.map((layer) => facilities.find((facility) => facility.layer === layer.id)!),
  };
}
