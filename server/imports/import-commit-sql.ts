import { randomBytes } from 'node:crypto';
import { RECEIPT_LENGTH, spellReceipt } from '../../core/demands/receipt-code.ts';
import type { FeatureValue } from '../../core/layers/feature-contract.ts';
import { measuredProperty, settableProperties } from '../../core/layers/feature-input.ts';
import { sqlTypeOf, type LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/**
 * The rows of a committed import written in a statement per kept-or-new id, inside the commit's
 * transaction. Community and town are derived from the place as a feature edit derives them
 * (server/features/feature-sql.ts: the community holding the point, or the largest share of a
 * line or polygon, else the nearest), set-wise so 100,000 rows are one statement.
 */

export interface CommitRow {
  row: number;
  values: Record<string, FeatureValue>;
  /** GeoJSON in WGS84. */
  geometry: string;
}

const quote = (name: string) => `"${name}"`;

const SHARE: Record<string, string> = {
  Point: 'CASE WHEN ST_Covers(c.geom, p.g) THEN 1 ELSE 0 END',
  LineString: 'ST_Length(ST_Intersection(c.geom, p.g)::geography)',
  Polygon: 'ST_Area(ST_Intersection(c.geom, p.g)::geography)',
};

const PLACE_JOIN = (geometry: string) => `
  LEFT JOIN LATERAL (
    SELECT c.code, c.town_code FROM communities c WHERE ST_Intersects(c.geom, p.g) ORDER BY ${SHARE[geometry] ?? SHARE.Point} DESC, c.code LIMIT 1
  ) AS touching ON true
  LEFT JOIN LATERAL (
    SELECT c.code, c.town_code FROM communities c WHERE touching.code IS NULL ORDER BY ST_Distance(c.geom, p.g), c.code LIMIT 1
  ) AS nearest ON true`;

const INPUT = (definitions: string[]) => `
  WITH input AS (
    SELECT * FROM json_to_recordset($1::text::json) AS r("__row" integer, ${definitions.join(', ')}, "__geometry" text)
  ), p AS (
    SELECT input.*, ST_SetSRID(ST_GeomFromGeoJSON("__geometry"), 4326) AS g FROM input
  )`;

function recordset(rows: readonly CommitRow[], names: readonly string[]): string {
  return JSON.stringify(rows.map((row) => {
    const record: Record<string, unknown> = { __row: row.row, __geometry: row.geometry };
    for (const name of names) record[name] = row.values[name] ?? null;
    return record;
  }));
}

/** A facility layer's rows; the ids they carry, when kept, then a fresh id for each other row. */
export async function insertLayerRows(tx: Queryable, layer: LayerDefinition, rows: readonly CommitRow[]): Promise<number[]> {
  const settable = settableProperties(layer);
  const measured = measuredProperty(layer);
  const ids: number[] = [];
  for (const withId of [true, false]) {
    const part = rows.filter((row) => (row.values.id !== undefined && row.values.id !== null) === withId);
    if (!part.length) continue;
    const names = [...(withId ? ['id'] : []), ...settable, 'demo'];
    const definitions = names.map((name) => `${quote(name)} ${name === 'id' ? 'integer' : sqlTypeOf(layer.properties[name].type)}`);
    const columns = [...names.map(quote), '"community_code"', '"town_code"', ...(measured ? [quote(measured.column)] : []), 'geom'];
    const values = [
      ...names.map((name) => (name === 'demo' ? 'coalesce(p.demo, false)' : `p.${quote(name)}`)),
      'coalesce(touching.code, nearest.code)', 'coalesce(touching.town_code, nearest.town_code)',
      ...(measured ? [measured.measure === 'length' ? 'round(ST_Length(p.g::geography)::numeric, 1)::float8' : 'round(ST_Area(p.g::geography)::numeric)::float8'] : []),
      'p.g',
    ];
    const inserted = await tx.unsafe<{ id: number }[]>(
      `${INPUT(definitions)}
       INSERT INTO ${quote(layer.id)} (${columns.join(', ')})
       SELECT ${values.join(', ')} FROM p ${PLACE_JOIN(layer.geometry)}
       ORDER BY p."__row"
       RETURNING id`,
      [recordset(part, names)],
    );
    ids.push(...inserted.map((row) => row.id));
    if (withId) await moveIdentityPast(tx, layer.id);
  }
  return ids;
}

/** After ids written by hand, the next one drawn lies beyond them. */
async function moveIdentityPast(tx: Queryable, table: string): Promise<void> {
  await tx.unsafe(`SELECT setval(pg_get_serial_sequence($1, 'id'), greatest((SELECT max(id) FROM ${quote(table)}), 1))`, [table]);
}

const DEMAND_INPUT = [
  'id integer', 'receipt text', 'optimization integer', 'type text', 'title text', 'text text', 'status text', '"supportCount" integer', 'reply text',
  '"createdAt" timestamptz', '"updatedAt" timestamptz', 'source text', 'contact text', 'reason text', '"mergedInto" integer', 'demo boolean', 'version integer',
];
const DEMAND_NAMES = DEMAND_INPUT.map((definition) => definition.split(' ')[0].replaceAll('"', ''));

/**
 * Demands as the list holds them: a new receipt code where the file has none, the type's
 * optimization and title where it names none, submitted by a survey unless it says otherwise.
 */
export async function insertDemandRows(tx: Queryable, rows: readonly CommitRow[]): Promise<number[]> {
  const ids: number[] = [];
  const withReceipts = rows.map((row): CommitRow => ({ ...row, values: { ...row.values, receipt: row.values.receipt ?? spellReceipt(randomBytes(RECEIPT_LENGTH)) } }));
  for (const withId of [true, false]) {
    const part = withReceipts.filter((row) => (row.values.id !== undefined && row.values.id !== null) === withId);
    if (!part.length) continue;
    const inserted = await tx.unsafe<{ id: number }[]>(
      `${INPUT(DEMAND_INPUT)}
       INSERT INTO demands (${withId ? 'id, ' : ''}receipt, optimization, type, title, text, source, contact, status, reason, reply, merged_into,
                            support_count, community_code, town_code, demo, created_at, updated_at, version, geom)
       SELECT ${withId ? 'p.id, ' : ''}p.receipt, coalesce(p.optimization, t.optimization), p.type, coalesce(p.title, t.title_zh), p.text,
              coalesce(p.source, 'survey'), p.contact, coalesce(p.status, 'submitted'), p.reason, p.reply, p."mergedInto",
              coalesce(p."supportCount", 0), coalesce(touching.code, nearest.code), coalesce(touching.town_code, nearest.town_code),
              coalesce(p.demo, false), coalesce(p."createdAt", now()), coalesce(p."updatedAt", p."createdAt", now()), coalesce(p.version, 1), p.g
       FROM p LEFT JOIN demand_types t ON t.id = p.type ${PLACE_JOIN('Point')}
       ORDER BY p."__row"
       RETURNING id`,
      [recordset(part, DEMAND_NAMES)],
    );
    ids.push(...inserted.map((row) => row.id));
    if (withId) await moveIdentityPast(tx, 'demands');
  }
  return ids;
}

/** Which of these ids the table holds already (an export brought back into a full table gets new ones). */
export async function takenIds(sql: Queryable, table: string, ids: readonly number[]): Promise<number> {
  if (!ids.length) return 0;
  const [row] = await sql.unsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${quote(table)} WHERE id = ANY($1::int[])`, [ids as number[]]);
  return row.count;
}
