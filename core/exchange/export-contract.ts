import { z } from 'zod';

/**
 * `GET /api/export/{target}?format=…&crs=…`: a registry layer, the demand list or the project
 * library as a file in a format planning offices open, in the coordinate system they work in.
 */
export const EXPORT_FORMATS = ['geojson', 'csv', 'shp', 'gpkg', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * - `wgs84`: what the API serves (EPSG:4326);
 * - `gcj02`: the coordinates online maps in China use (AMap, Tencent); it has no EPSG code, so
 *   files that carry a coordinate system (.prj, GeoPackage) label it as WGS84, the datum it shifts;
 * - `cgcs2000`: China Geodetic Coordinate System 2000, geographic (EPSG:4490), the datum of
 *   planning and surveying offices.
 */
export const EXPORT_CRS = ['wgs84', 'gcj02', 'cgcs2000'] as const;
export type ExportCrs = (typeof EXPORT_CRS)[number];

export const exportQuerySchema = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` }),
  crs: z.enum(EXPORT_CRS, { message: `crs must be one of ${EXPORT_CRS.join(', ')}` }).default('wgs84'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The file's media type and name ending; a shapefile is several files, sent as one zip. */
export const EXPORT_FILES: Readonly<Record<ExportFormat, { mediaType: string; extension: string }>> = {
  geojson: { mediaType: 'application/geo+json', extension: 'geojson' },
  csv: { mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
  shp: { mediaType: 'application/zip', extension: 'shp.zip' },
  gpkg: { mediaType: 'application/geopackage+sqlite3', extension: 'gpkg' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
};

/** The EPSG code a file is written in: GCJ-02 is WGS84 shifted, and has none of its own. */
export function epsgOf(crs: ExportCrs): 4326 | 4490 {
  return crs === 'cgcs2000' ? 4490 : 4326;
}

/** `population-cgcs2000-20261128.gpkg`: what, in which coordinates, on which day. */
export function exportFileName(target: string, query: ExportQuery, day: string): string {
  return `${target}-${query.crs}-${day}.${EXPORT_FILES[query.format].extension}`;
}
