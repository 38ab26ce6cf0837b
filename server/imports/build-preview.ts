import { randomUUID } from 'node:crypto';
import { IMPORT_LIMITS, type ImportEncoding, type ImportPreview, type InvalidRow } from '../../core/exchange/import-contract.ts';
import { describeEpsg, epsgOfImportCrs } from '../../core/exchange/import-crs.ts';
import { boundsOf, orientRings, toImportRows, type ImportRow, type ReadFeature } from '../../core/exchange/import-features.ts';
import { proposeMapping, unguardCsvText } from '../../core/exchange/import-fields.ts';
import { notice, problem, type ImportNotice } from '../../core/exchange/import-problems.ts';
import type { RequestUser } from '../app-env.ts';
import { isWithinScope } from '../access/scope.ts';
import type { Sql } from '../db/client.ts';
import { readLayerVersions } from '../db/layer-versions.ts';
import { listDemandTypes } from '../demands/demand-type-sql.ts';
import { badRequest } from '../errors.ts';
import type { GdalThread } from '../exchange/gdal-thread.ts';
import { checkImportGeometries, districtBounds } from './import-geometry-sql.ts';
import { takenIds } from './import-commit-sql.ts';
import { applyMapping } from './import-rows.ts';
import { resolveImportTarget, type ImportTarget } from './import-target.ts';
import { layOutUpload } from './upload-files.ts';

export interface Upload {
  name: string;
  bytes: Uint8Array;
  crs?: string;
  encoding?: ImportEncoding;
}

/** A repaired geometry is kept when it is still a shape the target holds (any of a project's kinds, or the layer's own). */
const PROJECT_SHAPES = new Set(['ST_Point', 'ST_LineString', 'ST_Polygon', 'ST_MultiPoint', 'ST_MultiLineString', 'ST_MultiPolygon']);
const keepsShape = (target: ImportTarget, repairedType: string | null) =>
  target.geometry === 'any' ? PROJECT_SHAPES.has(repairedType ?? '') : repairedType === `ST_${target.geometry}`;

/** Where coordinates lay, to say it in a refusal. */
const where = (bounds: readonly number[] | null) => (bounds ? `${bounds.map((value) => Math.round(value * 1000) / 1000).join(', ')}` : 'nowhere');

/**
 * An upload read into a preview: laid out on disk, read by GDAL on its thread, made into rows
 * of the target's shape, every geometry checked in PostGIS, the fields mapped by name. Whatever
 * is wrong with the file as a whole is a 4xx here; what is wrong with a row is listed.
 */
