import gcoord from 'gcoord';
import { CsvSyntaxError, parseCsv, type CsvRecord } from '../../core/csv-parse.ts';
import { DEMAND_LIMITS, DEMAND_SOURCES, type DemandSource } from '../../core/demands/demand-limits.ts';
import { DEMAND_CSV_COLUMNS, IMPORT_LIMITS, SOURCE_LABELS, type DemandCsvError, type ImportableType, type ImportedDemand } from './demand-csv.ts';

/**
 * Read a hotline export (or our own export) into demands to create, checking every cell and
 * collecting every problem with its row and column, so one answer lists all that needs fixing.
 * Where a demand lies (community, town, the user's area) is checked afterwards, in SQL.
 */
export function readDemandCsv(text: string, types: readonly ImportableType[], now: Date): { demands: ImportedDemand[]; errors: DemandCsvError[] } {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { demands: [], errors: [{ row: error.row, column: null, message: error.message.replace(/^row \d+: /, '') }] };
    throw error;
  }
  const [header, ...body] = records;
  const errors: DemandCsvError[] = [];
  const columnIndex = readHeader(header, errors);
  if (errors.length) return { demands: [], errors };
  if (!body.length) return { demands: [], errors: [{ row: 2, column: null, message: 'the file has a header but no demands' }] };
  if (body.length > IMPORT_LIMITS.maxRows) {
    return { demands: [], errors: [{ row: body[IMPORT_LIMITS.maxRows].row, column: null, message: `at most ${IMPORT_LIMITS.maxRows} demands are imported at once: split the file` }] };
  }
  const reader = createRowReader(types, now);
  const demands: ImportedDemand[] = [];
  for (const record of body) {
    if (record.cells.length > header!.cells.length) {
      errors.push({ row: record.row, column: null, message: `the row has ${record.cells.length} cells, the header ${header!.cells.length}` });
      continue;
    }
    const cell = (name: string) => unguard((columnIndex.has(name) ? record.cells[columnIndex.get(name)!] : undefined)?.trim() ?? '');
    const demand = reader(record.row, cell, errors);
    if (demand) demands.push(demand);
  }
  return { demands: errors.length ? [] : demands, errors };
}

/** The guard the export puts before a cell that a spreadsheet would run as a formula. */
const unguard = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

function readHeader(header: CsvRecord | undefined, errors: DemandCsvError[]): Map<string, number> {
  const index = new Map<string, number>();
  if (!header) {
    errors.push({ row: 1, column: null, message: 'the file is empty: the first row names the columns' });
    return index;
  }
  header.cells.forEach((name, position) => {
    const trimmed = name.trim();
    if (index.has(trimmed)) errors.push({ row: 1, column: trimmed, message: 'the column appears twice' });
    index.set(trimmed, position);
  });
  for (const column of DEMAND_CSV_COLUMNS.filter((candidate) => candidate.import === 'required')) {
    if (!index.has(column.header)) errors.push({ row: 1, column: column.header, message: 'this column is required' });
  }
  return index;
}

type Cell = (name: string) => string;

function createRowReader(types: readonly ImportableType[], now: Date) {
  const typeByKey = new Map<string, ImportableType>();
  for (const type of types) {
    typeByKey.set(type.id, type);
    typeByKey.set(type.titleZh, type);
  }
  const sourceByKey = new Map<string, DemandSource>(DEMAND_SOURCES.flatMap((source) => [[source, source], [SOURCE_LABELS[source], source]]));
  const seenRefs = new Map<string, number>();

  return (row: number, cell: Cell, errors: DemandCsvError[]): ImportedDemand | undefined => {
    const before = errors.length;
    const fail = (column: string, message: string) => errors.push({ row, column, message });
    const textOf = (column: string, limit: number, required: boolean) => {
      const value = cell(column);
      if (required && !value) fail(column, 'this cell is required');
      else if (value.length > limit) fail(column, `at most ${limit} characters (this has ${value.length})`);
      else if (value.includes('\u0000')) fail(column, 'the NUL character cannot be stored');
      return value;
    };

    const sourceCell = cell('来源');
    const source = sourceCell ? sourceByKey.get(sourceCell) : 'hotline';
    if (!source) fail('来源', `unknown source ${JSON.stringify(sourceCell)}: one of ${DEMAND_SOURCES.map((name) => SOURCE_LABELS[name]).join('、')}`);

    const externalRef = textOf('工单编号', IMPORT_LIMITS.externalRefChars, false) || null;
    const refKey = `${source}:${externalRef}`;
    if (externalRef && seenRefs.has(refKey)) fail('工单编号', `the ticket ${externalRef} is in the file twice (also row ${seenRefs.get(refKey)})`);
    else if (externalRef) seenRefs.set(refKey, row);

    const typeCell = cell('诉求类型');
    const type = typeByKey.get(typeCell);
    if (!typeCell) fail('诉求类型', 'this cell is required');
    else if (!type) fail('诉求类型', `unknown demand type ${JSON.stringify(typeCell)}: use a type's Chinese title or id (GET /api/demand-types)`);
    else if (!type.active) fail('诉求类型', `${type.titleZh} is no longer offered for new demands`);

    const optimizationCell = cell('七个优化');
    if (optimizationCell && type && Number(optimizationCell) !== type.optimization) {
      fail('七个优化', `${type.titleZh} belongs to optimization ${type.optimization}, not ${optimizationCell}`);
    }

    const title = textOf('诉求标题', DEMAND_LIMITS.titleChars, false);
    const text = textOf('诉求内容', DEMAND_LIMITS.textChars, true);
    const contact = [cell('来电人'), cell('联系电话')].filter(Boolean).join(' ');
    if (contact.length > DEMAND_LIMITS.contactChars) fail('联系电话', `the caller and number are at most ${DEMAND_LIMITS.contactChars} characters together`);
    const createdAt = readCallTime(cell('来电时间'), now, (message) => fail('来电时间', message));
    const place = readPlace(cell, (column, message) => fail(column, message));

    if (errors.length > before || !source || !type || !place) return undefined;
    return {
      row, externalRef, createdAt, source, optimization: type.optimization, type: type.id,
      title: title || type.titleZh, text, contact: contact || null, lon: place.lon, lat: place.lat,
    };
  };
}

