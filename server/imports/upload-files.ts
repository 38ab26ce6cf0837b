import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import { IMPORT_LIMITS, type ImportEncoding, type ImportFormat, type ImportPreview } from '../../core/exchange/import-contract.ts';
import { notice, type ImportNotice } from '../../core/exchange/import-problems.ts';
import { cpgEncoding, dbfLanguageEncoding, detectEncoding } from '../../core/exchange/text-encoding.ts';
import { badRequest } from '../errors.ts';

/**
 * An uploaded file laid out on disk for GDAL: checked to be what its name says, an archive
 * unpacked under limits (a zip bomb stops as it inflates), a shapefile's parts all present, and
 * the text encoding of its attributes settled (said by the file, named by the user, or detected).
 */

export interface UploadedFiles {
  folder: string;
  /** The file GDAL opens. */
  path: string;
  /** A zip's other shapefiles, read with the first as one collection. */
  morePaths: string[];
  format: ImportFormat;
  /** Open options for GDAL (a shapefile's encoding). */
  openOptions: string[];
  encoding: ImportPreview['encoding'];
  hasPrj: boolean;
  remove(): void;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const SQLITE = 'SQLite format 3\u0000';

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, index) => bytes[index] === byte);
const head = (bytes: Uint8Array, length = 1024) => new TextDecoder('utf-8').decode(bytes.subarray(0, length)).replace(/^\uFEFF/, '').trimStart();

const encodingAs = (name: ImportEncoding, source: ImportPreview['encoding']['source'], said: ImportNotice): ImportPreview['encoding'] => ({ name, source, note: said.message, notice: said });
const asAsked = (encoding: ImportEncoding) => notice('encoding_override', { encoding }, `read as ${encoding}, as asked`);

/** What the bytes look like, to say so when the name promises something else. */
function looksLike(bytes: Uint8Array): string {
  if (startsWith(bytes, ZIP)) return 'a zip archive';
  if (head(bytes, 16) === SQLITE.slice(0, 16) || head(bytes, 16).startsWith('SQLite format 3')) return 'an SQLite database';
  const text = head(bytes);
  if (text.startsWith('{') || text.startsWith('[')) return 'JSON';
  if (text.startsWith('<')) return 'XML or HTML';
  if (bytes.subarray(0, 65536).includes(0)) return 'binary data';
  return 'text';
}

const NAMED: Record<string, { format: ImportFormat | 'zip'; is: (bytes: Uint8Array) => boolean; what: string }> = {
  zip: { format: 'zip', is: (bytes) => startsWith(bytes, ZIP), what: 'a zip archive' },
  gpkg: { format: 'gpkg', is: (bytes) => new TextDecoder().decode(bytes.subarray(0, 16)) === SQLITE, what: 'a GeoPackage' },
  kml: { format: 'kml', is: (bytes) => /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<kml[\s>]/.test(head(bytes)), what: 'a KML document' },
  geojson: { format: 'geojson', is: (bytes) => head(bytes).startsWith('{'), what: 'GeoJSON' },
  json: { format: 'geojson', is: (bytes) => head(bytes).startsWith('{'), what: 'GeoJSON' },
  csv: { format: 'csv', is: (bytes) => !bytes.subarray(0, 65536).includes(0), what: 'a CSV table' },
  txt: { format: 'csv', is: (bytes) => !bytes.subarray(0, 65536).includes(0), what: 'a CSV table' },
  xlsx: { format: 'xlsx', is: (bytes) => startsWith(bytes, ZIP), what: 'an XLSX workbook' },
};

