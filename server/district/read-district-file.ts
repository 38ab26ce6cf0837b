import type { InputFeature } from '../../core/district/district-plan.ts';
import { epsgOfImportCrs, mapCoordinates, unshiftPosition } from '../../core/exchange/import-crs.ts';
import { ApiError, badRequest } from '../errors.ts';
import type { GdalThread } from '../exchange/gdal-thread.ts';
import { layOutUpload } from '../imports/upload-files.ts';

/** One of the district's files as uploaded or named on the command line. */
export interface DistrictFile {
  /** Which file it is, to say so in a refusal: boundary, divisions, population or roads. */
  role: 'boundary' | 'divisions' | 'population' | 'roads';
  name: string;
  bytes: Uint8Array;
  /** The coordinate system the user names over the file's (wgs84, gcj02, bd09, cgcs2000, EPSG:45xx…), checked by importCrsSchema. */
  crs?: string;
}

export interface ReadDistrictFile {
  features: InputFeature[];
  /** What the coordinates were read as, for the summary. */
  crs: string;
}

/**
 * A district file read as the imports read theirs: laid out and checked by its name
 * (upload-files.ts: a zipped shapefile, GeoPackage, GeoJSON, KML, CSV), opened by GDAL on its
 * thread and written as WGS84 GeoJSON, its coordinate system said by the file, named by the user
 * or told from its extent (import-crs.ts). A district that is not loaded yet has no longitude to
 * place a Gauss-Krüger zone without its number: `centralLongitude` is the files' own guess.
 */
export async function readDistrictFile(gdal: GdalThread, file: DistrictFile, centralLongitude: number): Promise<ReadDistrictFile> {
  const prefix = `${file.role} file ${JSON.stringify(file.name.slice(0, 80))}`;
  const files = (() => {
    try {
      return layOutUpload(file.name, file.bytes, undefined);
    } catch (error) {
      throw rename(error, prefix);
    }
  })();
  let read;
  try {
    if (files.format === 'shp' && !files.hasPrj && !file.crs) {
      throw badRequest('district_file_unreadable', `${prefix}: the shapefile has no .prj, so its coordinate system is unknown: zip the .prj with it, or name the system`);
    }
    read = await gdal
      .read({ path: files.path, morePaths: files.morePaths, table: files.format === 'csv' || files.format === 'xlsx' ? files.format : null, openOptions: files.openOptions, sourceEpsg: file.crs ? epsgOfImportCrs(file.crs) : null, districtLongitude: centralLongitude })
      .catch((error: unknown) => {
        throw badRequest('district_file_unreadable', `${prefix} cannot be read as ${files.format}: ${(error instanceof Error ? error.message : String(error)).replace(/^GDAL: /, '').slice(0, 300)}`);
      });
  } finally {
    files.remove();
  }
  if ('problem' in read.crs) {
    const why = read.crs.problem === 'swapped' ? 'longitude and latitude look swapped' : read.crs.problem === 'missing' ? 'the shapefile has no .prj' : 'the coordinates are neither degrees nor a Gauss-Krüger zone';
    throw badRequest('district_file_unreadable', `${prefix}: ${why}; name the coordinate system or fix the file`, { extent: read.crs.extent });
  }
  const collection = JSON.parse(new TextDecoder().decode(read.geojson!)) as { features?: InputFeature[] };
  const features = collection.features ?? [];
  // AMap's and Baidu's shifted coordinates read as WGS84 numbers: shifted back here, as the imports do.
  const shift = file.crs === 'gcj02' || file.crs === 'bd09' ? file.crs : null;
  if (shift) for (const feature of features) if (feature.geometry) feature.geometry.coordinates = mapCoordinates(feature.geometry.coordinates, (position) => unshiftPosition(position, shift));
  return { features, crs: shift ?? read.crs.name ?? (read.crs.epsg ? `EPSG:${read.crs.epsg}` : 'WGS 84') };
}

/** An upload refusal (not as named, a zip bomb…) said of the district file it concerns: same code, its message prefixed. */
function rename(error: unknown, prefix: string): unknown {
  if (error instanceof ApiError) error.message = `${prefix}: ${error.message}`;
  return error;
}
