/**
 * `npm run district:init -- --boundary FILE --divisions FILE [--population FILE] [--roads FILE] [--crs CRS] [--check]`
 *
 * Makes the product serve another district: its boundary, its towns and communities (polygons,
 * or points the grid is drawn around), its population (a grid, or totals per community) and
 * its roads (lines, cut at their junctions into the walking network), read as the imports read files (GeoJSON, GeoPackage, zipped shapefile, in the coordinate
 * systems they accept), checked, and loaded in place of the district served, in one transaction
 * with its audit row by `cli` (server/district/init-district.ts; the administrator's
 * POST /api/district does the same). Anything refused changes nothing. With --check it only says
 * what would be loaded. Writes to DATABASE_URL, or to the embedded database in DATA_DIR (stop
 * the server first).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DistrictSummary } from '../core/district/district-contract.ts';
import { importCrsSchema } from '../core/exchange/import-contract.ts';
import type { AuditActor } from '../server/audit/audit-actor.ts';
import { loadConfig } from '../server/config.ts';
import { findDataDirOwner } from '../server/db/data-dir-lock.ts';
import { migrate } from '../server/db/migrate.ts';
import { applyDistrict, prepareDistrict, type DistrictFiles } from '../server/district/init-district.ts';
import type { DistrictFile } from '../server/district/read-district-file.ts';
import { ApiError } from '../server/errors.ts';
import { GdalThread } from '../server/exchange/gdal-thread.ts';
import { withDatabase } from './with-database.ts';

const USAGE = `usage: npm run district:init -- --boundary FILE --divisions FILE [--population FILE] [--roads FILE] [--crs CRS] [--check]
  FILE is GeoJSON, a GeoPackage or a zipped shapefile; CRS (wgs84, gcj02, bd09, cgcs2000, EPSG:4513…4554) only where a file does not say.
  The boundary carries the district's name (and code); each community its code, name, town_code and town_name;
  the population is a grid of polygons with population, or rows of code + population (or a population on each community);
  the roads are lines (a road_class or highway field, if any, says arterial, street or path): without them walking analysis has no network.`;

function fail(message: string, code: 1 | 2): never {
  process.stderr.write(`district:init: ${message}\n`);
  process.exit(code);
}

function readRequest(argv: string[]): { files: DistrictFiles; check: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { boundary: { type: 'string' }, divisions: { type: 'string' }, population: { type: 'string' }, roads: { type: 'string' }, crs: { type: 'string' }, check: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (!values.boundary || !values.divisions) fail(`--boundary and --divisions are required\n${USAGE}`, 2);
  let crs: string | undefined;
  if (values.crs) {
    const parsed = importCrsSchema.safeParse(values.crs);
    if (!parsed.success) fail(`--crs: ${parsed.error.issues[0].message}`, 2);
    crs = parsed.data;
  }
  const read = (role: DistrictFile['role'], path: string): DistrictFile => {
    try {
      return { role, name: basename(path), bytes: readFileSync(path), ...(crs ? { crs } : {}) };
    } catch (error) {
      fail(`--${role}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, 2);
    }
  };
  const files: DistrictFiles = { boundary: read('boundary', values.boundary), divisions: read('divisions', values.divisions) };
  if (values.population) files.population = read('population', values.population);
  if (values.roads) files.roads = read('roads', values.roads);
  return { files, check: values.check };
}

function describe(summary: DistrictSummary): string {
  const { district } = summary;
  const lines = [
    `${summary.applied ? 'now serving' : 'would serve'} ${district.name} (${district.code}): ${district.areaKm2} km², centre ${district.centre.join(', ')}`,
    ...summary.towns.map((town) => `  ${town.name} (${town.code}): ${town.communities} communities, ${town.population.toLocaleString('en-US')} people`),
    `  ${summary.communities} communities (${summary.communityShape}), population ${summary.population.total.toLocaleString('en-US')} in ${summary.population.cells} cells (${summary.population.kind})`,
    summary.roads ? `  walking network: ${summary.roads.edges} edges, ${summary.roads.nodes} nodes, ${summary.roads.km} km` : '  no roads file: walking analysis has no network',
    ...summary.notes.map((note) => `  note: ${note}`),
  ];
  if (summary.replaces) {
    const was = summary.replaces;
    lines.push(`  ${summary.applied ? 'replaced' : 'replaces'} ${was.name}: ${was.towns} towns, ${was.communities} communities, ${was.facilities} facilities, ${was.demands} demands, ${was.projects} projects`);
  }
  return `${lines.join('\n')}\n`;
}

const { files, check } = readRequest(process.argv.slice(2));
const config = loadConfig();
if (!config.databaseUrl) {
  const owner = findDataDirOwner(resolve(config.dataDir, 'pglite'));
  if (owner) fail(`the embedded database in ${resolve(config.dataDir, 'pglite')} is open in a running Renewal Atlas server (pid ${owner}): stop it first, or use the administrator's form in the running site`, 1);
}

await withDatabase(async ({ sql }) => {
  const gdal = new GdalThread();
  try {
    await migrate(sql);
    const prepared = await prepareDistrict(sql, gdal, files);
    const actor: AuditActor = { userId: null, name: 'cli', role: 'cli', requestId: randomUUID() };
    const summary = check ? prepared.summary : await applyDistrict(sql, prepared, actor);
    process.stdout.write(describe(summary));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const problems = (error.details as { problems?: string[] } | undefined)?.problems;
    process.stderr.write(`district:init: ${problems ? `the district is refused, nothing was changed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}` : error.message}\n`);
    process.exitCode = 1;
  } finally {
    await gdal.close();
  }
});
