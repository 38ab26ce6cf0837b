import type postgres from 'postgres';
import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Sql } from '../db/client.ts';
import type { Bbox, ItemsQuery } from './parameters.ts';

/**
 * The OGC service's only SQL. Table and column identifiers come from the layer registry alone
 * (the parameters module maps every client name onto a registry name first); every client value
 * is a bound parameter.
 */

export interface Feature {
  type: 'Feature';
  id: number;
  geometry: unknown;
  properties: Record<string, unknown>;
}

export interface FeaturePage {
  numberMatched: number;
  features: Feature[];
}

type Row = { id: number; geom: unknown } & Record<string, unknown>;

/** `ST_AsGeoJSON` precision: 7 decimals of a degree is about a centimetre. */
const COORDINATE_DECIMALS = 7;

export async function selectFeaturePage(sql: Sql, layer: LayerDefinition, query: ItemsQuery): Promise<FeaturePage> {
  // Two statements rather than count(*) OVER (): a window count would build every matched
  // row's GeoJSON before the LIMIT, and an offset past the end would lose the count.
  const [[counted], rows] = await Promise.all([
    sql<{ matched: number }[]>`SELECT count(*)::int AS matched FROM ${sql(layer.id)} ${whereOf(sql, query)}`,
    selectRows(sql, layer, query.columns, sql`${whereOf(sql, query)} ORDER BY id LIMIT ${query.limit} OFFSET ${query.offset}`),
  ]);
  return { numberMatched: counted.matched, features: rows.map((row) => toFeature(row, query.columns)) };
}

export async function selectFeature(sql: Sql, layer: LayerDefinition, columns: string[], id: number): Promise<Feature | undefined> {
  const [row] = await selectRows(sql, layer, columns, sql`WHERE id = ${id}`);
  return row && toFeature(row, columns);
}

/** Every layer's extent in one round trip; a layer with no rows has none. */
export async function selectExtents(sql: Sql, layers: readonly LayerDefinition[]): Promise<Map<string, Bbox>> {
  const perLayer = layers.map(
    (layer) => sql`SELECT ${layer.id}::text AS id, ST_XMin(box) AS minx, ST_YMin(box) AS miny, ST_XMax(box) AS maxx, ST_YMax(box) AS maxy
      FROM (SELECT ST_Extent(geom) AS box FROM ${sql(layer.id)}) AS extent`,
  );
  const rows = await sql<{ id: string; minx: number | null; miny: number; maxx: number; maxy: number }[]>`${perLayer.reduce(
    (union, next) => sql`${union} UNION ALL ${next}`,
  )}`;
  return new Map(rows.filter((row) => row.minx !== null).map((row) => [row.id, [row.minx!, row.miny, row.maxx, row.maxy]]));
}

function selectRows(sql: Sql, layer: LayerDefinition, columns: string[], rest: postgres.Fragment) {
  const properties = columns.length > 0 ? sql`${sql(columns)},` : sql``;
  return sql<Row[]>`SELECT id, ${properties} ST_AsGeoJSON(geom, ${COORDINATE_DECIMALS})::json AS geom FROM ${sql(layer.id)} ${rest}`;
}

/** A fresh fragment per use: postgres.js fragments are not shared between statements. */
function whereOf(sql: Sql, query: ItemsQuery): postgres.Fragment {
  const conditions = query.filters.map(({ column, value }) => sql`${sql(column)} = ${value}`);
  if (query.bbox) {
    const [minx, miny, maxx, maxy] = query.bbox;
    conditions.push(sql`ST_Intersects(geom, ST_MakeEnvelope(${minx}, ${miny}, ${maxx}, ${maxy}, 4326))`);
  }
  return conditions.reduce((where, condition) => sql`${where} AND ${condition}`, sql`WHERE true`);
}

/** `geom` is the geometry column, never a declared property, so it cannot shadow one. */
function toFeature(row: Row, columns: string[]): Feature {
  const properties: Record<string, unknown> = {};
  for (const column of columns) properties[column] = row[column];
  return { type: 'Feature', id: row.id, geometry: row.geom, properties };
}
