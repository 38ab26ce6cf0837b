import type { ExportCrs } from '../../core/exchange/export-contract.ts';

/** The formats the GDAL thread writes (CSV and XLSX are tables, written on the request thread). */
export type GdalFormat = 'geojson' | 'shp' | 'gpkg';

export interface GdalTask {
  id: number;
  format: GdalFormat;
  crs: ExportCrs;
  /** The layer's name inside the file (GeoPackage table, shapefile base name). */
  layerName: string;
  /** A GeoJSON FeatureCollection in the export's coordinates (WGS84 or GCJ-02 numbers). */
  geojson: string;
}

export type GdalReply = { id: number; type: 'done'; bytes: Uint8Array } | { id: number; type: 'failed'; message: string };
