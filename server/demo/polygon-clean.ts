// Rounding to 6 decimals after clipping can leave repeated vertices or
// collapsed rings; these helpers normalise polygonal geometry so that every
// output polygon is valid GeoJSON (closed rings of >= 4 distinct-ish points,
// RFC 7946 winding).
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { round6 } from './geo-math.ts';

type Ring = Position[];

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** Round, drop consecutive duplicates, close; undefined if the ring collapsed. */
export function cleanRing(ring: Ring, counterClockwise: boolean): Ring | undefined {
  const out: Ring = [];
  for (const [lon, lat] of ring) {
    const point = [round6(lon), round6(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) return undefined;
  out.push([out[0][0], out[0][1]]);
  const area = signedArea(out);
  if (area === 0) return undefined;
  return area > 0 === counterClockwise ? out : out.reverse();
}

function cleanPolygonRings(rings: Ring[]): Ring[] | undefined {
  const exterior = cleanRing(rings[0], true);
  if (!exterior) return undefined;
  const holes = rings.slice(1).map((hole) => cleanRing(hole, false)).filter((hole): hole is Ring => !!hole);
  return [exterior, ...holes];
}

/** Clean a Polygon/MultiPolygon; a MultiPolygon with one part left becomes a Polygon. */
export function cleanPolygonal(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | undefined {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const cleaned = parts.map(cleanPolygonRings).filter((p): p is Ring[] => !!p);
  if (cleaned.length === 0) return undefined;
  return cleaned.length === 1 ? { type: 'Polygon', coordinates: cleaned[0] } : { type: 'MultiPolygon', coordinates: cleaned };
}

export function polygonParts(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
