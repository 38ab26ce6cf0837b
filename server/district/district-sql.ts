import type { InputGeometry } from '../../core/district/district-plan.ts';
import type { Queryable } from '../db/client.ts';

/**
 * The district's geometry checked and shaped in PostGIS, reading only (the load writes, in its
 * own transaction): made valid, cut to the boundary, towns as unions of their communities, and
 * the population grid with each cell's community. A division is refused when more than this
 * share of its area lies outside the boundary; a sliver along the line is cut off.
 */
export const OUTSIDE_TOLERANCE = 0.01;

/** Two communities overlapping by more than this share of the smaller are refused. */
const OVERLAP_TOLERANCE = 0.01;

const json = (value: unknown) => JSON.stringify(value);

export interface ShapedBoundary {
  geometry: string;
  areaKm2: number;
  bbox: [number, number, number, number];
  centre: [number, number];
}

/** The boundary's parts as one valid MultiPolygon, its area, extent and a point inside it. */
export async function shapeBoundary(sql: Queryable, geometries: readonly InputGeometry[]): Promise<ShapedBoundary | null> {
  const [row] = await sql.unsafe<Array<{ geometry: string | null; area_km2: number; bbox: number[]; centre: number[] }>>(
    `WITH input AS (
       SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326))), 3)) AS g
       FROM json_array_elements_text($1::text::json) AS g
     )
     SELECT CASE WHEN ST_IsEmpty(g) THEN NULL ELSE ST_AsGeoJSON(g, 7) END AS geometry,
            ST_Area(g::geography) / 1e6 AS area_km2,
            ARRAY[ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)] AS bbox,
            ARRAY[ST_X(ST_PointOnSurface(g)), ST_Y(ST_PointOnSurface(g))] AS centre
     FROM input`,
    [json(geometries.map((geometry) => json(geometry)))],
  );
  if (!row?.geometry) return null;
  return { geometry: row.geometry, areaKm2: row.area_km2, bbox: row.bbox as ShapedBoundary['bbox'], centre: row.centre as ShapedBoundary['centre'] };
}

/** Codes of the points (communities given as points) that lie outside the boundary. */
export async function pointsOutside(sql: Queryable, boundary: string, points: ReadonlyArray<{ code: string; geometry: InputGeometry }>): Promise<string[]> {
  const rows = await sql.unsafe<Array<{ code: string }>>(
    `SELECT r.code FROM json_to_recordset($2::text::json) AS r(code text, geometry text)
     WHERE NOT ST_Covers(ST_GeomFromGeoJSON($1), ST_GeomFromGeoJSON(r.geometry)) ORDER BY r.code`,
    [boundary, json(points.map((point) => ({ code: point.code, geometry: json(point.geometry) })))],
  );
  return rows.map((row) => row.code);
}

/** Which lines touch the boundary at all (by their index): a road wholly outside the district is left out. */
export async function linesTouching(sql: Queryable, boundary: string, lines: ReadonlyArray<{ coordinates: number[][] }>): Promise<Set<number>> {
  const rows = await sql.unsafe<Array<{ index: number }>>(
    `SELECT r.index FROM json_to_recordset($2::text::json) AS r(index int, geometry text)
     WHERE ST_Intersects(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326))`,
    [boundary, json(lines.map((line, index) => ({ index, geometry: json({ type: 'LineString', coordinates: line.coordinates }) })))],
  );
  return new Set(rows.map((row) => row.index));
}

export interface ShapedArea {
  code: string;
  /** Cut to the boundary, valid, a MultiPolygon (GeoJSON text); null when nothing is left. */
  geometry: string | null;
  outsideShare: number;
  areaKm2: number;
}

