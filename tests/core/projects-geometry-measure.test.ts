import { describe, expect, it } from 'vitest';
import { isMeasurable, measureGeometry } from '../../client/src/projects/geometry-measure.ts';

describe('measureGeometry', () => {
  it('measures a line along a meridian: 0.01° of latitude is about 1,112 m', () => {
    const measure = measureGeometry({ type: 'LineString', coordinates: [[106.57, 29.5], [106.57, 29.51]] });
    expect(measure.kind).toBe('line');
    expect(measure.lengthMetres).toBeGreaterThan(1105);
    expect(measure.lengthMetres).toBeLessThan(1115);
  });

  it('measures a 100 m square near Nan\'an at about 10,000 m²', () => {
    const dLat = 100 / 111_195;
    const dLon = dLat / Math.cos((29.5 * Math.PI) / 180);
    const ring = [[106.57, 29.5], [106.57 + dLon, 29.5], [106.57 + dLon, 29.5 + dLat], [106.57, 29.5 + dLat], [106.57, 29.5]];
    const measure = measureGeometry({ type: 'Polygon', coordinates: [ring] });
    expect(measure.kind).toBe('polygon');
    expect(measure.areaSquareMetres).toBeGreaterThan(9900);
    expect(measure.areaSquareMetres).toBeLessThan(10100);
  });

  it('has nothing to measure on a point, and waits for a line\'s second and a polygon\'s third corner', () => {
    expect(measureGeometry({ type: 'Point', coordinates: [106.57, 29.5] })).toEqual({ kind: 'point' });
    expect(isMeasurable({ type: 'LineString', coordinates: [[106.57, 29.5]] })).toBe(false);
    expect(isMeasurable({ type: 'Polygon', coordinates: [[[106.57, 29.5], [106.58, 29.5], [106.57, 29.5]]] })).toBe(false);
    expect(isMeasurable({ type: 'Polygon', coordinates: [[[106.57, 29.5], [106.58, 29.5], [106.58, 29.51], [106.57, 29.5]]] })).toBe(true);
  });
});
