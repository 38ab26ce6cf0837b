import gcoord from 'gcoord';
import { GAUSS_KRUGER_EPSG } from './import-contract.ts';

/**
 * Which coordinate system a file's numbers are in, when the file does not say (a CSV, a
 * spreadsheet, a shapefile without .prj is refused before this), from where its extent lies:
 * - degrees inside China's box: geographic (WGS84 assumed; GCJ-02 and BD-09 look the same and
 *   can only be named by the user);
 * - degrees with longitude and latitude the other way round: swapped columns, said as such;
 * - metres of a Gauss-Krüger 3° zone: with the zone number before the easting (8 digits) the
 *   zone is known; without it (6 digits), the zone of the district's central meridian.
 */

export type Extent = readonly [number, number, number, number];

export type CrsGuess =
  | { kind: 'geographic'; epsg: 4326 }
  | { kind: 'gauss-kruger'; epsg: number; zone: number; prefixed: boolean }
  | { kind: 'swapped' }
  | { kind: 'unknown' };

/** China's box in degrees, generously (the Nansha islands to Mohe, Pamir to Fuyuan). */
const CHINA = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;

const inChina = (lon: number, lat: number) => lon >= CHINA.minLon && lon <= CHINA.maxLon && lat >= CHINA.minLat && lat <= CHINA.maxLat;

/** The 3° zone whose central meridian is nearest a longitude: zone n has its meridian at 3n°E. */
export function gaussKrugerZone(longitude: number): number {
  return Math.round(longitude / 3);
}

/** EPSG:4513 is zone 25 with the prefix; EPSG:4534 is central meridian 75°E (zone 25) without it. */
export function gaussKrugerEpsg(zone: number, prefixed: boolean): number {
  return (prefixed ? GAUSS_KRUGER_EPSG.first : 4534) + zone - 25;
}

export function guessCrs(extent: Extent, districtLongitude: number): CrsGuess {
  const [minX, minY, maxX, maxY] = extent;
  if (inChina(minX, minY) && inChina(maxX, maxY)) return { kind: 'geographic', epsg: 4326 };
  if (inChina(minY, minX) && inChina(maxY, maxX)) return { kind: 'swapped' };
  // Northings of China: 300 km (Hainan's south) to 6,000 km (Heilongjiang's north).
  const northing = minY >= 300_000 && maxY <= 6_000_000;
  if (northing && minX >= 25_000_000 && maxX < 46_000_000) {
    const zone = Math.floor(minX / 1_000_000);
    if (zone === Math.floor(maxX / 1_000_000) && zone >= 25 && zone <= 45) return { kind: 'gauss-kruger', epsg: gaussKrugerEpsg(zone, true), zone, prefixed: true };
  }
  if (northing && minX >= 0 && maxX <= 1_000_000) {
    const zone = gaussKrugerZone(districtLongitude);
    return { kind: 'gauss-kruger', epsg: gaussKrugerEpsg(zone, false), zone, prefixed: false };
  }
  return { kind: 'unknown' };
}

/** The coordinate systems the user names, as the EPSG code GDAL reads the numbers in (shifted ones as WGS84). */
export function epsgOfImportCrs(crs: string): number {
  if (crs === 'cgcs2000') return 4490;
  if (crs === 'wgs84' || crs === 'gcj02' || crs === 'bd09') return 4326;
  return Number(crs.slice('epsg:'.length));
}

export function describeEpsg(epsg: number): string {
  if (epsg === 4326) return 'WGS 84 (EPSG:4326)';
  if (epsg === 4490) return 'CGCS2000 (EPSG:4490)';
  if (epsg >= GAUSS_KRUGER_EPSG.first && epsg <= 4533) return `CGCS2000 / 3-degree Gauss-Krüger zone ${epsg - GAUSS_KRUGER_EPSG.first + 25} (EPSG:${epsg})`;
  if (epsg >= 4534 && epsg <= GAUSS_KRUGER_EPSG.last) return `CGCS2000 / 3-degree Gauss-Krüger CM ${75 + 3 * (epsg - 4534)}E (EPSG:${epsg})`;
  return `EPSG:${epsg}`;
}

type Position = number[];

/** GCJ-02 or BD-09 positions back to WGS84, as gcoord computes them, to 7 decimals (a centimetre). */
export function unshiftPosition(position: Position, from: 'gcj02' | 'bd09'): Position {
  const [lon, lat] = gcoord.transform([position[0], position[1]], from === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as [number, number];
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

/** Every position of any GeoJSON geometry mapped, whatever its nesting. */
export function mapCoordinates(coordinates: unknown, map: (position: Position) => Position): unknown {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') return map(coordinates as Position);
  if (Array.isArray(coordinates)) return coordinates.map((inner) => mapCoordinates(inner, map));
  return coordinates;
}
