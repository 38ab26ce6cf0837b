import { createFacility, type Facility, type FacilityGeometry } from '../../core/analysis/facility.ts';
import type { LayerDefinition } from '../../core/layers/registry.ts';
import type { Queryable } from '../db/client.ts';

/** The towns' figures for the comparison, each in one statement grouped by town. */

export interface DemandFiguresRow {
  town: string;
  received: number;
  answered: number;
  median_days: number | null;
}

/**
 * Demands submitted in [start, end] (district days, UTC+8), hidden ones aside. Answered: no longer
 * waiting in `submitted`; how fast: from submission to the first answer (answered_at, stamped by
 * the database when a demand first leaves `submitted`), not to its latest change, so a demand
 * accepted in two days and resolved months later counts as answered in two days.
 */
export async function selectDemandFigures(sql: Queryable, period: { start: string; end: string }): Promise<DemandFiguresRow[]> {
  return sql<DemandFiguresRow[]>`
    SELECT town_code AS town, count(*)::int AS received,
           count(*) FILTER (WHERE status <> 'submitted')::int AS answered,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 86400)
              FILTER (WHERE status <> 'submitted'))::float8 AS median_days
    FROM demands
    WHERE status <> 'hidden'
      AND created_at >= (${period.start}::date)::timestamp AT TIME ZONE INTERVAL '+08:00'
      AND created_at < ((${period.end}::date + 1)::timestamp AT TIME ZONE INTERVAL '+08:00')
    GROUP BY town_code`;
}

export interface ProjectFiguresRow {
  town: string;
  projects: number;
  late: number;
}

/** Projects whose schedule reaches into the period (not cancelled), and how many are late today. */
export async function selectProjectFigures(sql: Queryable, period: { start: string; end: string }, today: string): Promise<ProjectFiguresRow[]> {
  return sql<ProjectFiguresRow[]>`
    SELECT primary_town AS town, count(*)::int AS projects,
           count(*) FILTER (WHERE overdue_from IS NOT NULL AND overdue_from < ${today}::date)::int AS late
    FROM projects
    WHERE phase <> 'cancelled' AND daterange(span_start, span_end, '[]') && daterange(${period.start}::date, ${period.end}::date, '[]')
    GROUP BY primary_town`;
}

export interface CompletedFacilityRow {
  layer: string;
  feature_ids: number[];
}

/**
 * Per facility layer, the features that projects completed in the period put there and that are
 * still in it (completion is the phase move to `completed`, on `phase_since`, as the targets count it).
 */
export async function selectCompletedFacilities(sql: Queryable, period: { start: string; end: string }): Promise<CompletedFacilityRow[]> {
  return sql<CompletedFacilityRow[]>`
    SELECT facility_layer AS layer, array_agg(facility_feature_id ORDER BY facility_feature_id) AS feature_ids
    FROM projects
    WHERE phase = 'completed' AND phase_since BETWEEN ${period.start}::date AND ${period.end}::date AND facility_feature_id IS NOT NULL
    GROUP BY facility_layer ORDER BY facility_layer`;
}

/**
 * A layer's facilities without some of its features, in the form the analysis reads them
 * (server/analysis/analysis-sql.ts: points as exact float8, lines and areas as GeoJSON with 15
 * decimals), so what remains measures exactly as it would in the layer.
 */
export async function selectFacilitiesExcept(sql: Queryable, layer: LayerDefinition, featureIds: readonly number[]): Promise<Facility[]> {
  const ids = [...featureIds];
  if (layer.geometry === 'Point') {
    const rows = await sql.unsafe<{ lon: number; lat: number }[]>(`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM ${layer.id} WHERE id <> ALL($1::int[]) ORDER BY id`, [ids]);
    return rows.map((row) => createFacility({ type: 'Point', coordinates: [row.lon, row.lat] }));
  }
  const rows = await sql.unsafe<{ geometry: string }[]>(`SELECT ST_AsGeoJSON(geom, 15) AS geometry FROM ${layer.id} WHERE id <> ALL($1::int[]) ORDER BY id`, [ids]);
  return rows.map((row) => createFacility(JSON.parse(row.geometry) as FacilityGeometry));
}
