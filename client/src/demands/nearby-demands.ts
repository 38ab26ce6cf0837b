import type { PublicDemand } from '../../../core/demands/demand-contract.ts';
import { measureGeodesic, metresPerDegreeAt } from '../../../core/analysis/geodesic.ts';

export interface NearbyDemand<T extends PublicDemand = PublicDemand> {
  demand: T;
  metres: number;
}

/** A box `metres` around a place, for `GET /api/demands?bbox=` (a little wider than the circle). */
export function boxAround([lon, lat]: readonly [number, number], metres: number): [number, number, number, number] {
  const scale = metresPerDegreeAt(lat);
  const dLon = metres / scale.lon;
  const dLat = metres / scale.lat;
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

/** The demands within `metres` of a place, nearest first (the box's corners fall away). */
export function withinMetres<T extends PublicDemand>(demands: readonly T[], [lon, lat]: readonly [number, number], metres: number): NearbyDemand<T>[] {
  return demands
    .map((demand) => ({ demand, metres: measureGeodesic(lon, lat, demand.lon, demand.lat) }))
    .filter((nearby) => nearby.metres <= metres)
    .sort((a, b) => a.metres - b.metres);
}
