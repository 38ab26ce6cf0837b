/**
 * The import half of `npm run bench -- exchange`: 100,000 kindergartens (points spread over the
 * district, seeded) as a GeoPackage and as a zipped shapefile, each uploaded through the API and
 * committed: time to committed (target ≤ 30 s) and the server process's peak memory (the app;
 * the embedded database runs in a process of its own). Beside it, in the same run, GDAL's native
 * ogr2ogr loading the same file into PostGIS (BENCH_DATABASE_URL) or, without one, into a
 * GeoPackage on disk: what reading and writing the file costs without our checks and preview.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { ImportCommitResult, ImportPreview } from '../../core/exchange/import-contract.ts';
import type { Sql } from '../../server/db/client.ts';
import { formatMs, report, timeIt } from './measure.ts';

const FEATURES = 100_000;
const LAYER = 'kindergartens';
const NAME_PREFIX = 'bench-import ';

/** The features written once as GeoJSON by PostGIS, then as the two files by ogr2ogr. */
export async function makeImportFiles(sql: Sql, folder: string): Promise<{ gpkg: string; shp: string }> {
  const [{ geojson }] = await sql<{ geojson: string }[]>`
    SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
      'type', 'Feature', 'geometry', ST_AsGeoJSON(g, 7)::json,
      'properties', json_build_object('name', ${NAME_PREFIX} || n, 'seats', 60 + n % 300, 'ownership', (ARRAY['public', 'inclusive', 'private'])[1 + n % 3]))))::text AS geojson
    FROM (SELECT dump.geom AS g, row_number() OVER () AS n FROM district, ST_Dump(ST_GeneratePoints(district.geom, ${FEATURES}, 2026)) AS dump) AS points`;
  const source = join(folder, 'source.geojson');
  writeFileSync(source, geojson);
  const gpkg = join(folder, `${LAYER}.gpkg`);
  execFileSync('ogr2ogr', ['-f', 'GPKG', gpkg, source, '-nln', LAYER]);
  const shapeFolder = join(folder, 'shp');
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', shapeFolder, source, '-nln', LAYER]);
  const parts = Object.fromEntries(readdirSync(shapeFolder).map((name) => [name, new Uint8Array(readFileSync(join(shapeFolder, name)))]));
  const shp = join(folder, `${LAYER}.shp.zip`);
  writeFileSync(shp, zipSync(parts, { level: 6 }));
  rmSync(source);
  return { gpkg, shp };
}

/** Upload, preview, commit: the whole import as a client makes it, with the process's peak memory meanwhile. */
async function importOnce(origin: string, cookie: string, file: string): Promise<{ ms: number; peakRss: number; committed: number }> {
  const baseline = process.memoryUsage().rss;
  let peakRss = baseline;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 25);
  try {
    const { ms, result } = await timeIt(async () => {
      const form = new FormData();
      form.set('file', new File([readFileSync(file)], file.slice(file.lastIndexOf('/') + 1)));
      form.set('target', LAYER);
      const uploaded = await fetch(`${origin}/api/imports`, { method: 'POST', body: form, headers: { Cookie: cookie } });
      const preview = (await uploaded.json()) as ImportPreview;
      if (uploaded.status !== 201) throw new Error(`the upload answered ${uploaded.status}: ${JSON.stringify(preview).slice(0, 300)}`);
      const response = await fetch(`${origin}/api/imports/${preview.id}/commit`, {
        method: 'POST', body: '{}', headers: { Cookie: cookie, 'Content-Type': 'application/json', 'If-Match': `"v${preview.targetVersion}"` },
      });
      const committed = (await response.json()) as ImportCommitResult;
      if (response.status !== 200) throw new Error(`the commit answered ${response.status}: ${JSON.stringify(committed).slice(0, 300)}`);
      return committed.committed;
    });
    return { ms, peakRss, committed: result };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchImports(sql: Sql, origin: string, cookie: string, files: { gpkg: string; shp: string }, folder: string): Promise<void> {
  const pg = process.env.BENCH_DATABASE_URL;
  for (const [label, file] of [['GeoPackage', files.gpkg], ['zipped shapefile', files.shp]] as const) {
    const ours = await importOnce(origin, cookie, file);
    await sql`DELETE FROM kindergartens WHERE name LIKE ${`${NAME_PREFIX}%`}`;
    const { ms: native } = await timeIt(async () => {
      if (pg) execFileSync('ogr2ogr', ['-f', 'PostgreSQL', `PG:${toGdalConnection(pg)}`, file.endsWith('.zip') ? `/vsizip/${file}` : file, '-nln', 'bench_import_baseline', '-overwrite', '-t_srs', 'EPSG:4326'], { stdio: 'ignore' });
      else execFileSync('ogr2ogr', ['-f', 'GPKG', join(folder, 'baseline.gpkg'), file.endsWith('.zip') ? `/vsizip/${file}` : file, '-overwrite', '-t_srs', 'EPSG:4326'], { stdio: 'ignore' });
    });
    if (pg) execFileSync('psql', [pg, '-qc', 'DROP TABLE IF EXISTS bench_import_baseline'], { stdio: 'ignore' });
    rmSync(join(folder, 'baseline.gpkg'), { force: true });
    report(`import of ${ours.committed.toLocaleString('en-US')} points, ${label}, to committed`, formatMs(ours.ms), ours.ms / native, '≤ 30 s');
    report(`  peak memory of the server process`, `${Math.round(ours.peakRss / 1024 / 1024)} MB`);
    report(`  ogr2ogr loading the same file into ${pg ? 'PostGIS' : 'a GeoPackage'} (baseline)`, formatMs(native), 1);
  }
}

/** `postgres://user:pass@host:port/db` as GDAL's PG: connection string. */
function toGdalConnection(url: string): string {
  const parsed = new URL(url);
  return `host=${parsed.hostname} port=${parsed.port || 5432} dbname=${parsed.pathname.slice(1)} user=${decodeURIComponent(parsed.username)} password=${decodeURIComponent(parsed.password)}`;
}
