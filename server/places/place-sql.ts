import type { CommunityDivision, Division, SearchHit } from '../../core/api/responses.ts';
import { LAYERS, isFacilityLayer } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/** A geometry's [west, south, east, north], rounded to ~10 cm: enough to fit a view, short to send. */
export function bboxSql(geometry: string): string {
  return `ARRAY[${['ST_XMin', 'ST_YMin', 'ST_XMax', 'ST_YMax'].map((edge) => `round(${edge}(${geometry})::numeric, 6)::float8`).join(', ')}]`;
}

/** A point inside the polygon (not the centroid, which may fall outside a crescent-shaped town). */
function labelPointSql(geometry: string): string {
  return `ARRAY[round(ST_X(ST_PointOnSurface(${geometry}))::numeric, 6)::float8, round(ST_Y(ST_PointOnSurface(${geometry}))::numeric, 6)::float8]`;
}

/** Every town and community with a label point and bbox: the client's code → name lookup. */
/** The district's names as the data holds them (Nan'an's, or another loaded by npm run district:init). */
export async function readDistrictName(sql: Queryable): Promise<{ name: string; nameEn: string | null } | null> {
  const [district] = await sql<{ name: string; nameEn: string | null }[]>`SELECT name, name_en AS "nameEn" FROM district ORDER BY id LIMIT 1`;
  return district ?? null;
}

export async function readDivisions(sql: Queryable): Promise<{ towns: Division[]; communities: CommunityDivision[] }> {
  const [towns, communities] = await Promise.all([
    sql.unsafe<Division[]>(`SELECT code, name, name_en, ${labelPointSql('geom')} AS label, ${bboxSql('geom')} AS bbox FROM towns ORDER BY code`),
    sql.unsafe<CommunityDivision[]>(`SELECT code, town_code, name, name_en, ${labelPointSql('geom')} AS label, ${bboxSql('geom')} AS bbox FROM communities ORDER BY code`),
  ]);
  return { towns: [...towns], communities: [...communities] };
}

/**
 * Folds what people type differently: case, spaces, apostrophes (Xi'an), hyphens and middle dots,
 * so "nan ping", "NanPing" and "Nanping Street" all meet. Applied to the query and the names alike.
 */
const fold = (text: string) => `regexp_replace(lower(${text}), '[[:space:]''’·-]+', '', 'g')`;

/** Every facility layer, searchable by name (an English name where the layer has one). */
const FACILITY_PLACES = LAYERS.filter(isFacilityLayer).map((layer) => {
  const nameEn = 'name_en' in layer.properties ? 'name_en' : 'NULL::text';
  return `SELECT 'facility', id::text, name, ${nameEn}, town_code, '${layer.id}', geom FROM ${layer.id}`;
}).join('\n    UNION ALL\n    ');

/**
 * Towns, communities and facilities whose Chinese or English name contains the query. `strpos` rather than
 * LIKE, so `%` and `_` in the query are plain characters. Prefix matches first, towns before
 * communities before facilities, then shorter names: typing 南坪 puts 南坪街道 above 南坪东路社区.
 */
const SEARCH_QUERY = `
  WITH places AS (
    SELECT 'town' AS kind, code, name, name_en, NULL::text AS town_code, NULL::text AS layer, geom FROM towns
    UNION ALL
    SELECT 'community', code, name, name_en, town_code, NULL::text, geom FROM communities
    UNION ALL
    ${FACILITY_PLACES}
  ), matched AS (
    SELECT p.*, least(
      nullif(strpos(${fold('p.name')}, ${fold('$1')}), 0),
      nullif(strpos(${fold("coalesce(p.name_en, '')")}, ${fold('$1')}), 0)
    ) AS position
    FROM places p
  )
  SELECT m.kind, m.code, m.layer, m.name, m.name_en, t.name AS town_name, t.name_en AS town_name_en, ${bboxSql('m.geom')} AS bbox
  FROM matched m LEFT JOIN towns t ON t.code = m.town_code
  -- A query of only spaces or dashes folds to '' and would match everything: it matches nothing.
  WHERE m.position IS NOT NULL AND ${fold('$1')} <> ''
  ORDER BY m.position = 1 DESC, m.kind = 'town' DESC, m.kind = 'community' DESC, length(m.name), m.code
  LIMIT $2`;

export async function searchPlaces(sql: Queryable, query: string, limit: number): Promise<SearchHit[]> {
  return [...(await sql.unsafe<SearchHit[]>(SEARCH_QUERY, [query, limit]))];
}
