/**
 * The centroid of a (multi)polygon in the lon/lat plane, area-weighted, holes subtracted: the
 * point PostGIS's ST_Centroid gives for a geometry in EPSG:4326. The server measures coverage
 * from exactly those points, so the browser's demand set must use the same definition (a mean
 * of the vertices would move clipped edge cells by metres).
 */
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

interface Moments {
  area: number;
  lon: number;
  lat: number;
}

/**
 * Twice the signed area and the first moments of one ring, taken relative to `origin` so that
 * small cells far from (0, 0) keep their precision.
 */
function addRing(ring: readonly number[][], origin: readonly number[], sign: number, sums: Moments): void {
  let area = 0;
  let lon = 0;
  let lat = 0;
  for (let index = 0; index + 1 < ring.length; index += 1) {
    const x1 = ring[index][0] - origin[0];
    const y1 = ring[index][1] - origin[1];
    const x2 = ring[index + 1][0] - origin[0];
    const y2 = ring[index + 1][1] - origin[1];
    const cross = x1 * y2 - x2 * y1;
    area += cross;
    lon += (x1 + x2) * cross;
    lat += (y1 + y2) * cross;
  }
  // Shells add and holes subtract whatever their winding: orientation is not guaranteed in data.
  const direction = sign * Math.sign(area);
  sums.area += direction * area;
  sums.lon += direction * lon;
  sums.lat += direction * lat;
}

/** Throws a RangeError naming the geometry when it has no area to weigh by. */
export function computePolygonCentroid(geometry: AreaGeometry): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  const origin = polygons[0]?.[0]?.[0];
  if (!origin) throw new RangeError(`cannot take the centroid of an empty or unsupported geometry (${JSON.stringify(geometry?.type)})`);
  const sums: Moments = { area: 0, lon: 0, lat: 0 };
  for (const rings of polygons) rings.forEach((ring, index) => addRing(ring, origin, index === 0 ? 1 : -1, sums));
  if (!(sums.area > 0)) throw new RangeError(`cannot take the centroid of a polygon without area near (${origin[0]}, ${origin[1]})`);
  return [origin[0] + sums.lon / (3 * sums.area), origin[1] + sums.lat / (3 * sums.area)];
}