export function layOutUpload(name: string, bytes: Uint8Array, override: ImportEncoding | undefined): UploadedFiles {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const named = NAMED[extension];
  if (!named) throw badRequest('unsupported_import_format', `${JSON.stringify(basename(name).slice(0, 80))} is not a format read here: a zipped shapefile (.zip), GeoPackage (.gpkg), KML, GeoJSON, CSV or XLSX`);
  if (!bytes.length || !named.is(bytes)) {
    throw badRequest('file_not_as_named', `${JSON.stringify(basename(name).slice(0, 80))} is named as ${named.what} but is ${bytes.length ? looksLike(bytes) : 'empty'}`, { expected: named.what, found: bytes.length ? looksLike(bytes) : 'empty' });
  }
  const folder = mkdtempSync(join(tmpdir(), 'atlas-import-'));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    if (named.format === 'zip') return { ...unpackArchive(folder, bytes, override), folder, remove };
    if (named.format === 'xlsx') {
      // A workbook is a zip too: unpacking its parts under the same limits refuses a workbook bomb.
      const parts = unpack(join(folder, 'xlsx-parts'), bytes);
      if (!parts.has('[Content_Types].xml')) throw badRequest('file_not_as_named', `${JSON.stringify(basename(name).slice(0, 80))} is named as an XLSX workbook but is a zip archive of something else`);
      rmSync(join(folder, 'xlsx-parts'), { recursive: true, force: true });
    }
    const path = join(folder, `upload.${named.format}`);
    let encoding = encodingAs('utf-8', 'fixed', notice('encoding_fixed', { format: named.format }, `${named.what} holds its text in UTF-8`));
    let content = bytes;
    if (named.format === 'csv') {
      const detected = override ?? detectEncoding(bytes);
      encoding = override
        ? encodingAs(override, 'override', asAsked(override))
        : encodingAs(detected, 'detected', detected === 'utf-8'
          ? notice('encoding_valid_utf8', {}, 'the text is valid UTF-8')
          : notice('encoding_not_utf8', {}, 'the text is not UTF-8: read as GB18030 (GBK)'));
      // GDAL reads CSV as UTF-8: a GBK table is handed over decoded.
      if (encoding.name === 'gb18030') content = new TextEncoder().encode(new TextDecoder('gb18030').decode(bytes));
    }
    writeFileSync(path, content);
    return { folder, path, morePaths: [], format: named.format, openOptions: [], encoding, hasPrj: true, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * Shapefiles (or one GeoPackage, KML, GeoJSON or CSV) in a zip. Every shapefile is read, each
 * with all its parts: a shapefile holds one kind of shape, so a layer of points, lines and
 * polygons comes as three. The first's .cpg (or code page) says the encoding of them all.
 */
function unpackArchive(folder: string, bytes: Uint8Array, override: ImportEncoding | undefined): Omit<UploadedFiles, 'folder' | 'remove'> {
  const members = unpack(folder, bytes);
  const names = [...members.keys()];
  const shapes = names.filter((name) => name.toLowerCase().endsWith('.shp'));
  if (shapes.length) {
    const partOf = (shape: string) => (extension: string) => names.find((name) => name.toLowerCase() === `${shape.slice(0, -4)}.${extension}`.toLowerCase());
    for (const shape of shapes) {
      const stem = shape.slice(0, -4);
      for (const [extension, why] of [['dbf', 'its attributes'], ['shx', 'its index']] as const) {
        if (!partOf(shape)(extension)) throw badRequest('shapefile_incomplete', `the zip holds ${shape} without ${basename(stem)}.${extension}, which holds ${why}: zip every file of the shapefile`, { missing: `${basename(stem)}.${extension}` });
      }
    }
    const [shape, ...moreShapes] = shapes.sort();
    const part = partOf(shape);
    const dbf = members.get(part('dbf')!)!;
    const cpg = part('cpg');
    let encoding: UploadedFiles['encoding'];
    const declared = cpg ? cpgEncoding(new TextDecoder().decode(members.get(cpg)!)) : undefined;
    const language = dbfLanguageEncoding(dbf);
    if (override) encoding = encodingAs(override, 'override', asAsked(override));
    else if (declared) encoding = encodingAs(declared, 'file', notice('encoding_cpg', { encoding: declared }, `the .cpg says ${declared}`));
    else if (language) encoding = encodingAs(language, 'file', notice('encoding_dbf_code_page', { codePage: 936 }, 'the .dbf names code page 936 (GBK)'));
    else {
      const name = detectEncoding(dbf);
      encoding = encodingAs(name, 'detected', name === 'utf-8'
        ? notice('encoding_no_cpg_utf8', {}, 'no .cpg: the attributes are valid UTF-8')
        : notice('encoding_no_cpg_not_utf8', {}, 'no .cpg: the attributes are not UTF-8, read as GB18030 (GBK)'));
    }
    return {
      path: join(folder, shape),
      morePaths: moreShapes.map((name) => join(folder, name)),
      format: 'shp',
      openOptions: [`ENCODING=${encoding.name === 'utf-8' ? 'UTF-8' : 'GB18030'}`],
      encoding,
      hasPrj: shapes.every((name) => partOf(name)('prj') !== undefined),
    };
  }
  const single = names.find((name) => /\.(gpkg|kml|geojson|json|csv)$/i.test(name));
  if (!single) throw badRequest('empty_archive', 'the zip holds no shapefile (.shp with its .dbf and .shx), GeoPackage, KML, GeoJSON or CSV');
  const inner = layOutUpload(single, members.get(single)!, override);
  return { ...inner, path: inner.path };
}

/**
 * The archive's files written into `folder` as they inflate, by their base names (paths inside
 * the zip are not followed). Refused as soon as the whole expands past the limit, or a member
 * past its ratio to its compressed size: nothing larger than the limit is ever held or written.
 */
function unpack(folder: string, bytes: Uint8Array): Map<string, Uint8Array> {
  mkdirSync(folder, { recursive: true });
  const members = new Map<string, Uint8Array>();
  let total = 0;
  let refusal: Error | undefined;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    const name = basename(file.name);
    if (refusal || file.name.endsWith('/') || file.name.startsWith('__MACOSX/') || name.startsWith('.')) return;
    if (/\.(zip|7z|rar|gz)$/i.test(name)) {
      refusal = badRequest('nested_archive', `the zip holds another archive (${name.slice(0, 60)}): unpack it and zip the files themselves`);
      return;
    }
    if (file.originalSize !== undefined && file.originalSize > IMPORT_LIMITS.maxExpandedBytes) {
      refusal = archiveTooLarge(`${name.slice(0, 60)} says it expands to ${file.originalSize.toLocaleString('en-US')} bytes`);
      return;
    }
    const descriptor = openSync(join(folder, name), 'w');
    const chunks: Uint8Array[] = [];
    let expanded = 0;
    file.ondata = (error, chunk, final) => {
      if (refusal) return;
      if (error) {
        refusal = badRequest('file_not_as_named', `the zip archive is damaged (${name.slice(0, 60)}: ${error.message})`);
        return;
      }
      expanded += chunk.length;
      total += chunk.length;
      if (total > IMPORT_LIMITS.maxExpandedBytes) refusal = archiveTooLarge(`its files expand past ${IMPORT_LIMITS.maxExpandedBytes / 1024 / 1024} MB`);
      else if ((file.size ?? 0) > 0 && expanded > 16 * 1024 * 1024 && expanded / (file.size ?? 1) > IMPORT_LIMITS.maxCompressionRatio) {
        refusal = archiveTooLarge(`${name.slice(0, 60)} expands more than ${IMPORT_LIMITS.maxCompressionRatio} times its packed size`);
      }
      if (refusal) {
        closeSync(descriptor);
        file.terminate();
        return;
      }
      writeSync(descriptor, chunk);
      // The parts read here (.dbf, .cpg, a workbook's list) are kept; the rest is only on disk.
      if (/\.(dbf|cpg|xml|gpkg|kml|geojson|json|csv)$/i.test(name)) chunks.push(chunk);
      if (final) {
        closeSync(descriptor);
        members.set(name, concat(chunks));
      }
    };
    file.start();
  };
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (!refusal) refusal = badRequest('file_not_as_named', `the zip archive cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (refusal) throw refusal;
  return members;
}

function archiveTooLarge(why: string) {
  return badRequest('archive_too_large', `the zip is refused: ${why} (a zip bomb, or a file too large to import at once)`, { maxExpandedBytes: IMPORT_LIMITS.maxExpandedBytes });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
