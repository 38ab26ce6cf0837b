import type { ImportRow } from '../../core/exchange/import-features.ts';
import type { Queryable } from '../db/client.ts';

/**
 * Every row's geometry checked in one statement, as a feature edit checks one: valid (else made
 * valid with ST_MakeValid, kept when it stays the same kind of shape, and reported), inside the
 * district (ST_CoveredBy, so the boundary line counts), and for the demand list its community
 * and town (a town office imports only into its own town).
 */
export interface GeometryCheck {
  row: number;
  valid: boolean;
  reason: string | null;
  /** The repaired geometry (GeoJSON), when it was invalid. */
  repaired: string | null;
  repairedType: string | null;
  inside: boolean;
  community: string | null;
  town: string | null;
}

export async function checkImportGeometries(sql: Queryable, rows: readonly ImportRow[], options: { places: boolean }): Promise<GeometryCheck[]> {
  const input = rows.filter((row) => row.geometry).map((row) => ({ row: row.row, geometry: JSON.stringify(row.geometry) }));
  if (!input.length) return [];
  const place = options.places
    ? `located.code AS community, located.town_code AS town FROM fixed LEFT JOIN LATERAL (
         SELECT c.code, c.town_code FROM communities c WHERE ST_DWithin(c.geom, fixed.g, 0.01)
         ORDER BY ST_Covers(c.geom, fixed.g) DESC, ST_Distance(c.geom, fixed.g), c.code LIMIT 1) AS located ON true`
    : 'NULL::text AS community, NULL::text AS town FROM fixed';
  return sql.unsafe<GeometryCheck[]>(
    `WITH input AS (
       SELECT r.row, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326) AS g
       FROM json_to_recordset($1::text::json) AS r("row" integer, geometry text)
     ), checked AS (
       SELECT input.row, g, ST_IsValid(g) AS valid FROM input
     ), fixed AS (
       SELECT checked.row, valid, CASE WHEN valid THEN NULL ELSE ST_IsValidReason(g) END AS reason,
              CASE WHEN valid THEN g ELSE ST_MakeValid(g) END AS g
       FROM checked
     )
     SELECT fixed.row, valid, reason,
            CASE WHEN valid THEN NULL ELSE ST_AsGeoJSON(g, 7) END AS repaired,
            CASE WHEN valid THEN NULL ELSE ST_GeometryType(g) END AS "repairedType",
            EXISTS (SELECT 1 FROM district d WHERE ST_CoveredBy(fixed.g, d.geom)) AS inside,
            ${place}
     ORDER BY fixed.row`,
    [JSON.stringify(input)],
  );
}

/** The district's extent, to say where a file's features should have been. */
export async function districtBounds(sql: Queryable): Promise<[number, number, number, number] | null> {
  const [row] = await sql<{ west: number | null; south: number; east: number; north: number }[]>`
    SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north FROM (SELECT ST_Extent(geom) AS e FROM district) AS extent`;
  return row?.west === null || row?.west === undefined ? null : [row.west, row.south, row.east, row.north];
}
