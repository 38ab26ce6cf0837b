import type { BoundingBox } from '../../../core/api/responses.ts';

/** A typed position: the point and which order the two numbers were read in. */
export interface CoordinateQuery {
  lon: number;
  lat: number;
  order: 'lonLat' | 'latLon';
}

/** Two decimal numbers split by a comma (ASCII or full-width), a semicolon or spaces. */
const PAIR = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*(?:[,，;；]\s*|\s+)(-?\d{1,3}(?:\.\d+)?)\s*$/;

const inside = (box: BoundingBox | undefined, lon: number, lat: number) => Boolean(box) && lon >= box![0] && lon <= box![2] && lat >= box![1] && lat <= box![3];
const isPosition = (lon: number, lat: number) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

/**
 * "106.55,29.52" or "29.52, 106.55": longitude–latitude (GeoJSON's order) or latitude–longitude
 * (what phones and most map sites copy). The order that lands in the district wins; else the
 * only one that is a position at all; else longitude first. Not a pair of numbers: undefined.
 */
export function parseCoordinateQuery(text: string, district?: BoundingBox): CoordinateQuery | undefined {
  const match = PAIR.exec(text);
  if (!match) return undefined;
  const [first, second] = [Number(match[1]), Number(match[2])];
  const lonLat: CoordinateQuery = { lon: first, lat: second, order: 'lonLat' };
  const latLon: CoordinateQuery = { lon: second, lat: first, order: 'latLon' };
  if (inside(district, first, second)) return lonLat;
  if (inside(district, second, first)) return latLon;
  if (isPosition(first, second)) return lonLat;
  if (isPosition(second, first)) return latLon;
  return undefined;
}
