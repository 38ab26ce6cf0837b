/**
 * Reading an uploaded file on the GDAL thread: open it, say what it holds (layers, fields,
 * coordinate system), and write its first layer with features as GeoJSON in WGS84 degrees.
 * A spreadsheet is first written as CSV, so both take their place from lon/lat or WKT columns.
 * A zip of several shapefiles (one per kind of shape, as a shapefile holds one) is read whole:
 * every shapefile in turn, their features one collection, their fields together.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeEpsg, guessCrs } from '../../core/exchange/import-crs.ts';
import type { GdalReadResult, GdalReadTask } from './gdal-messages.ts';

export interface GdalDataset {
  pointer: number;
}

export interface Gdal {
  open(path: string | string[], openOptions?: string[]): Promise<{ datasets: GdalDataset[]; errors: unknown[] }>;
  ogr2ogr(dataset: GdalDataset, options: string[], outputName: string): Promise<{ local: string; all: { local: string }[] }>;
  ogrinfo(dataset: GdalDataset, options?: string[]): Promise<VectorInfo>;
  getFileBytes(path: string | { local: string }): Promise<Uint8Array>;
  close(dataset: GdalDataset): Promise<void> | void;
  Module: { FS: { unlink(path: string): void } };
}

interface VectorInfo {
  driverShortName: string;
  layers: Array<{
    name: string;
    featureCount: number;
    fidColumnName?: string;
    fields: Array<{ name: string; type: string }>;
    geometryFields: Array<{ type: string; extent?: number[]; coordinateSystem: { wkt?: string; projjson?: { name?: string; id?: { authority?: string; code?: number } } } | null }>;
  }>;
}

/** Where a spreadsheet keeps the place: names GDAL looks for (any case). */
const TABLE_OPTIONS = [
  'X_POSSIBLE_NAMES=lon,longitude,lng,x,经度',
  'Y_POSSIBLE_NAMES=lat,latitude,y,纬度',
  'GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom',
  'KEEP_GEOM_COLUMNS=NO',
];

let outputNumber = 0;

export async function readUpload(Gdal: Gdal, task: GdalReadTask): Promise<GdalReadResult> {
  if (!task.morePaths?.length) return readOne(Gdal, task);
  const parts: GdalReadResult[] = [];
  for (const path of [task.path, ...task.morePaths]) {
    const part = await readOne(Gdal, { ...task, path });
    // A shapefile whose coordinate system is a problem makes the whole file one.
    if ('problem' in part.crs) return part;
    parts.push(part);
  }
  const fields = new Map<string, GdalReadResult['fields'][number]>();
  for (const part of parts) for (const field of part.fields) if (!fields.has(field.name)) fields.set(field.name, field);
  const features = parts.flatMap((part) => (JSON.parse(new TextDecoder().decode(part.geojson!)) as { features: unknown[] }).features);
  return {
    ...parts[0],
    layer: parts.map((part) => part.layer).join(', '),
    fields: [...fields.values()],
    geojson: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })),
  };
}

async function readOne(Gdal: Gdal, task: GdalReadTask): Promise<GdalReadResult> {
  const opened: GdalDataset[] = [];
  const outputs: string[] = [];
  const open = async (paths: string | string[], options: string[]) => {
    const { datasets, errors } = await Gdal.open(paths, options);
    if (!datasets.length) throw new Error(`the file cannot be read${errors.length ? `: ${describeError(errors[0])}` : ''}`);
    opened.push(datasets[0]);
    return datasets[0];
  };
  try {
    // The main file first: GDAL opens the first of each name and reads its siblings beside it.
    const folder = dirname(task.path);
    const siblings = readdirSync(folder).map((name) => join(folder, name)).filter((path) => path !== task.path);
    let dataset = await open(task.table ? task.path : [task.path, ...siblings], task.table === 'csv' ? [...TABLE_OPTIONS, ...task.openOptions] : task.openOptions);
    if (task.table === 'xlsx') {
      const csv = await Gdal.ogr2ogr(dataset, ['-f', 'CSV'], `sheet-${(outputNumber += 1)}`);
      outputs.push(...csv.all.map((file) => file.local));
      dataset = await open(csv.local, TABLE_OPTIONS);
    }
    const info = await Gdal.ogrinfo(dataset, ['-so', '-al']);
    const layers = info.layers.filter((layer) => layer.featureCount !== 0);
    const layer = layers[0] ?? info.layers[0];
    if (!layer) throw new Error('the file holds no layer of features');
    const otherLayers = info.layers.map((each) => each.name).filter((name) => name !== layer.name);
    // A GeoPackage's and a GeoJSON's feature ids are data (an export's ids); a shapefile's or a table's are row numbers.
    const keepsIds = info.driverShortName === 'GPKG' || info.driverShortName === 'GeoJSON';
    const fidField = keepsIds ? layer.fidColumnName || 'id' : null;
    const base = { layer: layer.name, otherLayers, driver: info.driverShortName, fidField, fields: layer.fields.map(({ name, type }) => ({ name, type })) };

    const geometryField = layer.geometryFields[0];
    const extent = geometryField?.extent ?? null;
    const system = geometryField?.coordinateSystem ?? null;
    const fileEpsg = system?.projjson?.id?.authority === 'EPSG' ? Number(system.projjson.id.code) : null;
    let crs: GdalReadResult['crs'];
    if (task.sourceEpsg) crs = { epsg: task.sourceEpsg, name: describeEpsg(task.sourceEpsg), source: 'override' };
    else if (system && !(fileEpsg === 4326 || fileEpsg === 4490) && fileEpsg !== null) crs = { epsg: fileEpsg, name: describeEpsg(fileEpsg), source: 'file' };
    else if (system && fileEpsg === null) crs = { epsg: null, name: system.projjson?.name ?? 'the coordinate system of the file', source: 'file' };
    else if (!system && task.path.toLowerCase().endsWith('.shp')) crs = { problem: 'missing', extent };
    else {
      // Degrees (said by the file, or a table's numbers): the extent still tells swapped columns, or metres.
      const guess = extent ? guessCrs(extent as [number, number, number, number], task.districtLongitude) : { kind: 'geographic' as const, epsg: 4326 as const };
      if (guess.kind === 'swapped') crs = { problem: 'swapped', extent };
      else if (guess.kind === 'unknown') crs = { problem: 'unknown', extent };
      else if (system && guess.kind === 'geographic') crs = { epsg: fileEpsg, name: describeEpsg(fileEpsg!), source: 'file' };
      else crs = { epsg: guess.epsg, name: describeEpsg(guess.epsg), source: 'guessed' };
    }
    if ('problem' in crs) return { ...base, crs, geojson: null };

    const options = ['-f', 'GeoJSON', '-lco', 'RFC7946=NO', '-lco', 'WRITE_NAME=NO', '-dim', 'XY', '-t_srs', 'EPSG:4326'];
    if (crs.epsg && crs.source !== 'file') options.push('-s_srs', `EPSG:${crs.epsg}`);
    if (keepsIds) options.push('-preserve_fid');
    const output = await Gdal.ogr2ogr(dataset, [...options, layer.name], `import-${(outputNumber += 1)}`);
    outputs.push(...output.all.map((file) => file.local));
    return { ...base, crs, geojson: await Gdal.getFileBytes(output.local) };
  } finally {
    for (const dataset of opened) await Gdal.close(dataset);
    for (const path of outputs) Gdal.Module.FS.unlink(path);
  }
}

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return basename(String(error));
}