/** Polygons made valid and cut to the boundary, with the share of each that lay outside it. */
export async function shapeAreas(sql: Queryable, boundary: string, areas: ReadonlyArray<{ code: string; geometry: unknown }>): Promise<ShapedArea[]> {
  return [...(await sql.unsafe<ShapedArea[]>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g),
     input AS (
       SELECT r.code, ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)), 3) AS g
       FROM json_to_recordset($2::text::json) AS r(code text, geometry text)
     ), cut AS (
       SELECT input.code, input.g AS whole, ST_Multi(ST_CollectionExtract(ST_Intersection(input.g, b.g), 3)) AS g FROM input, b
     )
     SELECT code,
            CASE WHEN ST_IsEmpty(g) THEN NULL ELSE ST_AsGeoJSON(g, 7) END AS geometry,
            CASE WHEN ST_Area(whole) > 0 THEN 1 - ST_Area(g) / ST_Area(whole) ELSE 1 END AS "outsideShare",
            ST_Area(g::geography) / 1e6 AS "areaKm2"
     FROM cut ORDER BY code`,
    [boundary, json(areas.map((area) => ({ code: area.code, geometry: typeof area.geometry === 'string' ? area.geometry : json(area.geometry) })))],
  ))];
}

/** Pairs of communities that overlap by more than the tolerance of the smaller one. */
export async function overlappingPairs(sql: Queryable, areas: ReadonlyArray<{ code: string; geometry: string }>): Promise<Array<[string, string]>> {
  const rows = await sql.unsafe<Array<{ a: string; b: string }>>(
    `WITH input AS (
       SELECT r.code, ST_GeomFromGeoJSON(r.geometry) AS g FROM json_to_recordset($1::text::json) AS r(code text, geometry text)
     )
     SELECT x.code AS a, y.code AS b FROM input x JOIN input y ON x.code < y.code AND x.g && y.g
     WHERE ST_Area(ST_Intersection(x.g, y.g)) > $2::float8 * least(ST_Area(x.g), ST_Area(y.g))
     ORDER BY 1, 2 LIMIT 10`,
    [json(areas), OVERLAP_TOLERANCE],
  );
  return rows.map((row) => [row.a, row.b]);
}

/** Each town as the union of its communities' (cut) polygons. */
export async function unionTowns(sql: Queryable, communities: ReadonlyArray<{ townCode: string; geometry: string }>): Promise<Map<string, string>> {
  const rows = await sql.unsafe<Array<{ town: string; geometry: string }>>(
    `SELECT r.town, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(ST_GeomFromGeoJSON(r.geometry))), 3)), 7) AS geometry
     FROM json_to_recordset($1::text::json) AS r(town text, geometry text) GROUP BY r.town`,
    [json(communities.map((community) => ({ town: community.townCode, geometry: community.geometry })))],
  );
  return new Map(rows.map((row) => [row.town, row.geometry]));
}

export interface PopulationSquare {
  /** The cell's position in the given grid (0-based), or -1 for a square drawn here. */
  index: number;
  communityCode: string | null;
  /** A Polygon (GeoJSON text) cut to the boundary: the largest part where the cut splits it. */
  geometry: string | null;
  areaM2: number;
}

/**
 * A population grid's cells cut to the boundary, each in the community holding its inside point
 * (else the nearest within about a kilometre): the layer's cells are single polygons.
 */
export async function placeGridCells(sql: Queryable, boundary: string, communities: string, cells: readonly InputGeometry[]): Promise<PopulationSquare[]> {
  return [...(await sql.unsafe<PopulationSquare[]>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g),
     c AS (SELECT r.code, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326) AS g FROM json_to_recordset($2::text::json) AS r(code text, geometry text)),
     input AS (
       SELECT (n - 1)::int AS index, ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)), 3) AS g
       FROM json_array_elements_text($3::text::json) WITH ORDINALITY AS e(g, n)
     ), cut AS (
       SELECT input.index, (SELECT d.geom FROM ST_Dump(ST_Intersection(input.g, b.g)) AS d WHERE ST_Dimension(d.geom) = 2 ORDER BY ST_Area(d.geom) DESC LIMIT 1) AS g
       FROM input, b
     )
     SELECT cut.index, ST_AsGeoJSON(cut.g, 7) AS geometry, coalesce(ST_Area(cut.g::geography), 0) AS "areaM2",
            (SELECT c.code FROM c WHERE cut.g IS NOT NULL AND ST_DWithin(c.g, ST_PointOnSurface(cut.g), 0.01)
             ORDER BY ST_Covers(c.g, ST_PointOnSurface(cut.g)) DESC, ST_Distance(c.g, ST_PointOnSurface(cut.g)), c.code LIMIT 1) AS "communityCode"
     FROM cut ORDER BY cut.index`,
    [boundary, communities, json(cells.map((cell) => json(cell)))],
  ))];
}

/**
 * Squares of about `metres` over the district, in the community holding their centre and cut to
 * it, for community totals to be spread over: a community too small to hold a centre gets one
 * square, its own polygon's largest part.
 */
export async function drawPopulationSquares(sql: Queryable, communities: string, bbox: readonly number[], metres: number): Promise<PopulationSquare[]> {
  const [west, south, east, north] = bbox;
  const degLat = metres / 110_574;
  const degLon = metres / (111_320 * Math.cos((((south + north) / 2) * Math.PI) / 180));
  return [...(await sql.unsafe<PopulationSquare[]>(
    `WITH c AS (SELECT r.code, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326) AS g FROM json_to_recordset($1::text::json) AS r(code text, geometry text)),
     frame AS (SELECT $2::float8 AS west, $3::float8 AS south, $4::float8 AS east, $5::float8 AS north, $6::float8 AS dx, $7::float8 AS dy),
     squares AS (
       SELECT ST_MakeEnvelope(west + i * dx, south + j * dy, west + (i + 1) * dx, south + (j + 1) * dy, 4326) AS g
       FROM frame, generate_series(0, ceil((east - west) / dx)::int) AS i, generate_series(0, ceil((north - south) / dy)::int) AS j
     ), placed AS (
       SELECT c.code, (SELECT d.geom FROM ST_Dump(ST_Intersection(s.g, c.g)) AS d WHERE ST_Dimension(d.geom) = 2 ORDER BY ST_Area(d.geom) DESC LIMIT 1) AS g
       FROM squares s JOIN c ON ST_Covers(c.g, ST_Centroid(s.g))
     ), lonely AS (
       SELECT c.code, (SELECT d.geom FROM ST_Dump(c.g) AS d ORDER BY ST_Area(d.geom) DESC LIMIT 1) AS g
       FROM c WHERE NOT EXISTS (SELECT 1 FROM placed WHERE placed.code = c.code)
     )
     SELECT -1 AS index, code AS "communityCode", ST_AsGeoJSON(g, 7) AS geometry, ST_Area(g::geography) AS "areaM2"
     FROM (SELECT * FROM placed UNION ALL SELECT * FROM lonely) AS all_squares WHERE g IS NOT NULL
     ORDER BY code, ST_YMin(g), ST_XMin(g)`,
    [communities, west, south, east, north, degLon, degLat],
  ))];
}
