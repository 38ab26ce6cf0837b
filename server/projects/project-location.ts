import type { ProjectGeometry } from '../../core/projects/project-contract.ts';
import type { Queryable } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import type { ProjectPlace } from './project-sql.ts';

/**
 * Where a project lies, derived in SQL from its geometry and never typed: every community it
 * touches with its share (points counted, lines by length, polygons by area, on the ellipsoid),
 * the towns summed from them, the primary of each holding the largest share; and its length or
 * area. A point in a sliver between grid cells goes to the nearest community.
 */
export async function locateProject(tx: Queryable, geometry: ProjectGeometry): Promise<ProjectPlace> {
  const geojson = JSON.stringify(geometry);
  // Validity first: the overlay functions below throw on an invalid geometry.
  const [validity] = await tx<{ valid: boolean; reason: string }[]>`
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${geojson}::text), 4326) AS g) AS input`;
  if (!validity.valid) throw badRequest('invalid_geometry', `the geometry is not valid: ${validity.reason}`, { reason: validity.reason });
  const [facts] = await tx<{ inside: boolean; length_m: number | null; area_m2: number | null; shares: { code: string; town: string; share: number }[] | null }[]>`
    WITH input AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${geojson}::text), 4326) AS g),
    touched AS (
      SELECT c.code, c.town_code,
             CASE ST_Dimension(input.g)
               WHEN 0 THEN ST_NPoints(ST_Intersection(c.geom, input.g))::float8
               WHEN 1 THEN ST_Length(ST_Intersection(c.geom, input.g)::geography)
               ELSE ST_Area(ST_Intersection(c.geom, input.g)::geography)
             END AS share
      FROM communities c, input WHERE ST_Intersects(c.geom, input.g)
    ),
    shares AS (
      SELECT code, town_code, share FROM touched WHERE share > 0
      UNION ALL
      -- Nothing shared (a point in a sliver): the nearest community.
      SELECT * FROM (
        SELECT c.code, c.town_code, 1::float8 FROM communities c, input
        WHERE NOT EXISTS (SELECT 1 FROM touched WHERE share > 0)
        ORDER BY ST_Distance(c.geom, input.g), c.code LIMIT 1
      ) AS nearest
    )
    SELECT EXISTS (SELECT 1 FROM district d, input WHERE ST_CoveredBy(input.g, d.geom)) AS inside,
           (SELECT CASE WHEN ST_Dimension(g) = 1 THEN round(ST_Length(g::geography)::numeric, 1)::float8 END FROM input) AS length_m,
           (SELECT CASE WHEN ST_Dimension(g) = 2 THEN round(ST_Area(g::geography)::numeric)::float8 END FROM input) AS area_m2,
           (SELECT json_agg(json_build_object('code', code, 'town', town_code, 'share', share) ORDER BY share DESC, code) FROM shares) AS shares`;
  if (!facts.inside) throw badRequest('outside_district', 'the geometry lies outside the district: a project is placed within it');
  if (!facts.shares?.length) throw badRequest('no_community', 'no community of the grid can be found for this place');
  const townShares = new Map<string, number>();
  for (const share of facts.shares) townShares.set(share.town, (townShares.get(share.town) ?? 0) + share.share);
  const towns = [...townShares].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([town]) => town);
  const communities = facts.shares.map((share) => share.code);
  return { geometry, towns, communities, primaryTown: towns[0], primaryCommunity: communities[0], lengthM: facts.length_m, areaM2: facts.area_m2 };
}
