/**
 * Small synthetic inputs for property tests, laid out in metres around a point of the
 * district: demand grids, facility sets and jittered road networks (fast-check arbitraries).
 */
import fc from 'fast-check';
import { createDemandSet, type DemandSet } from '../../../core/analysis/demand-set.ts';
import { createPointFacility, type Facility } from '../../../core/analysis/facility.ts';
import { createLocalPlane, planeLat, planeLon } from '../../../core/analysis/geodesic.ts';
import type { RoadEdgeInput } from '../../../core/analysis/road-graph.ts';

export const PLANE = createLocalPlane(106.57, 29.53);
export const toLonLat = (x: number, y: number): [number, number] => [planeLon(PLANE, x), planeLat(PLANE, y)];

/** A square grid of cells `spacing` apart, populations from the list, two communities (west, east). */
export function createGridDemand(side: number, spacing: number, populations: readonly number[]): DemandSet {
  const lon: number[] = [];
  const lat: number[] = [];
  const population: number[] = [];
  const community: number[] = [];
  for (let row = 0; row < side; row += 1) {
    for (let column = 0; column < side; column += 1) {
      const [x, y] = toLonLat(column * spacing, row * spacing);
      lon.push(x);
      lat.push(y);
      population.push(populations[(row * side + column) % populations.length]);
      community.push(column < side / 2 ? 0 : 1);
    }
  }
  return createDemandSet({ lon, lat, population, community }, [{ code: 'W', name: 'West' }, { code: 'E', name: 'East' }]);
}

export const arbitraryPoint = (extent: number) => fc.tuple(fc.double({ min: -100, max: extent + 100, noNaN: true }), fc.double({ min: -100, max: extent + 100, noNaN: true }));

export const arbitraryDemand = fc
  .record({ side: fc.integer({ min: 2, max: 12 }), populations: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 20 }) })
  .map(({ side, populations }) => createGridDemand(side, 100, populations));

export const arbitraryFacilities = fc
  .array(arbitraryPoint(1100), { maxLength: 8 })
  .map((points) => points.map(([x, y]) => createPointFacility(...toLonLat(x, y))));

export interface SyntheticNetwork {
  edges: RoadEdgeInput[];
  extent: number;
}

/**
 * A jittered lattice of `columns × rows` nodes 100 m apart; each lattice link exists with the
 * given chance, may bend through a middle vertex, and may be declared longer than drawn.
 */
export const arbitraryNetwork = fc
  .record({
    columns: fc.integer({ min: 2, max: 5 }),
    rows: fc.integer({ min: 1, max: 4 }),
    jitter: fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 40, maxLength: 40 }),
    links: fc.array(fc.record({ keep: fc.double({ min: 0, max: 1, noNaN: true }), bend: fc.double({ min: -40, max: 40, noNaN: true }), detour: fc.constantFrom(0, 0, 1, 1.3) }), { minLength: 40, maxLength: 40 }),
  })
  .map(({ columns, rows, jitter, links }): SyntheticNetwork => {
    const at = (column: number, row: number) => {
      const index = row * columns + column;
      return [column * 100 + jitter[index % 40], row * 100 + jitter[(index * 7 + 3) % 40]];
    };
    const edges: RoadEdgeInput[] = [];
    let link = 0;
    const connect = (a: [number, number], b: [number, number], first: boolean) => {
      const { keep, bend, detour } = links[link++ % 40];
      if (!first && keep < 0.25) return;
      const from = at(...a);
      const to = at(...b);
      const middle = [(from[0] + to[0]) / 2 + bend, (from[1] + to[1]) / 2 - bend];
      const line = Math.abs(bend) > 20 ? [from, middle, to] : [from, to];
      const drawn = line.slice(1).reduce((sum, point, index) => sum + Math.hypot(point[0] - line[index][0], point[1] - line[index][1]), 0);
      edges.push({
        source: a[1] * columns + a[0] + 1,
        target: b[1] * columns + b[0] + 1,
        lengthM: detour ? drawn * detour : undefined,
        coordinates: line.map(([x, y]) => toLonLat(x, y)),
      });
    };
    // The first row is always joined so the network has edges; the rest by chance.
    for (let row = 0; row < rows; row += 1) {
      for (let column = 0; column < columns; column += 1) {
        if (column + 1 < columns) connect([column, row], [column + 1, row], row === 0);
        if (row + 1 < rows) connect([column, row], [column, row + 1], false);
      }
    }
    return { edges, extent: Math.max(columns, rows) * 100 };
  });

export function pointFacilities(points: ReadonlyArray<readonly [number, number]>): Facility[] {
  return points.map(([x, y]) => createPointFacility(...toLonLat(x, y)));
}
