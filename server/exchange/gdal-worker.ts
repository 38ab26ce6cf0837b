/**
 * The GDAL thread: gdal3.js (GDAL compiled to WebAssembly) converts GeoJSON into the files
 * planning offices use, and reads theirs (gdal-read.ts). It runs here, off the request thread: loading GDAL takes seconds and a
 * large conversion seconds more. Its data files (PROJ's database, GDAL's) come from node_modules;
 * nothing is fetched.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { zipSync } from 'fflate';
import { epsgOf } from '../../core/exchange/export-contract.ts';
import type { GdalReadTask, GdalReply, GdalTask } from './gdal-messages.ts';
import { readUpload, type Gdal } from './gdal-read.ts';


const require = createRequire(import.meta.url);
const initGdalJs = require('gdal3.js/node.js') as (options: { path: string; useWorker: boolean }) => Promise<Gdal>;
// gdal3.js prefixes the path with './': it must be relative to the working directory.
const gdalFiles = relative(process.cwd(), join(dirname(require.resolve('gdal3.js/package.json')), 'dist', 'package'));
const gdal = initGdalJs({ path: gdalFiles, useWorker: false });

const DRIVERS = {
  // The id field becomes each feature's own id, as the API serves it.
  geojson: ['-f', 'GeoJSON', '-lco', 'RFC7946=NO', '-lco', 'WRITE_NAME=NO', '-lco', 'ID_FIELD=id'],
  // The .cpg says UTF-8, so Chinese names read back in ArcGIS and QGIS.
  shp: ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8'],
  // GDAL reads the id property as each feature's id: it becomes the table's key column, named id.
  gpkg: ['-f', 'GPKG', '-lco', 'FID=id', '-preserve_fid'],
} as const;

/** A shapefile holds one kind of shape: a mixed layer (projects) is one shapefile per kind, in one zip. */
const SHAPE_FAMILIES: Record<string, string> = {
  Point: 'points', MultiPoint: 'points', LineString: 'lines', MultiLineString: 'lines', Polygon: 'polygons', MultiPolygon: 'polygons',
};

async function convert(task: GdalTask): Promise<Uint8Array> {
  const folder = mkdtempSync(join(tmpdir(), 'atlas-export-'));
  try {
    if (task.format !== 'shp') {
      const [bytes] = Object.values(await translate(task, folder, task.layerName, task.geojson));
      return bytes;
    }
    const collection = JSON.parse(task.geojson) as { features: { geometry: { type: string } }[] };
    const families = new Map<string, typeof collection.features>();
    for (const feature of collection.features) {
      const family = SHAPE_FAMILIES[feature.geometry.type] ?? 'other';
      const members = families.get(family) ?? [];
      members.push(feature);
      families.set(family, members);
    }
    const parts: Record<string, Uint8Array> = {};
    for (const [family, features] of families.size > 1 ? families : new Map([['', collection.features]])) {
      const name = family ? `${task.layerName}_${family}` : task.layerName;
      Object.assign(parts, await translate(task, folder, name, JSON.stringify({ type: 'FeatureCollection', features })));
    }
    return zipSync(parts, { level: 6, mtime: new Date(Date.UTC(2000, 0, 1)) });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One ogr2ogr run: the files it wrote, by their names in the export (`kindergartens.dbf`…). */
async function translate(task: GdalTask, folder: string, layerName: string, geojson: string): Promise<Record<string, Uint8Array>> {
  const Gdal = await gdal;
  const input = join(folder, `${layerName}.geojson`);
  writeFileSync(input, geojson);
  // Dates stay the API's text: a file has the fields as the API serves them.
  const { datasets } = await Gdal.open(input, ['DATE_AS_STRING=YES']);
  if (!datasets.length) throw new Error('GDAL could not read the features it was given');
  const outputs: string[] = [];
  try {
    const options = [...DRIVERS[task.format], '-s_srs', 'EPSG:4326', '-t_srs', `EPSG:${epsgOf(task.crs)}`, '-nln', layerName];
    const output = await Gdal.ogr2ogr(datasets[0], options, `${layerName}-${task.id}`);
    outputs.push(...output.all.map((file) => file.local));
    const files: Record<string, Uint8Array> = {};
    for (const path of outputs) files[`${layerName}${path.slice(path.lastIndexOf('.'))}`] = await Gdal.getFileBytes(path);
    return files;
  } finally {
    await Gdal.close(datasets[0]);
    for (const path of outputs) Gdal.Module.FS.unlink(path);
  }
}

parentPort!.on('message', (task: GdalTask | GdalReadTask) => {
  if (task.kind === 'read') {
    gdal.then((Gdal) => readUpload(Gdal, task)).then(
      (result) => parentPort!.postMessage({ id: task.id, type: 'read', result } satisfies GdalReply, result.geojson ? [result.geojson.buffer as ArrayBuffer] : []),
      (error: unknown) => parentPort!.postMessage({ id: task.id, type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies GdalReply),
    );
    return;
  }
  convert(task).then(
    (bytes) => parentPort!.postMessage({ id: task.id, type: 'done', bytes } satisfies GdalReply, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => parentPort!.postMessage({ id: task.id, type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies GdalReply),
  );
});
