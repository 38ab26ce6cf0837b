import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../core/analysis/coverage.ts';
import { fromDemandPayload, type DemandPayload } from '../../core/analysis/demand-set.ts';
import { createPointFacility, type Facility } from '../../core/analysis/facility.ts';
import { computeNetworkDistances, snapPoints } from '../../core/analysis/network-distance.ts';
import { createNetworkSnapper } from '../../core/analysis/network-snap.ts';
import { NetworkWhatIf } from '../../core/analysis/network-what-if.ts';
import { createRoadGraph } from '../../core/analysis/road-graph.ts';
import { fromRoadPayload, type RoadPayload } from '../../core/analysis/road-payload.ts';
import { createSeededRandom } from '../../core/seeded-random.ts';
import { ANALYSIS_DEFAULTS } from '../../core/standards.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql, kind } = useTestDatabase();
const app = createTestApp(sql, kind);

async function loadBrowserInputs() {
  const demand = (await (await app.request('/api/analysis/demand')).json()) as DemandPayload;
  const roads = (await (await app.request('/api/analysis/roads')).json()) as RoadPayload;
  const demandSet = fromDemandPayload(demand);
  const snapper = createNetworkSnapper(createRoadGraph(fromRoadPayload(roads)), ANALYSIS_DEFAULTS.snapToleranceM);
  return { demand: demandSet, snapper, snaps: snapPoints(snapper, demandSet.lon, demandSet.lat) };
}

async function readKindergartens(): Promise<Facility[]> {
  const rows = await sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM kindergartens ORDER BY id`;
  return rows.map(({ lon, lat }) => createPointFacility(lon, lat));
}

describe('GET /api/analysis/roads', () => {
  it('sends every road edge once, compressed, and answers 304 to a client holding this version', async () => {
    const response = await app.request('/api/analysis/roads', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    const payload = JSON.parse(gunzipSync(new Uint8Array(await response.arrayBuffer())).toString('utf8')) as RoadPayload;
    const [table] = await sql<{ edges: number; vertices: number }[]>`SELECT count(*)::int AS edges, sum(ST_NPoints(geom))::int AS vertices FROM roads`;
    expect(payload.source.length).toBe(table.edges);
    expect(payload.lon.length).toBe(table.vertices);
    expect(payload.vertexOffset.at(-1)).toBe(table.vertices);
    const etag = response.headers.get('ETag')!;
    expect((await app.request('/api/analysis/roads', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('lets the browser reproduce the server’s walking coverage exactly', async () => {
    const { demand, snapper, snaps } = await loadBrowserInputs();
    const facilities = await readKindergartens();
    const server = await (await app.request('/api/analysis/coverage', { method: 'POST', body: JSON.stringify({ layer: 'kindergartens', radius: 300, mode: 'network' }), headers: { 'Content-Type': 'application/json' } })).json();
    const whatIf = new NetworkWhatIf(snapper, demand, snaps, facilities, 300);
    expect(whatIf.coveredPopulation).toBe(server.coveredPopulation);
  });
});

describe('the walking-network what-if', () => {
  it('after any proposals, moves and removals, equals a full recomputation', async () => {
    const { demand, snapper, snaps } = await loadBrowserInputs();
    const facilities = await readKindergartens();
    const whatIf = new NetworkWhatIf(snapper, demand, snaps, facilities, 500);
    const random = createSeededRandom(16);
    const cell = () => Math.floor(random() * demand.count);
    // Proposals where people live (a population cell's centre), so they reach somebody.
    const placed = new Map<number, [number, number]>();
    const place = () => {
      const at = cell();
      const position: [number, number] = [demand.lon[at], demand.lat[at]];
      placed.set(whatIf.addFacility(...position).facility, position);
    };
    for (let index = 0; index < 6; index += 1) place();
    const ids = [...placed.keys()];
    const moved: [number, number] = [demand.lon[cell()], demand.lat[cell()]];
    whatIf.moveFacility(ids[1], ...moved);
    placed.set(ids[1], moved);
    whatIf.removeFacility(ids[3]);
    placed.delete(ids[3]);
    place();

    const everything = [...facilities, ...[...placed.values()].map(([lon, lat]) => createPointFacility(lon, lat))];
    const distances = computeNetworkDistances(snapper, demand, snaps, everything, 500).distances;
    const expected = computeCoverage(demand, distances, 500);
    expect(whatIf.coveredPopulation).toBe(expected.coveredPopulation);
    expect(whatIf.coveredPopulation).toBeGreaterThan(new NetworkWhatIf(snapper, demand, snaps, facilities, 500).coveredPopulation);
    for (let index = 0; index < demand.communities.length; index += 1) {
      expect(whatIf.communityCovered[index]).toBeCloseTo(expected.communityCovered[index], 6);
    }
    expect(() => whatIf.moveFacility(0, 106.5, 29.5)).toThrow(RangeError);
  });
});
