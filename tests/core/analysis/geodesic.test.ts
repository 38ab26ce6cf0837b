import { describe, expect, it } from 'vitest';
import { createLocalPlane, degreesAround, measureGeodesic, planeLat, planeLon, planeX, planeY, WGS84_A } from '../../../core/analysis/geodesic.ts';

const dms = (degrees: number, minutes: number, seconds: number) => Math.sign(degrees) * (Math.abs(degrees) + minutes / 60 + seconds / 3600);

describe('measureGeodesic (Vincenty inverse on WGS84)', () => {
  it('is 0 between a point and itself', () => {
    expect(measureGeodesic(106.57, 29.53, 106.57, 29.53)).toBe(0);
  });

  it('gives a·Δλ along the equator, to the nanometre, even over 10 m', () => {
    for (const degrees of [0.0001, 0.01, 1, 10]) {
      expect(measureGeodesic(0, 0, degrees, 0)).toBeCloseTo((WGS84_A * degrees * Math.PI) / 180, 8);
    }
  });

  it('gives the quarter meridian, 10 001 965.729 m', () => {
    expect(measureGeodesic(30, 0, 30, 90)).toBeCloseTo(10_001_965.7293, 3);
  });

  it("matches Geoscience Australia's Flinders Peak → Buninyong line (54 972.271 m)", () => {
    const distance = measureGeodesic(dms(144, 25, 29.5244), dms(-37, 57, 3.7203), dms(143, 55, 35.3839), dms(-37, 39, 10.1561));
    expect(distance).toBeCloseTo(54_972.271, 3);
  });

  it('is symmetric and crosses the antimeridian the short way', () => {
    expect(measureGeodesic(106.5, 29.5, 106.6, 29.6)).toBeCloseTo(measureGeodesic(106.6, 29.6, 106.5, 29.5), 8);
    expect(measureGeodesic(179.9995, 0, -179.9995, 0)).toBeCloseTo(measureGeodesic(0, 0, 0.001, 0), 6);
  });

  it('refuses nearly antipodal points instead of guessing', () => {
    expect(() => measureGeodesic(0, 0, 179.7, 0.1)).toThrow(/antipodal/);
  });
});

describe('local plane', () => {
  const plane = createLocalPlane(106.57, 29.53);

  it('round-trips lon/lat', () => {
    expect(planeLon(plane, planeX(plane, 106.58))).toBeCloseTo(106.58, 12);
    expect(planeLat(plane, planeY(plane, 29.52))).toBeCloseTo(29.52, 12);
  });

  it('agrees with the geodesic to a few millimetres over 300 m', () => {
    const lon = planeLon(plane, 212);
    const lat = planeLat(plane, -212);
    expect(Math.abs(measureGeodesic(106.57, 29.53, lon, lat) - Math.hypot(212, 212))).toBeLessThan(5e-3);
  });

  it('pads a box enough to hold every point within the distance', () => {
    const pad = degreesAround(29.53, 1000);
    expect(measureGeodesic(106.57, 29.53, 106.57 + pad.lon, 29.53)).toBeGreaterThan(1000);
    expect(measureGeodesic(106.57, 29.53, 106.57, 29.53 + pad.lat)).toBeGreaterThan(1000);
  });
});
