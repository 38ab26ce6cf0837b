import { LANGUAGES, type Language } from '../../core/i18n-text.ts';
import { propertyNames, type LayerDefinition, type PropertyDefinition } from '../../core/layers/registry.ts';
import { badRequest, notFound } from '../errors.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const DEFAULT_LIMIT = 10;
/** Larger limits are clamped, not refused: the standard lets a server cap pages, and GDAL asks big. */
export const MAX_LIMIT = 10_000;
/** The largest PostgreSQL integer: no id or offset beyond it can match a row. */
export const MAX_INTEGER = 2_147_483_647;
const MIN_INTEGER = -2_147_483_648;
/** Longer filter values cannot match any column this product stores. */
const MAX_TEXT_LENGTH = 1_000;

export const FORMATS = ['json', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Query parameters every OGC path takes. */
export const COMMON_PARAMETERS = ['f', 'lang'] as const;
/** Query parameters of `/items` besides the layer's own property names. */
const ITEMS_PARAMETERS = [...COMMON_PARAMETERS, 'bbox', 'bbox-crs', 'datetime', 'limit', 'offset', 'properties'] as const;
/** One feature: choosing its columns is the only thing besides format and language. */
export const ITEM_PARAMETERS = [...COMMON_PARAMETERS, 'properties'] as const;

export type Bbox = [minx: number, miny: number, maxx: number, maxy: number];
type FilterValue = string | number | boolean;

export interface ItemsQuery {
  bbox?: Bbox;
  limit: number;
  offset: number;
  /** The selected columns, registry names in declaration order. */
  columns: string[];
  /** Equality filters; `column` is always the registry's own name. */
  filters: { column: string; value: FilterValue }[];
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DIGITS = /^\d+$/;
const INTEGER = /^[+-]?\d+$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i;

const invalid = (parameter: string, expected: string) =>
  badRequest('invalid_parameter', `query parameter "${parameter}" must be ${expected}`, { parameter, expected });

/** Echo client text in errors only briefly: it is there to recognise, not to reflect back. */
const shorten = (text: string) => (text.length > 64 ? `${text.slice(0, 64)}…` : text);

/**
 * One value per name, names from the allow-list only. An unknown name is refused, never ignored:
 * a misspelt filter would otherwise silently return every feature.
 */
export function readQuery(url: URL, allowed: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      throw badRequest('unknown_parameter', `unknown query parameter "${shorten(name)}"`, { parameter: shorten(name), allowed });
    }
    if (values.has(name)) throw invalid(name, 'given once');
    values.set(name, value);
  }
  return values;
}

/** `f` wins; without it a browser (text/html preferred over JSON) gets HTML, every other client JSON. */
export function chooseFormat(values: Map<string, string>, accept: string | undefined): Format {
  const requested = values.get('f');
  if (requested === undefined) return prefersHtml(accept ?? '') ? 'html' : 'json';
  if ((FORMATS as readonly string[]).includes(requested)) return requested as Format;
  throw invalid('f', `one of ${FORMATS.join(', ')}`);
}

function prefersHtml(accept: string): boolean {
  let html = 0;
  let json = 0;
  for (const entry of accept.toLowerCase().split(',')) {
    const [type, ...parameters] = entry.split(';').map((part) => part.trim());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q ? Number(q.slice(2)) || 0 : 1;
    if (type === 'text/html') html = Math.max(html, weight);
    else if (type.endsWith('json')) json = Math.max(json, weight);
  }
  return html > json;
}

export function chooseLanguage(values: Map<string, string>): Language {
  const requested = values.get('lang');
  if (requested === undefined) return 'zh';
  if ((LANGUAGES as readonly string[]).includes(requested)) return requested as Language;
  throw invalid('lang', `one of ${LANGUAGES.join(', ')}`);
}

/** Names `/items` of this layer accepts: the standard ones and the layer's declared columns. */
export function itemsParameters(layer: LayerDefinition): string[] {
  return [...ITEMS_PARAMETERS, ...propertyNames(layer)];
}

export function parseItemsQuery(layer: LayerDefinition, values: Map<string, string>): ItemsQuery {
  checkBboxCrs(values.get('bbox-crs'));
  checkDatetime(values.get('datetime'));
  const bbox = values.get('bbox');
  return {
    bbox: bbox === undefined ? undefined : parseBbox(bbox),
    limit: parseLimit(values.get('limit')),
    offset: parseOffset(values.get('offset')),
    columns: parseColumns(layer, values.get('properties')),
    filters: parseFilters(layer, values),
  };
}

