import { createLocalPlane, planeLat, planeLon, planeX, planeY } from '../../analysis/geodesic.ts';
import { boundsOf } from '../../analysis/flat-geometry.ts';

/** Demand gathered into squares: one point per square that holds people. */
export interface DemandSquares {
  count: number;
  /** "sq:row:col", stable for one district and square size. */
  ids: string[];
  /** The population-weighted centre of the cells in the square. */
  lon: Float64Array;
  lat: Float64Array;
  weight: Float64Array;
  /** How many cells each square gathers. */
  cells: Int32Array;
  /** Per input point: its square, −1 when it has no weight (left out). */
  squareOf: Int32Array;
  /** Per square: the member point nearest its centre (a real cell, when the centre itself is off the map). */
  nearestMember: Int32Array;
}

/**
 * Gather weighted points into squares of `sizeM` metres on a local plane at the points' centre
 * (p-median needs a dense candidates × demands matrix, which must stay near 10 M entries).
 * Points without weight are left out: they change no objective.
 */
export function gatherIntoSquares(lon: ArrayLike<number>, lat: ArrayLike<number>, weight: ArrayLike<number>, sizeM: number): DemandSquares {
  const [west, south, east, north] = boundsOf(lon, lat) ?? [0, 0, 0, 0];
  const plane = createLocalPlane((west + east) / 2, (south + north) / 2);
  const originX = planeX(plane, west);
  const originY = planeY(plane, south);
  const indexByKey = new Map<string, number>();
  const ids: string[] = [];
  const sumX: number[] = [];
  const sumY: number[] = [];
  const sumWeight: number[] = [];
  const cellCount: number[] = [];
  const squareOf = new Int32Array(lon.length).fill(-1);
  for (let point = 0; point < lon.length; point += 1) {
    if (!(weight[point] > 0)) continue;
    const x = planeX(plane, lon[point]);
    const y = planeY(plane, lat[point]);
    const row = Math.floor((y - originY) / sizeM);
    const column = Math.floor((x - originX) / sizeM);
    const key = `sq:${row}:${column}`;
    let square = indexByKey.get(key);
    if (square === undefined) {
      square = ids.push(key) - 1;
      indexByKey.set(key, square);
      sumX.push(0);
      sumY.push(0);
      sumWeight.push(0);
      cellCount.push(0);
    }
    squareOf[point] = square;
    sumX[square] += x * weight[point];
    sumY[square] += y * weight[point];
    sumWeight[square] += weight[point];
    cellCount[square] += 1;
  }
  const count = ids.length;
  const centreLon = new Float64Array(count);
  const centreLat = new Float64Array(count);
  for (let square = 0; square < count; square += 1) {
    centreLon[square] = planeLon(plane, sumX[square] / sumWeight[square]);
    centreLat[square] = planeLat(plane, sumY[square] / sumWeight[square]);
  }
  const nearestMember = new Int32Array(count).fill(-1);
  const nearestSquared = new Float64Array(count).fill(Infinity);
  for (let point = 0; point < lon.length; point += 1) {
    const square = squareOf[point];
    if (square < 0) continue;
    const dx = planeX(plane, lon[point]) - planeX(plane, centreLon[square]);
    const dy = planeY(plane, lat[point]) - planeY(plane, centreLat[square]);
    if (dx * dx + dy * dy < nearestSquared[square]) {
      nearestSquared[square] = dx * dx + dy * dy;
      nearestMember[square] = point;
    }
  }
  return {
    count,
    ids,
    lon: centreLon,
    lat: centreLat,
    weight: Float64Array.from(sumWeight),
    cells: Int32Array.from(cellCount),
    squareOf,
    nearestMember,
  };
}
