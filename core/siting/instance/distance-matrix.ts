import { measureGeodesic } from '../../analysis/geodesic.ts';
import type { SitePoints } from './coverage-lists.ts';

/**
 * Straight-line metres between every site and every demand, site-major as the p-median
 * instance wants it. Float32 keeps ~1 mm at district distances and halves the memory of a
 * matrix that may hold 10 M entries.
 */
export function measureGeodesicMatrix(sites: SitePoints, demands: SitePoints): Float32Array {
  const demandCount = demands.lon.length;
  const matrix = new Float32Array(sites.lon.length * demandCount);
  for (let site = 0; site < sites.lon.length; site += 1) {
    const lon = sites.lon[site];
    const lat = sites.lat[site];
    const row = site * demandCount;
    for (let point = 0; point < demandCount; point += 1) matrix[row + point] = measureGeodesic(lon, lat, demands.lon[point], demands.lat[point]);
  }
  return matrix;
}