export async function buildPreview(sql: Sql, gdal: GdalThread, named: ImportTarget, user: RequestUser, upload: Upload): Promise<{ preview: ImportPreview; rows: ImportRow[] }> {
  const files = layOutUpload(upload.name, upload.bytes, upload.encoding);
  const district = await districtBounds(sql);
  let read;
  try {
    if (files.format === 'shp' && !files.hasPrj && !upload.crs) {
      throw badRequest('shapefile_without_prj', 'the shapefile has no .prj, so its coordinate system is unknown: zip the .prj with it, or say the system with crs (wgs84, gcj02, bd09, cgcs2000, EPSG:4513…4554)');
    }
    const sourceEpsg = upload.crs ? epsgOfImportCrs(upload.crs) : null;
    read = await gdal.read({
      path: files.path,
      morePaths: files.morePaths,
      table: files.format === 'csv' || files.format === 'xlsx' ? files.format : null,
      openOptions: files.openOptions,
      sourceEpsg,
      districtLongitude: district ? (district[0] + district[2]) / 2 : 105,
    }).catch((error: unknown) => {
      throw badRequest('unreadable_file', `the file cannot be read as ${files.format}: ${(error instanceof Error ? error.message : String(error)).replace(/^GDAL: /, '').slice(0, 300)}`);
    });
  } finally {
    files.remove();
  }
  if ('problem' in read.crs) {
    const extent = where(read.crs.extent);
    if (read.crs.problem === 'missing') throw badRequest('shapefile_without_prj', 'the shapefile has no .prj, so its coordinate system is unknown: zip the .prj with it, or say the system with crs');
    if (read.crs.problem === 'swapped') throw badRequest('swapped_coordinates', `longitude and latitude look swapped: the first coordinate lies within ${extent} (x, y from west-south to east-north), latitudes where longitudes should be; swap the columns (or the coordinates) and upload again`, { extent: read.crs.extent });
    throw badRequest('unknown_crs', `the coordinates (${extent}) are neither degrees nor a Gauss-Krüger zone: say the coordinate system with crs`, { extent: read.crs.extent });
  }
  const collection = JSON.parse(new TextDecoder().decode(read.geojson!)) as { features: Array<ReadFeature & { id?: unknown }> };
  const features = collection.features;
  const fields = [...read.fields];
  const target = named.kind === 'projects' ? resolveImportTarget(named.id, user, fields.map((field) => field.name)) : named;
  if (files.format === 'shp') for (const feature of features) feature.geometry = orientRings(feature.geometry);
  if (files.format === 'csv') {
    for (const feature of features) feature.properties = Object.fromEntries(Object.entries(feature.properties ?? {}).map(([name, value]) => [name, unguardCsvText(value)]));
  }
  // Ids from 0 are GDAL's row numbers (a GeoJSON without ids), not data.
  if (read.fidField && !fields.some((field) => field.name === read.fidField) && features.every((feature) => Number.isInteger(feature.id) && Number(feature.id) > 0)) {
    fields.unshift({ name: read.fidField, type: 'Integer64' });
    for (const feature of features) feature.properties = { [read.fidField]: feature.id, ...feature.properties };
  }
  if (!features.length) throw badRequest('empty_file', `the file's layer ${JSON.stringify(read.layer)} holds no features`);
  if (features.length > IMPORT_LIMITS.maxFeatures) throw badRequest('too_many_features', `the file holds ${features.length.toLocaleString('en-US')} features; an import takes at most ${IMPORT_LIMITS.maxFeatures.toLocaleString('en-US')}: split it`);

  const shift = upload.crs === 'gcj02' || upload.crs === 'bd09' ? upload.crs : null;
  const made = toImportRows(features, target.geometry, shift);
  if ('mixed' in made) {
    throw badRequest('mixed_geometry_types', `the file mixes kinds of shape (${Object.entries(made.mixed).map(([type, count]) => `${count} ${type}`).join(', ')}); ${target.id} holds ${target.geometry}s only: split the file by kind`, { geometryTypes: made.mixed });
  }
  if ('wrongType' in made) throw badRequest('wrong_geometry_type', `the file holds ${made.wrongType}s; ${target.id} holds ${target.geometry}s`, { found: made.wrongType, expected: target.geometry });
  const { rows, geometryTypes } = made;

  // Geometry: repaired where PostGIS can, inside the district, in the user's area.
  const scoped = target.kind === 'demands' && (user.role === 'town' || user.role === 'planner');
  const checks = await checkImportGeometries(sql, rows, { places: scoped });
  const byRow = new Map(rows.map((row) => [row.row, row]));
  const repairedRows: InvalidRow[] = [];
  let inside = 0;
  for (const check of checks) {
    const row = byRow.get(check.row)!;
    if (!check.valid) {
      if (keepsShape(target, check.repairedType)) {
        row.geometry = JSON.parse(check.repaired!) as ImportRow['geometry'];
        const reason = `${check.reason ?? 'invalid'}: repaired with ST_MakeValid`;
        repairedRows.push({ row: check.row, reason, problems: [problem('repaired', { reason: check.reason ?? 'invalid' }, reason)] });
      } else {
        const made = check.repairedType?.replace('ST_', '') ?? '';
        row.problems.push(problem('invalid_geometry', { reason: check.reason ?? 'invalid', made, expected: target.geometry },
          `the geometry is not valid (${check.reason ?? 'invalid'}) and ST_MakeValid makes it a ${made || 'different shape'}, not a ${target.geometry}`));
      }
    }
    if (!check.inside) row.problems.push(problem('outside_district', {}, 'it lies outside the district'));
    else inside += 1;
    if (scoped && check.inside && !isWithinScope(user, { town: check.town, community: check.community })) {
      row.problems.push(problem('outside_user_area', { town: check.town ?? '' }, `it lies in ${check.town ?? 'another town'}, outside your area`));
    }
  }
  const bbox = boundsOf(rows);
  if (checks.length && inside === 0) {
    throw badRequest('outside_district', `none of the ${rows.length.toLocaleString('en-US')} features lies in the district: they lie within ${where(bbox)}, the district within ${where(district)} (west, south, east, north); check the coordinate system (read as ${read.crs.name}) or say it with crs`, { bbox, district, crs: read.crs.name });
  }

  const fieldNames = fields.map((field) => field.name);
  const mapping = proposeMapping(target.fields.properties, fieldNames);
  const notices: ImportNotice[] = [];
  if (read.otherLayers.length) notices.push(notice('other_layers', { layers: read.otherLayers.join(', '), layer: read.layer }, `the file has other layers too (${read.otherLayers.join(', ')}); ${read.layer} is read`));
  const table = target.kind === 'layer' ? target.layer.id : target.id;
  if (mapping.id) {
    const ids = rows.map((row) => Number(row.attributes[mapping.id!])).filter(Number.isInteger);
    const taken = await takenIds(sql, table, ids);
    if (taken) {
      notices.push(notice('ids_taken', { count: taken, table }, `${taken.toLocaleString('en-US')} of the file's ids are in ${table} already: every row gets a new id`));
      mapping.id = null;
    }
  }
  const knownTypes = target.kind === 'demands' ? new Set((await listDemandTypes(sql)).map((type) => type.id)) : null;
  const { invalid } = applyMapping(rows, mapping, target, knownTypes);
  const invalidRows = new Set(invalid.map((bad) => bad.row));
  const wholeLayer = target.kind === 'layer' || target.kind === 'roads';
  const versions = await readLayerVersions(sql, [wholeLayer ? target.id : `published_${target.id}`]);
  const now = new Date();
  const crsCode = upload.crs ?? (read.crs.epsg ? `EPSG:${read.crs.epsg}` : 'file');
  const crsName = read.crs.name ?? describeEpsg(read.crs.epsg ?? 4326);
  const crsNotice = read.crs.source === 'guessed'
    ? notice(read.crs.epsg === 4326 ? 'crs_guessed_degrees' : 'crs_guessed', { name: crsName },
      `the file does not say: the coordinates look like ${crsName}${read.crs.epsg === 4326 ? ' (GCJ-02 from AMap or Tencent, BD-09 from Baidu look the same: say crs=gcj02 or bd09 if so)' : ''}`)
    : read.crs.source === 'override'
      ? notice('crs_override', { name: shift ?? crsName }, `read as ${shift ?? crsName}, as asked`)
      : notice('crs_from_file', { name: crsName }, `the file says ${crsName}`);
  const preview: ImportPreview = {
    id: randomUUID(),
    target: target.id,
    targetVersion: wholeLayer ? versions.get(target.id) ?? 0 : null,
    file: { name: upload.name.slice(0, 200), format: files.format, bytes: upload.bytes.length, layer: read.layer, otherLayers: read.otherLayers },
    featureCount: rows.length,
    geometryTypes,
    fields,
    crs: { code: shift ?? crsCode, name: shift ? `${shift === 'gcj02' ? 'GCJ-02' : 'BD-09'} (converted to WGS 84)` : read.crs.name ?? describeEpsg(read.crs.epsg ?? 4326), source: read.crs.source, note: crsNotice.message, notice: crsNotice },
    encoding: files.encoding,
    rows: rows.slice(0, IMPORT_LIMITS.previewRows).map((row) => row.attributes),
    mapping,
    properties: target.fields.properties.map(({ name, type, required }) => ({ name, type, required })),
    invalidRows: invalid,
    repairedRows,
    notes: notices.map((item) => item.message),
    notices,
    bbox,
    sample: {
      type: 'FeatureCollection',
      features: rows.filter((row) => row.geometry).slice(0, IMPORT_LIMITS.mapSample).map((row) => ({
        type: 'Feature', id: row.row, geometry: row.geometry, properties: { row: row.row, invalid: invalidRows.has(row.row) },
      })),
    },
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + IMPORT_LIMITS.lifetimeHours * 3_600_000).toISOString(),
  };
  return { preview, rows };
}
