import { z } from 'zod';
import type { ImportNotice, ImportProblem } from './import-problems.ts';

/**
 * `POST /api/imports` (a file, a target, optional coordinate system and encoding) → a preview;
 * `POST /api/imports/{id}/commit` → the rows written, all or none. The shapes both sides share.
 */

/** Where an import writes: a facility layer (by its id), the demand list, the project library. */
export const IMPORT_LIST_TARGETS = ['demands', 'projects'] as const;

/** The formats read, by what the uploaded file is (a shapefile comes zipped). */
export const IMPORT_FORMATS = ['shp', 'gpkg', 'kml', 'geojson', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * What the file's coordinates are, when the user says so:
 * - `wgs84`, `cgcs2000`: geographic degrees (EPSG:4326, EPSG:4490);
 * - `gcj02` (AMap, Tencent) and `bd09` (Baidu): WGS84 shifted, without an EPSG code;
 * - `EPSG:4513`…`EPSG:4554`: CGCS2000's Gauss-Krüger 3° zones in metres, with (4513–4533) and
 *   without (4534–4554) the zone number before the easting.
 */
export const IMPORT_CRS_NAMES = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'] as const;
export const GAUSS_KRUGER_EPSG = { first: 4513, last: 4554 } as const;

export const importCrsSchema = z
  .string()
  .trim()
  .transform((value) => value.toLowerCase())
  .refine((value) => (IMPORT_CRS_NAMES as readonly string[]).includes(value) || isGaussKrugerName(value) || value === 'epsg:4326' || value === 'epsg:4490', {
    message: `crs is one of ${IMPORT_CRS_NAMES.join(', ')}, EPSG:4326, EPSG:4490 or a CGCS2000 Gauss-Krüger zone EPSG:${GAUSS_KRUGER_EPSG.first}…EPSG:${GAUSS_KRUGER_EPSG.last}`,
  });

function isGaussKrugerName(value: string): boolean {
  const match = /^epsg:(\d{4})$/.exec(value);
  return match !== null && Number(match[1]) >= GAUSS_KRUGER_EPSG.first && Number(match[1]) <= GAUSS_KRUGER_EPSG.last;
}

/** Attribute encodings: shapefiles from Chinese offices often say nothing and are GBK (read as GB18030, its superset). */
export const IMPORT_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export const importEncodingSchema = z
  .string()
  .trim()
  .transform((value) => value.toLowerCase().replace(/^utf8$/, 'utf-8').replace(/^(gbk|gb2312|cp936)$/, 'gb18030'))
  .pipe(z.enum(IMPORT_ENCODINGS, { message: 'encoding is utf-8 or gb18030 (gbk)' }));

export const IMPORT_LIMITS = {
  /** The upload itself; refused from its Content-Length, before it is read. */
  maxUploadBytes: 200 * 1024 * 1024,
  /** What an archive may expand to, all members together; more is refused as it inflates. */
  maxExpandedBytes: 1024 * 1024 * 1024,
  /** One archive member may not expand more than this many times its compressed size. */
  maxCompressionRatio: 200,
  maxFeatures: 200_000,
  /** Rows of the file shown in the preview's table. */
  previewRows: 20,
  /** Features sent for the preview's map; the bbox covers them all. */
  mapSample: 2_000,
  /** A preview is kept this long, then forgotten. */
  lifetimeHours: 24,
} as const;

/** The mapping from the file's fields to the target's properties: property → field (or null, left empty). */
export const fieldMappingSchema = z.record(z.string().max(100), z.string().max(200).nullable());
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const importCommitSchema = z.strictObject({
  /** Replaces the proposed mapping for the properties it names. */
  mapping: fieldMappingSchema.optional(),
  /** Write the valid rows and leave the invalid ones out (they are listed in the answer). */
  skipInvalid: z.boolean().optional(),
});
export type ImportCommitRequest = z.infer<typeof importCommitSchema>;

/** `PATCH /api/imports/{id}`: a changed mapping, kept with the preview, its invalid rows listed again. */
export const importMappingSchema = z.strictObject({
  /** Replaces the preview's mapping for the properties it names. */
  mapping: fieldMappingSchema,
});
export type ImportMappingRequest = z.infer<typeof importMappingSchema>;

export interface ImportField {
  name: string;
  /** As GDAL reads it: String, Integer, Integer64, Real, Date, DateTime… */
  type: string;
}

export interface InvalidRow {
  /** 1-based, in the file's order (a spreadsheet's header is not counted). */
  row: number;
  /** The problems in English, one line (`; ` between them). */
  reason: string;
  /** Each problem as a code and what it names, for the reader's language (core/exchange/import-problems.ts). */
  problems: ImportProblem[];
}

export interface ImportPreview {
  id: string;
  target: string;
  /** The target's data version when the preview was made: send it as If-Match with the commit. */
  targetVersion: number | null;
  file: { name: string; format: ImportFormat; bytes: number; layer: string; otherLayers: string[] };
  featureCount: number;
  geometryTypes: Record<string, number>;
  fields: ImportField[];
  /** `note` in English, `notice` the same as a code and parameters. */
  crs: { code: string; name: string; source: 'file' | 'override' | 'guessed'; note: string; notice: ImportNotice };
  encoding: { name: ImportEncoding; source: 'file' | 'override' | 'detected' | 'fixed'; note: string; notice: ImportNotice };
  /** The first rows of the file as read (attributes only). */
  rows: Array<Record<string, unknown>>;
  /** Target property → file field (null: left empty); the target's properties in order. */
  mapping: FieldMapping;
  properties: Array<{ name: string; type: string; required: boolean }>;
  invalidRows: InvalidRow[];
  /** Geometries made valid with ST_MakeValid, with what was wrong. */
  repairedRows: InvalidRow[];
  notes: string[];
  /** The notes as codes and parameters, in the same order. */
  notices: ImportNotice[];
  bbox: [number, number, number, number] | null;
  /** Up to IMPORT_LIMITS.mapSample features in WGS84, for the preview's map. */
  sample: { type: 'FeatureCollection'; features: Array<{ type: 'Feature'; id: number; geometry: unknown; properties: { row: number; invalid: boolean } }> };
  createdAt: string;
  expiresAt: string;
}

export interface ImportCommitResult {
  id: string;
  target: string;
  committed: number;
  skipped: InvalidRow[];
  targetVersion: number | null;
}
