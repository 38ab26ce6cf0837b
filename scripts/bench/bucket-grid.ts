import { boundsOf } from '../../core/analysis/flat-geometry.ts';
import { metresPerDegreeAt } from '../../core/analysis/geodesic.ts';

/**
 * The hand-written point index that kdbush replaced (core/analysis/point-index.ts), kept as the
 * baseline of scripts/bench/indexes.ts. A static bucket grid over points (lon/lat), stored as CSR
 * arrays: bucket b holds items[offsets[b] .. offsets[b+1]). Cheaper to build and to scan than a
 * tree for ~20k evenly spread cells, but it hands over whole buckets, not the box.
 */
export interface PointGrid {
  west: number;
  south: number;
  cellLon: number;
  cellLat: number;
  columns: number;
  rows: number;
  offsets: Int32Array;
  items: Int32Array;
}

export function createPointGrid(lon: Float64Array, lat: Float64Array, cellM = 250): PointGrid {
  const [west, south, east, north] = boundsOf(lon, lat) ?? [0, 0, 0, 0];
  const scale = metresPerDegreeAt((south + north) / 2);
  const cellLon = cellM / scale.lon;
  const cellLat = cellM / scale.lat;
  const columns = Math.max(1, Math.floor((east - west) / cellLon) + 1);
  const rows = Math.max(1, Math.floor((north - south) / cellLat) + 1);
  const bucketOf = (index: number) =>
    Math.floor((lat[index] - south) / cellLat) * columns + Math.floor((lon[index] - west) / cellLon);
  const offsets = new Int32Array(columns * rows + 1);
  for (let index = 0; index < lon.length; index += 1) offsets[bucketOf(index) + 1] += 1;
  for (let bucket = 0; bucket < columns * rows; bucket += 1) offsets[bucket + 1] += offsets[bucket];
  const fill = offsets.slice(0, -1);
  const items = new Int32Array(lon.length);
  for (let index = 0; index < lon.length; index += 1) items[fill[bucketOf(index)]++] = index;
  return { west, south, cellLon, cellLat, columns, rows, offsets, items };
}

/** Call `visit` with every point whose bucket overlaps the box (a superset: callers measure). */
export function forEachPointInBox(
  grid: PointGrid,
  west: number,
  south: number,
  east: number,
  north: number,
  visit: (index: number) => void,
): void {
  const firstColumn = Math.max(0, Math.floor((west - grid.west) / grid.cellLon));
  const lastColumn = Math.min(grid.columns - 1, Math.floor((east - grid.west) / grid.cellLon));
  const firstRow = Math.max(0, Math.floor((south - grid.south) / grid.cellLat));
  const lastRow = Math.min(grid.rows - 1, Math.floor((north - grid.south) / grid.cellLat));
  for (let row = firstRow; row <= lastRow; row += 1) {
    for (let column = firstColumn; column <= lastColumn; column += 1) {
      const bucket = row * grid.columns + column;
      for (let slot = grid.offsets[bucket]; slot < grid.offsets[bucket + 1]; slot += 1) visit(grid.items[slot]);
    }
  }
}
