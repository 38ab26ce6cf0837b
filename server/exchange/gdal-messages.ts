import type { ExportCrs } from '../../core/exchange/export-contract.ts';
import type { ImportField } from '../../core/exchange/import-contract.ts';

/** The formats the GDAL thread writes (CSV and XLSX are tables, written on the request thread). */
export type GdalFormat = 'geojson' | 'shp' | 'gpkg';

export interface GdalTask {
  id: number;
  kind?: 'write';
  format: GdalFormat;
  crs: ExportCrs;
  /** The layer's name inside the file (GeoPackage table, shapefile base name). */
  layerName: string;
  /** A GeoJSON FeatureCollection in the export's coordinates (WGS84 or GCJ-02 numbers). */
  geojson: string;
}

/**
 * Reading an uploaded file: its files already on disk (an archive unpacked), GDAL opens the
 * main one and writes its first layer as GeoJSON in WGS84 degrees.
 */
export interface GdalReadTask {
  id: number;
  kind: 'read';
  /** The file GDAL opens (a .shp beside its .dbf, .shx, .prj; a .gpkg; a .csv…). */
  path: string;
  /** More shapefiles of the same zip, read after the first into the same collection. */
  morePaths?: string[];
  /** Spreadsheets are read as CSV, with the place in lon/lat or WKT columns. */
  table: 'csv' | 'xlsx' | null;
  /** GDAL's open options (a shapefile's ENCODING). */
  openOptions: string[];
  /** The coordinate system the user named (EPSG code), over whatever the file says. */
  sourceEpsg: number | null;
  /** Where the district is, for a Gauss-Krüger zone without its number. */
  districtLongitude: number;
}

export interface GdalReadResult {
  layer: string;
  otherLayers: string[];
  driver: string;
  /** The field the features' own ids are given as (a GeoPackage's key column), when they are data. */
  fidField: string | null;
  fields: ImportField[];
  /** What the file says of its coordinates, or what its extent shows. */
  crs: { epsg: number | null; name: string | null; source: 'file' | 'override' | 'guessed' } | { problem: 'missing' | 'swapped' | 'unknown'; extent: number[] | null };
  /** The features as GeoJSON in EPSG:4326 (UTF-8), or nothing when the coordinate system is a problem. */
  geojson: Uint8Array | null;
}

export type GdalReply =
  | { id: number; type: 'done'; bytes: Uint8Array }
  | { id: number; type: 'read'; result: GdalReadResult }
  | { id: number; type: 'failed'; message: string };
