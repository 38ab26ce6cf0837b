/**
 * Distances on the WGS84 ellipsoid, as PostGIS `geography` measures them.
 *
 * PostGIS measures point-to-point distance with Karney's geodesic inverse. Vincenty's inverse
 * below solves the same problem; its series are truncated at a relative error near 1e-11, i.e.
 * micrometres at city scale, so a coverage test `distance ≤ radius` decides the same way as
 * `ST_DWithin(geography)` except for exact ties. It fails to converge only for nearly antipodal
 * points, which no walking analysis meets; it throws there rather than guess.
 */
export const WGS84_A = 6_378_137;
export const WGS84_F = 1 / 298.257223563;
const WGS84_B = WGS84_A * (1 - WGS84_F);
const E2 = WGS84_F * (2 - WGS84_F);
const RADIANS = Math.PI / 180;
const MAX_ITERATIONS = 200;

/** Geodesic distance in metres between two lon/lat points (degrees). */
export function measureGeodesic(lon1: number, lat1: number, lon2: number, lat2: number): number {
  if (lon1 === lon2 && lat1 === lat2) return 0;
  let longitudeDifference = (lon2 - lon1) * RADIANS;
  if (longitudeDifference > Math.PI) longitudeDifference -= 2 * Math.PI;
  if (longitudeDifference < -Math.PI) longitudeDifference += 2 * Math.PI;
  // Reduced latitudes, through tan to keep precision near the poles.
  const tanU1 = (1 - WGS84_F) * Math.tan(lat1 * RADIANS);
  const tanU2 = (1 - WGS84_F) * Math.tan(lat2 * RADIANS);
  const cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
  const cosU2 = 1 / Math.sqrt(1 + tanU2 * tanU2);
  const sinU1 = tanU1 * cosU1;
  const sinU2 = tanU2 * cosU2;

  let lambda = longitudeDifference;
  let sinSigma = 0;
  let cosSigma = 0;
  let sigma = 0;
  let cosSqAlpha = 0;
  let cos2SigmaM = 0;
  for (let iteration = 0; ; iteration += 1) {
    if (iteration === MAX_ITERATIONS) {
      throw new RangeError(`geodesic between (${lon1}, ${lat1}) and (${lon2}, ${lat2}) did not converge (nearly antipodal points)`);
    }
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    const cross = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
    sinSigma = Math.sqrt(cosU2 * sinLambda * (cosU2 * sinLambda) + cross * cross);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cosSqAlpha = 1 - sinAlpha * sinAlpha;
    // On the equator cos²α is 0 and the term below is irrelevant.
    cos2SigmaM = cosSqAlpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cosSqAlpha;
    const c = (WGS84_F / 16) * cosSqAlpha * (4 + WGS84_F * (4 - 3 * cosSqAlpha));
    const previous = lambda;
    lambda = longitudeDifference + (1 - c) * WGS84_F * sinAlpha
      * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    // Relative, not absolute: σ below comes from the previous λ, and on a 10 m line an absolute
    // 1e-12 rad would leave a 1e-7 relative error.
    if (Math.abs(lambda - previous) <= 1e-15 * Math.abs(lambda)) break;
  }
  const uSq = (cosSqAlpha * (WGS84_A * WGS84_A - WGS84_B * WGS84_B)) / (WGS84_B * WGS84_B);
  const a = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const b = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const deltaSigma = b * sinSigma * (cos2SigmaM + (b / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
    - (b / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return WGS84_B * a * (sigma - deltaSigma);
}

/** Metres per degree of longitude and latitude at a latitude, from the ellipsoid's radii of curvature. */
export function metresPerDegreeAt(lat: number): { lon: number; lat: number } {
  const sinLat = Math.sin(lat * RADIANS);
  const w = Math.sqrt(1 - E2 * sinLat * sinLat);
  const primeVertical = WGS84_A / w;
  const meridional = (WGS84_A * (1 - E2)) / (w * w * w);
  return { lon: primeVertical * Math.cos(lat * RADIANS) * RADIANS, lat: meridional * RADIANS };
}

/**
 * A flat "metres east/north of an origin" plane, exact in scale at the origin. Used where a
 * few centimetres over a kilometre do not matter: finding candidates, projecting onto a
 * segment, drawing isochrones. Distances that decide coverage use `measureGeodesic`.
 */
export interface LocalPlane {
  lon0: number;
  lat0: number;
  metresPerDegreeLon: number;
  metresPerDegreeLat: number;
}

export function createLocalPlane(lon0: number, lat0: number): LocalPlane {
  const scale = metresPerDegreeAt(lat0);
  return { lon0, lat0, metresPerDegreeLon: scale.lon, metresPerDegreeLat: scale.lat };
}

export const planeX = (plane: LocalPlane, lon: number) => (lon - plane.lon0) * plane.metresPerDegreeLon;
export const planeY = (plane: LocalPlane, lat: number) => (lat - plane.lat0) * plane.metresPerDegreeLat;
export const planeLon = (plane: LocalPlane, x: number) => plane.lon0 + x / plane.metresPerDegreeLon;
export const planeLat = (plane: LocalPlane, y: number) => plane.lat0 + y / plane.metresPerDegreeLat;

/**
 * Degrees to add around a point so that a box holds every place within `metres` of it:
 * the longitude span is taken at the box's most poleward latitude, where degrees are shortest,
 * with 1% to spare for the flat approximation.
 */
export function degreesAround(lat: number, metres: number): { lon: number; lat: number } {
  const latSpan = (metres / metresPerDegreeAt(lat).lat) * 1.01;
  const poleward = Math.min(89.9, Math.abs(lat) + latSpan);
  return { lon: Math.min(360, (metres / metresPerDegreeAt(poleward).lon) * 1.01), lat: latSpan };
}
