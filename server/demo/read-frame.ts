// The only file-reading part of the demo generator: loads the real Nan'an frame
// (NBS division codes + AMap district fence, both GCJ-02) and converts it to WGS84.
import fs from 'node:fs';
import path from 'node:path';
import gcoord from 'gcoord';
import type { Polygon } from 'geojson';
import type { Frame, FrameCommunity, FrameTown, LonLat } from './types.ts';
import { round6 } from './geo-math.ts';
import { toCommunityNameEn, toDisplayName, toTownNameEn } from './names.ts';

// Column positions, see geodata/nanan/divisions-schema.ddl.
const COL = { code: 0, parent: 1, name: 2, level: 3, urCode: 8, lon: 12, lat: 13 } as const;

/** GCJ-02 (Chinese web-map offset) → WGS84, rounded to 6 decimals (~0.1 m). */
export function gcjToWgs(point: LonLat): LonLat {
  const [lon, lat] = gcoord.transform(point, gcoord.GCJ02, gcoord.WGS84) as LonLat;
  return [round6(lon), round6(lat)];
}

function parseCentre(row: string[]): LonLat | undefined {
  const lon = row[COL.lon];
  const lat = row[COL.lat];
  if (!lon || !lat) return undefined;
  return gcjToWgs([Number(lon), Number(lat)]);
}

function readCsvRows(file: string): string[][] {
  // The file has no quoted fields (the WKB hex column has no commas), so a plain split is exact.
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

/** Signed area of a ring in degree units; positive = counter-clockwise. */
function signedRingArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum / 2;
}

function readBoundary(file: string): Polygon {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Polygon;
  if (raw.type !== 'Polygon') throw new Error(`${file}: expected a bare Polygon, got ${raw.type}`);
  const rings = raw.coordinates.map((ring, index) => {
    const converted = ring.map(([lon, lat]) => gcjToWgs([lon, lat]) as number[]);
    // RFC 7946: exterior ring counter-clockwise, holes clockwise. The AMap fence is clockwise.
    const wantCounterClockwise = index === 0;
    return signedRingArea(converted) > 0 === wantCounterClockwise ? converted : converted.reverse();
  });
  return { type: 'Polygon', coordinates: rings };
}

function toTown(row: string[]): FrameTown {
  const name = toDisplayName(row[COL.name]);
  return {
    code: row[COL.code],
    name,
    nameEn: toTownNameEn(name),
    kind: name.endsWith('镇') ? 'town' : 'street',
    ...(parseCentre(row) ? { centre: parseCentre(row) } : {}),
  };
}

function toCommunity(row: string[]): FrameCommunity {
  const name = toDisplayName(row[COL.name]);
  return {
    code: row[COL.code],
    townCode: row[COL.parent],
    name,
    nameEn: toCommunityNameEn(name),
    urCode: row[COL.urCode],
    ...(parseCentre(row) ? { centre: parseCentre(row) } : {}),
  };
}

export function readFrame(dir = 'geodata/nanan'): Frame {
  const rows = readCsvRows(path.join(dir, 'divisions-500108.csv'));
  const districtRow = rows.find((row) => row[COL.level] === 'county');
  if (!districtRow) throw new Error('divisions CSV has no county row');
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  return {
    district: {
      code: districtRow[COL.code],
      name: districtRow[COL.name],
      nameEn: "Nan'an District",
      boundary: readBoundary(path.join(dir, 'district-boundary.gcj02.geojson')),
    },
    towns: rows.filter((row) => row[COL.level] === 'town').map(toTown).sort(byCode),
    communities: rows.filter((row) => row[COL.level] === 'village').map(toCommunity).sort(byCode),
  };
}
