import { randomBytes } from 'node:crypto';
import { RECEIPT_LENGTH, spellReceipt } from '../../core/demands/receipt-code.ts';
import type { RequestUser } from '../app-env.ts';
import type { Queryable, Sql } from '../db/client.ts';
import type { DemandCsvError, DemandExportRow, ImportedDemand } from './demand-csv.ts';
import { ORDER_BY, whereOf } from './demand-list-sql.ts';
import type { DemandListQuery } from './demand-query.ts';
import { DEMAND_COLUMNS, type DemandRow } from './demand-sql.ts';

/**
 * The SQL of the CSV export and import. The export filters exactly as the list does (its WHERE
 * and order); the import places every row in one statement and writes all rows in a few.
 */

export type DemandExportQuery = Omit<DemandListQuery, 'limit' | 'offset'>;

/**
 * The demands the list would show, all pages at once, up to `cap` + 1 rows (the caller refuses
 * more). A role that may not see contacts is not sent them: the column is NULL in SQL.
 */
export async function selectDemandsForExport(sql: Sql, query: DemandExportQuery, user: RequestUser, options: { withContact: boolean; cap: number }): Promise<DemandExportRow[]> {
  return sql<DemandExportRow[]>`
    SELECT d.id, d.external_ref, d.receipt, d.created_at, d.source, d.optimization, t.title_zh AS type_title, d.title, d.text,
           round(ST_X(d.geom)::numeric, 7)::float8 AS lon, round(ST_Y(d.geom)::numeric, 7)::float8 AS lat,
           tw.name AS town_name, d.town_code, c.name AS community_name, d.community_code, d.status, d.support_count,
           d.merged_into, d.reason, d.reply, d.updated_at, d.demo, ${options.withContact ? sql`d.contact` : sql`NULL::text`} AS contact,
           ARRAY(SELECT p.code FROM project_demands l JOIN projects p ON p.id = l.project_id WHERE l.demand_id = d.id ORDER BY p.id) AS project_codes
    FROM demands d
      JOIN demand_types t ON t.id = d.type
      LEFT JOIN towns tw ON tw.code = d.town_code
      LEFT JOIN communities c ON c.code = d.community_code
    WHERE ${whereOf(sql, { ...query, limit: options.cap + 1, offset: 0 }, user)}
    ORDER BY ${sql.unsafe(ORDER_BY[query.sort])}
    LIMIT ${options.cap + 1}`;
}

interface PlacedRow {
  row: number;
  inside: boolean;
  community_code: string | null;
  town_code: string | null;
  town_name: string | null;
}

/**
 * Community and town of every row's point, as a feature's are derived: the community that covers
 * it (the nearest on a seam); a point outside the district, or another town's for a town office,
 * is an error on its coordinates.
 */
export async function placeImportedDemands(tx: Queryable, demands: readonly ImportedDemand[], user: RequestUser, errors: DemandCsvError[]): Promise<Map<number, { community: string; town: string }>> {
  const points = demands.map(({ row, lon, lat }) => ({ row, lon, lat }));
  const rows = await tx<PlacedRow[]>`
    SELECT p.row, EXISTS (SELECT 1 FROM district d WHERE ST_CoveredBy(p.geom, d.geom)) AS inside,
           located.code AS community_code, located.town_code, tw.name AS town_name
    FROM (SELECT r.row, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) AS geom
          FROM json_to_recordset(${JSON.stringify(points)}::text::json) AS r("row" integer, lon float8, lat float8)) AS p
    LEFT JOIN LATERAL (
      SELECT c.code, c.town_code FROM communities c
      WHERE ST_DWithin(c.geom, p.geom, 0.01)
      ORDER BY ST_Covers(c.geom, p.geom) DESC, ST_Distance(c.geom, p.geom), c.code LIMIT 1
    ) AS located ON true
    LEFT JOIN towns tw ON tw.code = located.town_code
    ORDER BY p.row`;
  const places = new Map<number, { community: string; town: string }>();
  for (const placed of rows) {
    if (!placed.inside || !placed.community_code || !placed.town_code) {
      errors.push({ row: placed.row, column: '经度', message: 'this place lies outside the district (check 经度, 纬度 and 坐标系)' });
    } else if (user.role === 'town' && placed.town_code !== user.town) {
      errors.push({ row: placed.row, column: '经度', message: `this place lies in ${placed.town_name ?? placed.town_code}, outside your town ${user.town}` });
    } else places.set(placed.row, { community: placed.community_code, town: placed.town_code });
  }
  return places;
}