const CALL_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** Clocks differ a little between the hotline and us; a call further ahead is a typing error. */
const FUTURE_SLACK_MS = 10 * 60_000;

/** 2026-11-28 14:05[:09] (or with / or .) in Beijing time, or ISO 8601 with its offset; empty is "now". */
export function readCallTime(value: string, now: Date, fail: (message: string) => void): Date | null {
  if (!value) return null;
  const local = CALL_TIME.exec(value);
  let time: number;
  if (local) {
    const [year, month, day, hour = '0', minute = '0', second = '0'] = local.slice(1);
    time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) - 8 * 3_600_000;
    const check = new Date(time + 8 * 3_600_000);
    if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23 || Number(second) > 59) time = NaN;
  } else {
    time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) ? Date.parse(value) : NaN;
  }
  if (!Number.isFinite(time)) {
    fail(`not a time: ${JSON.stringify(value.slice(0, 40))} (write 2026-11-28 14:05:09, Beijing time)`);
    return null;
  }
  if (time > now.getTime() + FUTURE_SLACK_MS) fail(`${value} lies in the future`);
  else if (time < Date.UTC(2000, 0, 1)) fail(`${value} is before 2000`);
  return new Date(time);
}

/** Chinese map services publish offset coordinates; the district's data is WGS84. */
type CoordinateSystem = typeof gcoord.WGS84 | typeof gcoord.GCJ02 | typeof gcoord.BD09;
const CRS: Readonly<Record<string, CoordinateSystem | undefined>> = {
  WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, 高德: gcoord.GCJ02, 腾讯: gcoord.GCJ02, BD09: gcoord.BD09, 百度: gcoord.BD09,
};

function readPlace(cell: Cell, fail: (column: string, message: string) => void): { lon: number; lat: number } | undefined {
  const lon = readDegrees(cell('经度'), 180, (message) => fail('经度', message));
  const lat = readDegrees(cell('纬度'), 90, (message) => fail('纬度', message));
  const crsCell = cell('坐标系');
  const crs = crsCell ? CRS[crsCell.toUpperCase().replace(/[-_\s]/g, '')] : gcoord.WGS84;
  if (!crs) fail('坐标系', `unknown coordinate system ${JSON.stringify(crsCell)}: WGS84, GCJ02 (高德, 腾讯) or BD09 (百度)`);
  if (lon === undefined || lat === undefined || !crs) return undefined;
  const [x, y] = crs === gcoord.WGS84 ? [lon, lat] : (gcoord.transform([lon, lat], crs, gcoord.WGS84) as [number, number]);
  // 7 decimals of a degree is about a centimetre: what the list gives back.
  return { lon: Math.round(x * 1e7) / 1e7, lat: Math.round(y * 1e7) / 1e7 };
}

function readDegrees(value: string, limit: number, fail: (message: string) => void): number | undefined {
  if (!value) {
    fail('this cell is required');
    return undefined;
  }
  const degrees = /^[+-]?\d{1,3}(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(Math.abs(degrees) <= limit)) {
    fail(`not a number of degrees within ±${limit}: ${JSON.stringify(value.slice(0, 40))}`);
    return undefined;
  }
  return degrees;
}
