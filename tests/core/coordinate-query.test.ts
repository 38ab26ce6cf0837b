import { describe, expect, it } from 'vitest';
import { parseCoordinateQuery } from '../../client/src/map/coordinate-query.ts';

const NANAN: [number, number, number, number] = [106.53, 29.45, 106.8, 29.65];

describe('a position typed in the search box', () => {
  it('reads longitude,latitude and latitude,longitude, saying which', () => {
    expect(parseCoordinateQuery('106.57,29.53', NANAN)).toEqual({ lon: 106.57, lat: 29.53, order: 'lonLat' });
    expect(parseCoordinateQuery('29.53, 106.57', NANAN)).toEqual({ lon: 106.57, lat: 29.53, order: 'latLon' });
    expect(parseCoordinateQuery('29.53，106.57', NANAN)).toEqual({ lon: 106.57, lat: 29.53, order: 'latLon' });
    expect(parseCoordinateQuery(' 106.57 29.53 ', NANAN)?.order).toBe('lonLat');
  });

  it('prefers the order that lands in the district, then the only valid one', () => {
    // Both orders are positions; only one is in the district.
    expect(parseCoordinateQuery('29.5,40', [39, 29, 41, 30])).toEqual({ lon: 40, lat: 29.5, order: 'latLon' });
    expect(parseCoordinateQuery('120,30')).toEqual({ lon: 120, lat: 30, order: 'lonLat' });
    expect(parseCoordinateQuery('30,120')).toEqual({ lon: 120, lat: 30, order: 'latLon' });
  });

  it('leaves names and impossible numbers to the name search', () => {
    expect(parseCoordinateQuery('南坪')).toBeUndefined();
    expect(parseCoordinateQuery('106.57')).toBeUndefined();
    expect(parseCoordinateQuery('200,100')).toBeUndefined();
  });
});
