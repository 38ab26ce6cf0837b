import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { createPointFacility } from '../../../core/analysis/facility.ts';
import { computeIsochrones, type IsochroneFeature } from '../../../core/analysis/isochrone.ts';
import { computeNetworkDistances, snapPoints } from '../../../core/analysis/network-distance.ts';
import { createNetworkSnapper } from '../../../core/analysis/network-snap.ts';
import { createRoadGraph, type RoadEdgeInput } from '../../../core/analysis/road-graph.ts';
import { planeX, planeY } from '../../../core/analysis/geodesic.ts';
import { PLANE, createGridDemand, toLonLat } from './synthetic.ts';

/** An n×n lattice of streets `spacing` apart, node ids row-major from 1. */
function latticeEdges(side: number, spacing: number): RoadEdgeInput[] {
  const edges: RoadEdgeInput[] = [];
  const id = (row: number, column: number) => row * side + column + 1;
  for (let row = 0; row < side; row += 1) {
    for (let column = 0; column < side; column += 1) {
      if (column + 1 < side) edges.push({ source: id(row, column), target: id(row, column + 1), coordinates: [toLonLat(column * spacing, row * spacing), toLonLat((column + 1) * spacing, row * spacing)] });
      if (row + 1 < side) edges.push({ source: id(row, column), target: id(row + 1, column), coordinates: [toLonLat(column * spacing, row * spacing), toLonLat(column * spacing, (row + 1) * spacing)] });
    }
  }
  return edges;
}

const snapper = createNetworkSnapper(createRoadGraph(latticeEdges(11, 100)), 80);
const origin = toLonLat(480, 530);
const minutes = [3, 6, 9, 12];
const result = computeIsochrones(snapper, ...origin, { minutes, walkingSpeedKmh: 4.5 })!;
const inside = (band: IsochroneFeature, point: [number, number]) => booleanPointInPolygon(point, band);

describe('walking isochrones', () => {
  it('give one polygon per band, in order, each holding the origin', () => {
    expect(result.features.map((band) => band.properties.minutes)).toEqual(minutes);
    expect(result.features.map((band) => band.properties.distanceM)).toEqual([225, 450, 675, 900]);
    for (const band of result.features) {
      expect(band.geometry.type).toBe('Polygon');
      expect(inside(band, origin)).toBe(true);
    }
  });

  it('are nested: a place within one band is within every longer one', () => {
    for (let x = -200; x <= 1200; x += 17) {
      for (let y = -200; y <= 1200; y += 19) {
        const place = toLonLat(x, y);
        const within = result.features.map((band) => inside(band, place));
        within.forEach((isIn, index) => index > 0 && within[index - 1] && expect(isIn, `(${x}, ${y}) band ${minutes[index]}`).toBe(true));
      }
    }
    const areas = result.features.map((band) => band.properties.areaM2);
    expect([...areas].sort((a, b) => a - b)).toEqual(areas);
  });

  it('have no holes where every block is within the off-network walk of a street', () => {
    for (const band of result.features) expect((band.geometry.coordinates as number[][][]).length).toBe(1);
  });

  it('hold every cell that network coverage from the origin counts as reached in that time', () => {
    const demand = createGridDemand(23, 50, [1]);
    const distances = computeNetworkDistances(snapper, demand, snapPoints(snapper, demand.lon, demand.lat), [createPointFacility(...origin)], Infinity).distances;
    result.features.forEach((band) => {
      // One grid cell of slack at the very edge, where the outline is interpolated.
      const cellM = Math.max(10, band.properties.distanceM / 60);
      for (let cell = 0; cell < demand.count; cell += 1) {
        if (distances[cell] <= minutes[minutes.length - 1] * 75 && distances[cell] <= band.properties.distanceM - cellM) {
          expect(inside(band, [demand.lon[cell], demand.lat[cell]])).toBe(true);
        }
      }
    });
  });

  it('never reach farther than one could walk in a straight line', () => {
    const outline = (result.features[0].geometry.coordinates as number[][][])[0];
    const farthest = Math.max(...outline.map(([lon, lat]) => Math.hypot(planeX(PLANE, lon) - 480, planeY(PLANE, lat) - 530)));
    expect(farthest).toBeLessThanOrEqual(225 + 15);
  });

  it('leave a real hole where a park has no street within the off-network walk', () => {
    // A 10×10 lattice of 100 m blocks without the streets in the middle: a 500 m park.
    const inPark = (value: number) => value > 250 && value < 650;
    const park = latticeEdges(10, 100).filter((edge) => {
      const [lon, lat] = [0, 1].map((axis) => (edge.coordinates[0][axis] + edge.coordinates[1][axis]) / 2);
      return !(inPark(planeX(PLANE, lon)) && inPark(planeY(PLANE, lat)));
    });
    const bands = computeIsochrones(createNetworkSnapper(createRoadGraph(park), 60), ...toLonLat(100, 450), { minutes: [20], walkingSpeedKmh: 4.5 })!;
    const rings = bands.features[0].geometry.coordinates as number[][][];
    expect(rings.length).toBe(2);
    expect(inside(bands.features[0], toLonLat(450, 450))).toBe(false);
  });

  it('refuse an origin off the network and nonsense minutes', () => {
    expect(computeIsochrones(snapper, ...toLonLat(3000, 3000), { minutes: [5], walkingSpeedKmh: 4.5 })).toBeUndefined();
    expect(() => computeIsochrones(snapper, ...origin, { minutes: [0], walkingSpeedKmh: 4.5 })).toThrow(/positive/);
  });
});
