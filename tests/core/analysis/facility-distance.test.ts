import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFacility, measureFacilityDistance } from '../../../core/analysis/facility.ts';
import { measureGeodesic } from '../../../core/analysis/geodesic.ts';
import { greatCircleNormal } from '../../../core/analysis/segment-distance.ts';
import { arbitraryPoint, toLonLat } from './synthetic.ts';

/** The distance to a line by brute force: the closest of 4001 points spread along it. */
function sampledDistance(point: [number, number], line: Array<[number, number]>): number {
  let best = Infinity;
  for (let index = 0; index + 1 < line.length; index += 1) {
    for (let step = 0; step <= 4000; step += 1) {
      const t = step / 4000;
      const lon = line[index][0] + t * (line[index + 1][0] - line[index][0]);
      const lat = line[index][1] + t * (line[index + 1][1] - line[index][1]);
      best = Math.min(best, measureGeodesic(point[0], point[1], lon, lat));
    }
  }
  return best;
}

describe('distance to lines and areas (PostGIS geography style)', () => {
  it('matches a densely sampled line within the sampling step', () => {
    fc.assert(fc.property(fc.array(arbitraryPoint(800), { minLength: 2, maxLength: 4 }), arbitraryPoint(800), (vertices, at) => {
      const line = vertices.map(([x, y]) => toLonLat(x, y));
      const point = toLonLat(...at);
      const exact = measureFacilityDistance(createFacility({ type: 'LineString', coordinates: line }), ...point);
      const sampled = sampledDistance(point, line);
      // Edges are great-circle arcs, the samples lie on straight lon/lat lines: over 1.4 km at
      // this latitude they part by up to L²·tan φ / 8R ≈ 2 cm.
      expect(exact).toBeLessThanOrEqual(sampled + 0.03);
      expect(sampled - exact).toBeLessThan(0.25);
    }), { numRuns: 60 });
  });

  it('is 0 inside an area, not inside its hole, and to the edge outside', () => {
    const ring = (size: number, offset = 0) => [[offset, offset], [size, offset], [size, size], [offset, size], [offset, offset]].map(([x, y]) => toLonLat(x, y));
    const park = createFacility({ type: 'Polygon', coordinates: [ring(300), ring(200, 100)] });
    expect(measureFacilityDistance(park, ...toLonLat(50, 50))).toBe(0);
    expect(measureFacilityDistance(park, ...toLonLat(150, 150))).toBeCloseTo(50, 1);
    expect(measureFacilityDistance(park, ...toLonLat(400, 150))).toBeCloseTo(100, 1);
  });

  it('treats a MultiPoint as its nearest point', () => {
    const points = createFacility({ type: 'MultiPoint', coordinates: [toLonLat(0, 0), toLonLat(500, 0)] });
    expect(measureFacilityDistance(points, ...toLonLat(400, 0))).toBeCloseTo(100, 2);
  });

  it('says Infinity only when surely beyond the limit asked', () => {
    const line = createFacility({ type: 'LineString', coordinates: [toLonLat(0, 0), toLonLat(1000, 0)] });
    expect(measureFacilityDistance(line, ...toLonLat(500, 400), 300)).toBe(Infinity);
    expect(measureFacilityDistance(line, ...toLonLat(500, 299), 300)).toBeCloseTo(299, 1);
  });

  it('rejects unusable geometries, naming the problem', () => {
    expect(() => createFacility({ type: 'Point', coordinates: [Number.NaN, 29.5] })).toThrow(/invalid position/);
    expect(() => createFacility({ type: 'LineString', coordinates: [] })).toThrow(/empty coordinates/);
    expect(() => createFacility({ type: 'GeometryCollection' } as never)).toThrow(/unsupported facility geometry type "GeometryCollection"/);
  });

  it('computes great-circle normals without cancellation for points metres apart', () => {
    const normal = greatCircleNormal(106.57, 29.53, 106.5700001, 29.5300001);
    expect(Math.hypot(normal.x, normal.y, normal.z)).toBeCloseTo(1, 12);
    const [a, b] = [[106.57, 29.53], [106.5700001, 29.5300001]].map(([lon, lat]) => {
      const r = Math.PI / 180;
      return [Math.cos(lat * r) * Math.cos(lon * r), Math.cos(lat * r) * Math.sin(lon * r), Math.sin(lat * r)];
    });
    // Perpendicular to both ends, to the precision of the coordinates themselves.
    for (const vector of [a, b]) expect(Math.abs(vector[0] * normal.x + vector[1] * normal.y + vector[2] * normal.z)).toBeLessThan(1e-12);
  });
});
