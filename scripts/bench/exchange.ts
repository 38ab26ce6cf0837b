/**
 * `npm run bench -- exchange`: the population grid exported in each format through the API
 * (database read, GDAL on its thread, the file sent), against GDAL's own `ogr2ogr` (gdal-bin,
 * native code) writing the same format from the same features, in the same run. The baseline
 * starts from a GeoJSON file already on disk: it reads no database and answers no request, so
 * the ratio is what our whole path costs beside the native converter alone. Then the imports
 * (exchange-import.ts): 100,000 features as a GeoPackage and a zipped shapefile, to committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../core/exchange/export-contract.ts';
import { ensureBenchAccounts, signInOver } from './bench-accounts.ts';
import { benchImports, makeImportFiles } from './exchange-import.ts';
import { benchDatabaseKinds, openBenchDatabase } from './bench-database.ts';
import { formatMs, heading, median, report, timeIt } from './measure.ts';

const LAYER = 'population';
const RUNS = 3;
const BENCH_USER = 'bench-exporter';

/** ogr2ogr's driver and options for each of our formats (CSV and XLSX with the geometry as WKT, as ours). */
const OGR2OGR: Record<ExportFormat, { file: string; options: string[] }> = {
  geojson: { file: 'out.geojson', options: ['-f', 'GeoJSON'] },
  csv: { file: 'out.csv', options: ['-f', 'CSV', '-lco', 'GEOMETRY=AS_WKT', '-lco', 'WRITE_BOM=YES'] },
  shp: { file: 'out.shp', options: ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8'] },
  gpkg: { file: 'out.gpkg', options: ['-f', 'GPKG'] },
  xlsx: { file: 'out.xlsx', options: ['-f', 'XLSX'] },
};

export async function benchExchange(): Promise<void> {
  heading(`exchange: the ${LAYER} grid exported in each format (median of ${RUNS}), × GDAL's ogr2ogr on the same features`);
  if (!hasOgr2ogr()) {
    console.log('  ogr2ogr (gdal-bin) is not installed: no baseline; install it with apt-get install -y gdal-bin');
    return;
  }
  for (const kind of benchDatabaseKinds()) {
    const database = await openBenchDatabase(kind);
    const folder = mkdtempSync(join(tmpdir(), 'atlas-bench-exchange-'));
    const served = await database.serveApp();
    try {
      await ensureBenchAccounts(database.sql, [BENCH_USER], 'commission');
      const cookie = await signInOver(served.origin, BENCH_USER);
      const download = (format: ExportFormat) => fetchFile(`${served.origin}/api/export/${LAYER}?format=${format}`, cookie);
      // The same features for the baseline; and the GDAL thread started, as on a server that has exported once.
      const source = join(folder, `${LAYER}.geojson`);
      const geojson = await download('geojson');
      writeFileSync(source, geojson);
      const features = (JSON.parse(new TextDecoder().decode(geojson)) as { features: unknown[] }).features.length;
      console.log(`  ${kind} database, ${features.toLocaleString('en-US')} cells`);
      for (const format of EXPORT_FORMATS) {
        const ours: number[] = [];
        let size = 0;
        for (let run = 0; run < RUNS; run += 1) {
          const { ms, result } = await timeIt(() => download(format));
          ours.push(ms);
          size = result.length;
        }
        const native: number[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          const output = join(folder, `native-${run}`);
          mkdirSync(output);
          const { ms } = await timeIt(async () => execFileSync('ogr2ogr', [...OGR2OGR[format].options, join(output, OGR2OGR[format].file), source], { stdio: 'ignore' }));
          native.push(ms);
          rmSync(output, { recursive: true, force: true });
        }
        report(`${format} via the API (${(size / 1e6).toFixed(1)} MB)`, formatMs(median(ours)), median(ours) / median(native));
        report(`${format} by ogr2ogr from GeoJSON on disk (baseline)`, formatMs(median(native)), 1);
      }
      heading(`exchange: imports on the ${kind} database`);
      await benchImports(database.sql, served.origin, cookie, await makeImportFiles(database.sql, folder), folder);
    } finally {
      await served.close();
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

/**
 * One download on its own connection: between two exports the baseline runs longer than the
 * server keeps an idle connection, and a reused one would be reset under the request.
 */
function fetchFile(url: string, cookie: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, headers: { Cookie: cookie } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}: ${body.toString('utf8').slice(0, 300)}`));
        else resolve(new Uint8Array(body));
      });
    });
    request.on('error', reject);
  });
}

function hasOgr2ogr(): boolean {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