/** Tickets of the file that the list holds already: importing the same export twice creates nothing twice. */
export async function findImportedTickets(tx: Queryable, demands: readonly ImportedDemand[], errors: DemandCsvError[]): Promise<void> {
  const tickets = demands.filter((demand) => demand.externalRef).map(({ row, source, externalRef }) => ({ row, source, ref: externalRef }));
  if (!tickets.length) return;
  const found = await tx<{ row: number; id: number; ref: string }[]>`
    SELECT r.row, d.id, r.ref
    FROM json_to_recordset(${JSON.stringify(tickets)}::text::json) AS r("row" integer, source text, ref text)
    JOIN demands d ON d.source = r.source AND d.external_ref = r.ref
    ORDER BY r.row`;
  for (const hit of found) errors.push({ row: hit.row, column: '工单编号', message: `the ticket ${hit.ref} was imported already, as demand ${hit.id}` });
}

/** Receipt codes are 50 bits: a clash is rare, and a few fresh draws settle it. */
const RECEIPT_ATTEMPTS = 5;

/** Insert the rows (status submitted, version 1); a row whose receipt is taken draws another. */
export async function insertImportedDemands(tx: Queryable, demands: readonly ImportedDemand[], places: Map<number, { community: string; town: string }>): Promise<Array<DemandRow & { row: number; external_ref: string | null }>> {
  const created: Array<DemandRow & { row: number; external_ref: string | null }> = [];
  let pending = [...demands];
  for (let attempt = 0; attempt < RECEIPT_ATTEMPTS && pending.length; attempt += 1) {
    const rows = pending.map((demand) => ({
      ...demand,
      receipt: spellReceipt(randomBytes(RECEIPT_LENGTH)),
      createdAt: demand.createdAt?.toISOString() ?? null,
      community: places.get(demand.row)!.community,
      town: places.get(demand.row)!.town,
    }));
    const inserted = await tx<Array<DemandRow & { row: number; external_ref: string | null }>>`
      WITH input AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::text::json) AS r(
          "row" integer, "externalRef" text, "createdAt" timestamptz, source text, optimization integer, type text, title text,
          text text, contact text, lon float8, lat float8, receipt text, community text, town text)
      ), inserted AS (
        INSERT INTO demands AS d (receipt, external_ref, optimization, type, title, text, source, contact, community_code, town_code, created_at, geom)
        SELECT receipt, "externalRef", optimization, type, title, text, source, contact, community, town, coalesce("createdAt", now()),
               ST_SetSRID(ST_MakePoint(lon, lat), 4326)
        FROM input ORDER BY "row"
        ON CONFLICT (receipt) DO NOTHING
        RETURNING *
      )
      SELECT ${tx.unsafe(DEMAND_COLUMNS)}, d.external_ref, input.row
      FROM inserted d JOIN input ON input.receipt = d.receipt
      ORDER BY input.row`;
    created.push(...inserted);
    const done = new Set(inserted.map((row) => row.row));
    pending = pending.filter((demand) => !done.has(demand.row));
  }
  if (pending.length) throw new Error(`no free receipt code for ${pending.length} imported demand(s) in ${RECEIPT_ATTEMPTS} draws`);
  return created.sort((a, b) => a.row - b.row);
}
