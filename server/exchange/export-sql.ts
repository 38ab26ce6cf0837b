import type { ExportFeature, ExportGeometry } from '../../core/exchange/export-features.ts';
import type { ScheduleItem } from '../../core/projects/project-contract.ts';
import type { SurveyRecord, SurveyScores } from '../../core/surveys/survey-contract.ts';
import { propertyNames, type LayerDefinition } from '../../core/layers/registry.ts';
import type { RequestUser } from '../app-env.ts';
import type { Sql } from '../db/client.ts';
import { ORDER_BY, whereOf } from '../demands/demand-list-sql.ts';
import { demandListQuerySchema } from '../demands/demand-query.ts';
import { DEMAND_COLUMNS, toStaffDemand, type DemandRow } from '../demands/demand-sql.ts';
import { selectFeaturePage } from '../ogc/features.ts';
import { today } from '../projects/project-input.ts';
import { listProjects } from '../projects/project-list-sql.ts';
import { projectListQuerySchema, projectScheduleQuerySchema } from '../projects/project-query.ts';
import { toScheduleItem } from '../projects/project-schedule-item.ts';
import { readProjectDetails, toProjectRecord, toPublicProject } from '../projects/project-sql.ts';
import { toSurveyRecord } from '../surveys/survey-sql.ts';

/**
 * What an export holds, read by the API's own queries so a file has the API's fields: a layer
 * as its OGC items (id, the registry's properties, the geometry), the demand list as staff read
 * it (their area only: the list's own scope condition), the project library as staff read it,
 * the schedule as its timeline lists it, the survey table as the survey API's items.
 */

/** Every feature of a layer, as `/ogc/collections/{layer}/items` pages them. */
export async function selectLayerForExport(sql: Sql, layer: LayerDefinition, cap: number): Promise<{ features: ExportFeature[]; names: string[] }> {
  const names = propertyNames(layer);
  const page = await selectFeaturePage(sql, layer, { columns: names, filters: [], limit: cap + 1, offset: 0 });
  return { features: page.features as ExportFeature[], names };
}

/** The demand fields of the staff API (`GET /api/demands`), the place as the geometry. */
const DEMAND_FIELDS = ['receipt', 'optimization', 'type', 'title', 'text', 'status', 'supportCount', 'community', 'town', 'reply', 'createdAt', 'updatedAt', 'source', 'contact', 'reason', 'mergedInto', 'demo', 'version'] as const;

/** The demands a user's list holds, newest first; contacts only for the roles that may take them away. */
export async function selectDemandsForExchange(sql: Sql, user: RequestUser, options: { withContact: boolean; cap: number }): Promise<{ features: ExportFeature[]; names: string[] }> {
  const query = demandListQuerySchema.parse({});
  const rows = await sql<DemandRow[]>`
    SELECT ${sql.unsafe(DEMAND_COLUMNS)} FROM demands d WHERE ${whereOf(sql, query, user)}
    ORDER BY ${sql.unsafe(ORDER_BY[query.sort])} LIMIT ${options.cap + 1}`;
  const features = rows.map((row): ExportFeature => {
    const demand = toStaffDemand(row);
    const properties: Record<string, unknown> = {};
    for (const name of DEMAND_FIELDS) properties[name] = demand[name];
    if (!options.withContact) properties.contact = null;
    const geometry: ExportGeometry = { type: 'Point', coordinates: [demand.lon, demand.lat] };
    return { type: 'Feature', id: demand.id, geometry, properties };
  });
  return { features, names: [...DEMAND_FIELDS] };
}

/** The whole project library as staff read it (`GET /api/projects`), newest first; nested fields (funding, schedule…) as JSON. */
export async function selectProjectsForExport(sql: Sql, cap: number): Promise<{ features: ExportFeature[]; names: string[] }> {
  const day = today();
  const { rows } = await listProjects(sql, { ...projectListQuerySchema.parse({}), limit: cap + 1, offset: 0 }, false, day);
  const details = await readProjectDetails(sql, rows.map((row) => row.id), true);
  const records = rows.map((row) => toProjectRecord(row, details, day));
  const names = records.length ? Object.keys(records[0]).filter((name) => name !== 'id' && name !== 'geometry') : [];
  const features = records.map((record): ExportFeature => {
    const { id, geometry, ...properties } = record;
    return { type: 'Feature', id, geometry: geometry as ExportGeometry, properties };
  });
  return { features, names };
}

/** The timeline's fields (`GET /api/projects/schedule`), after its id. */
const SCHEDULE_FIELDS = [
  'code', 'name', 'optimization', 'type', 'phase', 'heldFrom', 'primaryTown', 'primaryCommunity', 'sizeClass', 'responsibleUnit',
  'parentId', 'progress', 'schedule', 'milestones', 'late', 'start', 'end',
] as const satisfies readonly (keyof ScheduleItem)[];

/** The whole construction schedule (every year), in the timeline's order (earliest start first); each bar placed by its project's geometry. */
export async function selectScheduleForExport(sql: Sql, cap: number): Promise<{ features: ExportFeature[]; names: string[] }> {
  const day = today();
  const { rows, details } = await listProjects(sql, { ...projectScheduleQuerySchema.parse({}), sort: 'start', limit: cap + 1, offset: 0 }, false, day, { details: 'public' });
  const features = rows.map((row): ExportFeature => {
    const item = toScheduleItem(toPublicProject(row, details, day));
    const properties: Record<string, unknown> = {};
    for (const name of SCHEDULE_FIELDS) properties[name] = item[name];
    return { type: 'Feature', id: item.id, geometry: row.geometry as ExportGeometry, properties };
  });
  return { features, names: [...SCHEDULE_FIELDS] };
}

/** The survey API's fields (`GET /api/surveys` items). */
const SURVEY_FIELDS = ['community', 'town', 'quarter', 'respondents', 'overall', 'scores', 'demo'] as const satisfies readonly (keyof SurveyRecord)[];

/**
 * The whole survey table, every quarter (oldest first, then by community), each row placed by
 * its community's polygon: a survey answers for a community, and with its outline the table is a
 * choropleth in any GIS (a shapefile holds no table without shapes).
 */
export async function selectSurveysForExport(sql: Sql, cap: number): Promise<{ features: ExportFeature[]; names: string[] }> {
  const rows = await sql<{ id: number; community_code: string; town_code: string; quarter: string; respondents: number; overall: number; scores: SurveyScores; demo: boolean; version: number; geometry: ExportGeometry }[]>`
    SELECT s.id, s.community_code, s.town_code, s.quarter, s.respondents, s.overall, s.scores, s.demo, s.version, ST_AsGeoJSON(c.geom, 7)::json AS geometry
    FROM surveys s JOIN communities c ON c.code = s.community_code
    ORDER BY s.quarter, s.community_code LIMIT ${cap + 1}`;
  const features = rows.map((row): ExportFeature => {
    const record = toSurveyRecord(row);
    const properties: Record<string, unknown> = {};
    for (const name of SURVEY_FIELDS) properties[name] = record[name];
    return { type: 'Feature', id: row.id, geometry: row.geometry, properties };
  });
  return { features, names: [...SURVEY_FIELDS] };
}
