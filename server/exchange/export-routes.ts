import { Hono } from 'hono';
import { EXPORT_FILES, exportFileName, exportQuerySchema, type ExportQuery } from '../../core/exchange/export-contract.ts';
import { featureTable, flatProperties, toExportCoordinates, type ExportFeature } from '../../core/exchange/export-features.ts';
import { formatCsv } from '../../core/csv-cells.ts';
import { flatProjectColumns } from '../../core/exchange/project-flat-columns.ts';
import { findLayer } from '../../core/layers/registry.ts';
import type { ProjectRecord } from '../../core/projects/project-contract.ts';
import { writeXlsx } from '../../core/xlsx-writer.ts';
import type { AppEnv } from '../app-env.ts';
import { readActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import { CONTACT_EXPORT_ROLES, EXPORT_MAX_ROWS } from '../demands/demand-csv-routes.ts';
import { formatBeijingTime } from '../demands/demand-csv.ts';
import { badRequest, notFound } from '../errors.ts';
import { readQuery } from '../http/read-query.ts';
import { selectDemandsForExchange, selectLayerForExport, selectProjectsForExport, selectScheduleForExport, selectSurveysForExport } from './export-sql.ts';

/**
 * `GET /api/export/{target}?format=geojson|csv|shp|gpkg|xlsx&crs=wgs84|gcj02|cgcs2000`: a layer
 * of the registry, `demands` (the staff's demand list, their area), `projects` (the project
 * library), `schedule` (the construction schedule) or `surveys` (the survey table), as a file. Staff only; the
 * trail records who took what. GeoJSON, Shapefile and GeoPackage are written by GDAL on its own
 * thread; CSV (formula-safe, with a BOM) and XLSX are tables written here. The project library's
 * shapefile has flat columns of at most 10 characters instead of JSON text, which a .dbf would
 * cut at 254 bytes (core/exchange/project-flat-columns.ts).
 */
export const exportRoutes = new Hono<AppEnv>();

exportRoutes.get('/export/:target', async (context) => {
  const target = context.req.param('target');
  const query = readQuery(context, exportQuerySchema);
  const user = context.get('user')!;
  const { sql, services } = context.get('deps');
  const withContact = CONTACT_EXPORT_ROLES.includes(user.role);
  const { features, names } = await readTarget(target);
  if (features.length > EXPORT_MAX_ROWS) {
    throw badRequest('export_too_large', `more than ${EXPORT_MAX_ROWS.toLocaleString('en-US')} features: this export is too large for one file`);
  }
  const exported = toExportCoordinates(features, query.crs);
  const bytes = await writeFile(target, exported, names, query);
  await writeAudit(sql, await readActor(context), {
    action: 'export', entity: 'export', entityId: target, after: { format: query.format, crs: query.crs, count: features.length, ...(target === 'demands' ? { withContact } : {}) },
  });
  const day = formatBeijingTime(new Date()).slice(0, 10).replaceAll('-', '');
  context.header('Content-Type', EXPORT_FILES[query.format].mediaType);
  context.header('Content-Disposition', `attachment; filename="${exportFileName(target, query, day)}"`);
  context.header('Cache-Control', 'private, no-store');
  return context.body(bytes as Uint8Array<ArrayBuffer>);

  async function readTarget(name: string) {
    if (name === 'demands') return selectDemandsForExchange(sql, user, { withContact, cap: EXPORT_MAX_ROWS });
    if (name === 'projects') return selectProjectsForExport(sql, EXPORT_MAX_ROWS);
    if (name === 'schedule') return selectScheduleForExport(sql, EXPORT_MAX_ROWS);
    if (name === 'surveys') return selectSurveysForExport(sql, EXPORT_MAX_ROWS);
    const layer = findLayer(name);
    if (!layer) throw notFound('unknown_export_target', `nothing to export is called ${JSON.stringify(name.slice(0, 60))}: give a layer id, demands, projects, schedule or surveys`);
    return selectLayerForExport(sql, layer, EXPORT_MAX_ROWS);
  }

  async function writeFile(name: string, rows: ExportFeature[], properties: string[], { format, crs }: ExportQuery): Promise<Uint8Array> {
    if (format === 'csv') return new TextEncoder().encode(formatCsv(featureTable(rows, properties)));
    if (format === 'xlsx') return writeXlsx({ name, rows: featureTable(rows, properties) });
    // The API's id as the first field: GDAL keeps it in every format (a shapefile has no feature ids).
    const flat = name === 'projects' && format === 'shp'
      ? (feature: ExportFeature) => flatProjectColumns(feature.properties as unknown as ProjectRecord)
      : (feature: ExportFeature) => flatProperties(feature.properties);
    const collection = {
      type: 'FeatureCollection',
      features: rows.map((feature) => ({ type: 'Feature', geometry: feature.geometry, properties: { id: feature.id, ...flat(feature) } })),
    };
    return services.gdal.convert({ format, crs, layerName: name, geojson: JSON.stringify(collection) });
  }
});