/** Ids are integers; anything else names no feature, so it is a 404 like a missing one. */
export function parseFeatureId(text: string): number {
  const id = DIGITS.test(text) ? Number(text) : NaN;
  if (!(id <= MAX_INTEGER)) throw notFound('feature_not_found', 'no such feature', { featureId: shorten(text) });
  return id;
}

/** `minx,miny,maxx,maxy` in CRS84; six numbers (with heights) are accepted and the heights ignored. */
function parseBbox(text: string): Bbox {
  const expected = '4 (or 6) comma-separated numbers minx,miny,maxx,maxy in CRS84 with min ≤ max';
  const parts = text.split(',').map((part) => part.trim());
  if ((parts.length !== 4 && parts.length !== 6) || !parts.every((part) => DECIMAL.test(part))) throw invalid('bbox', expected);
  const numbers = parts.map(Number);
  const [minx, miny, maxx, maxy] = parts.length === 4 ? numbers : [numbers[0], numbers[1], numbers[3], numbers[4]];
  const inRange = [minx, maxx].every((x) => x >= -180 && x <= 180) && [miny, maxy].every((y) => y >= -90 && y <= 90);
  // A box across the antimeridian (minx > maxx) is refused: no layer lies anywhere near it.
  if (!inRange || minx > maxx || miny > maxy) throw invalid('bbox', expected);
  return [minx, miny, maxx, maxy];
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = DIGITS.test(text) ? Number(text) : 0;
  if (limit < 1) throw invalid('limit', `an integer from 1 (larger than ${MAX_LIMIT} is served as ${MAX_LIMIT})`);
  return Math.min(limit, MAX_LIMIT);
}

function parseOffset(text: string | undefined): number {
  if (text === undefined) return 0;
  const offset = DIGITS.test(text) ? Number(text) : NaN;
  if (!(offset <= MAX_INTEGER)) throw invalid('offset', `an integer from 0 to ${MAX_INTEGER}`);
  return offset;
}

/** `properties=a,b`: declared columns only; empty means none; absent means all. */
export function parseColumns(layer: LayerDefinition, text: string | undefined): string[] {
  const declared = propertyNames(layer);
  if (text === undefined) return declared;
  const requested = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = requested.find((name) => !declared.includes(name));
  if (unknown !== undefined) {
    throw badRequest('unknown_property', `"${shorten(unknown)}" is not a property of ${layer.id}`, { parameter: 'properties', allowed: declared });
  }
  return declared.filter((name) => requested.includes(name));
}

function parseFilters(layer: LayerDefinition, values: Map<string, string>): ItemsQuery['filters'] {
  return Object.entries(layer.properties)
    .filter(([column]) => values.has(column))
    .map(([column, definition]) => ({ column, value: parseFilterValue(column, definition, values.get(column)!) }));
}

/** Values are typed by the declaration, so a filter that cannot match a column's type is a 400. */
function parseFilterValue(column: string, definition: PropertyDefinition, text: string): FilterValue {
  if (definition.type === 'integer') {
    const value = INTEGER.test(text) ? Number(text) : NaN;
    if (!(value >= MIN_INTEGER && value <= MAX_INTEGER)) throw invalid(column, 'an integer');
    return value;
  }
  if (definition.type === 'real') {
    const value = DECIMAL.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) throw invalid(column, 'a number');
    return value;
  }
  if (definition.type === 'boolean') {
    if (text === 'true' || text === 'false') return text === 'true';
    throw invalid(column, 'true or false');
  }
  if (definition.values && !definition.values.includes(text)) throw invalid(column, `one of ${definition.values.join(', ')}`);
  // PostgreSQL text cannot hold NUL: such a value would be a database error, not "no match".
  if (text.includes('\u0000') || text.length > MAX_TEXT_LENGTH) throw invalid(column, `text of at most ${MAX_TEXT_LENGTH} characters without NUL`);
  return text;
}

function checkBboxCrs(text: string | undefined) {
  if (text !== undefined && text !== CRS84) {
    throw badRequest('unsupported_crs', `only ${CRS84} is supported as bbox-crs`, { parameter: 'bbox-crs', allowed: [CRS84] });
  }
}

/**
 * `datetime` is part of Core, so it is accepted when well-formed (an RFC 3339 instant or an
 * interval with `..` for an open end). No layer is time-stamped, so it does not narrow the result.
 */
function checkDatetime(text: string | undefined) {
  if (text === undefined) return;
  const ends = text.split('/');
  const validEnd = (end: string) => DATE_TIME.test(end) || (ends.length === 2 && (end === '..' || end === ''));
  if (ends.length > 2 || !ends.every(validEnd) || ends.every((end) => end === '..' || end === '')) {
    throw invalid('datetime', 'an RFC 3339 date-time or an interval start/end (".." for open)');
  }
}
