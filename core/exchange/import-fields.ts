import { z } from 'zod';
import { DEMAND_LIMITS, DEMAND_SOURCES } from '../demands/demand-limits.ts';
import { DEMAND_STATUSES } from '../demands/demand-states.ts';
import { RECEIPT_PATTERN } from '../demands/receipt-code.ts';
import type { FeatureValue } from '../layers/feature-contract.ts';
import { featurePropertiesSchema, settableProperties } from '../layers/feature-input.ts';
import type { LayerDefinition } from '../layers/registry.ts';
import type { FieldMapping } from './import-contract.ts';
import { problem, problemsOfIssues, shownValue, type ImportProblem, type ImportProblemCode } from './import-problems.ts';

/**
 * What a row of an imported file becomes: the target's properties, read from the file's fields
 * through a mapping (proposed from the names, changed by the user), each value read as its
 * property's type and checked by the same rules as a write through the API. A row either
 * becomes a record or says why not.
 */

export type ImportValueType = 'text' | 'integer' | 'real' | 'boolean' | 'timestamp' | 'date';

export interface ImportProperty {
  name: string;
  type: ImportValueType;
  required: boolean;
  /** Other names a file may give it: the Chinese title, the API's snake_case or camelCase. */
  aliases: string[];
}

export interface ImportTargetFields {
  properties: ImportProperty[];
  /**
   * Checks a row's values (after typing) as the API checks a write; the messages name the
   * property. `shape` is the row's geometry type, for a rule that ties a value to it.
   */
  check(values: Record<string, unknown>, shape: string | null): ImportProblem[];
}

/** A kept id: an export's `id` comes back as itself when the target does not hold it already. */
const ID: ImportProperty = { name: 'id', type: 'integer', required: false, aliases: ['编号'] };

/** A facility layer: its settable properties, the demo flag a file may carry back, its id. */
export function layerImportFields(layer: LayerDefinition): ImportTargetFields {
  const settable = settableProperties(layer);
  const properties: ImportProperty[] = [
    ID,
    ...settable.map((name) => {
      const definition = layer.properties[name];
      return { name, type: definition.type, required: definition.required === true, aliases: [definition.title.zh, definition.title.en] };
    }),
    { name: 'demo', type: 'boolean', required: false, aliases: ['演示数据'] },
  ];
  const schema = featurePropertiesSchema(layer);
  return {
    properties,
    check(values) {
      const own = Object.fromEntries(settable.filter((name) => values[name] !== undefined).map((name) => [name, values[name]]));
      const result = schema.safeParse(own);
      return result.success ? [] : problemsOfIssues(result.error.issues);
    },
  };
}

const demandSchema = z.object({
  receipt: z.string().regex(RECEIPT_PATTERN, 'receipt is a 10-character receipt code').nullish(),
  optimization: z.number().int().min(1, 'optimization is 1…7').max(7, 'optimization is 1…7').nullish(),
  type: z.string({ error: 'type is required' }).min(1, 'type is required'),
  title: z.string().max(DEMAND_LIMITS.titleChars, `title is at most ${DEMAND_LIMITS.titleChars} characters`).nullish(),
  text: z.string({ error: 'text is required' }).min(1, 'text is required').max(DEMAND_LIMITS.textChars, `text is at most ${DEMAND_LIMITS.textChars} characters`),
  status: z.enum(DEMAND_STATUSES, { error: `status is one of ${DEMAND_STATUSES.join(', ')}` }).nullish(),
  source: z.enum(DEMAND_SOURCES, { error: `source is one of ${DEMAND_SOURCES.join(', ')}` }).nullish(),
  contact: z.string().max(DEMAND_LIMITS.contactChars, `contact is at most ${DEMAND_LIMITS.contactChars} characters`).nullish(),
  reason: z.string().max(DEMAND_LIMITS.reasonChars, `reason is at most ${DEMAND_LIMITS.reasonChars} characters`).nullish(),
  reply: z.string().max(DEMAND_LIMITS.replyChars, `reply is at most ${DEMAND_LIMITS.replyChars} characters`).nullish(),
  supportCount: z.number().int().min(0, 'supportCount is not negative').nullish(),
  version: z.number().int().min(1, 'version is at least 1').nullish(),
}).refine((demand) => demand.status !== 'rejected' || demand.reason, { message: 'a rejected demand has a reason', params: { code: 'rejected_without_reason' } });

/** The demand list: the staff API's fields; community and town come from the place, as always. */
export const DEMAND_IMPORT_FIELDS: ImportTargetFields = {
  properties: [
    ID,
    { name: 'receipt', type: 'text', required: false, aliases: ['回执码'] },
    { name: 'optimization', type: 'integer', required: false, aliases: ['优化类别'] },
    { name: 'type', type: 'text', required: true, aliases: ['类型'] },
    { name: 'title', type: 'text', required: false, aliases: ['标题'] },
    { name: 'text', type: 'text', required: true, aliases: ['内容', '诉求内容'] },
    { name: 'status', type: 'text', required: false, aliases: ['状态'] },
    { name: 'supportCount', type: 'integer', required: false, aliases: ['附议数'] },
    { name: 'reply', type: 'text', required: false, aliases: ['答复'] },
    { name: 'createdAt', type: 'timestamp', required: false, aliases: ['提交时间'] },
    { name: 'updatedAt', type: 'timestamp', required: false, aliases: ['更新时间'] },
    { name: 'source', type: 'text', required: false, aliases: ['来源'] },
    { name: 'contact', type: 'text', required: false, aliases: ['联系方式'] },
    { name: 'reason', type: 'text', required: false, aliases: ['理由'] },
    { name: 'mergedInto', type: 'integer', required: false, aliases: ['合并到'] },
    { name: 'demo', type: 'boolean', required: false, aliases: ['演示数据'] },
    { name: 'version', type: 'integer', required: false, aliases: ['版本'] },
  ],
  check(values) {
    const result = demandSchema.safeParse(values);
    return result.success ? [] : problemsOfIssues(result.error.issues);
  },
};

/** `supportCount`, `support_count`, `SUPPORTCOU` all read as `supportcount`. */
const simplify = (name: string) => name.toLowerCase().replace(/[_\s-]/g, '');

/**
 * Each property from the field of the same name, ignoring case and underscores; else the one a
 * shapefile cut to 10 characters; else an alias (the Chinese column title). A field serves once.
 */
export function proposeMapping(properties: readonly ImportProperty[], fieldNames: readonly string[]): FieldMapping {
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  const pick = (test: (field: string) => boolean) => fieldNames.find((field) => !used.has(field) && test(field));
  for (const property of properties) {
    const wanted = simplify(property.name);
    const snake = property.name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`).toLowerCase();
    const field = pick((name) => simplify(name) === wanted)
      ?? pick((name) => name.length === 10 && (snake.startsWith(name.toLowerCase()) || property.name.toLowerCase().startsWith(name.toLowerCase())))
      ?? pick((name) => property.aliases.some((alias) => simplify(alias) === simplify(name)));
    mapping[property.name] = field ?? null;
    if (field) used.add(field);
  }
  return mapping;
}

/** A mapping names only the target's properties and the file's fields. */
export function mappingProblems(mapping: FieldMapping, properties: readonly ImportProperty[], fieldNames: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set(properties.map((property) => property.name));
  for (const [property, field] of Object.entries(mapping)) {
    if (!known.has(property)) problems.push(`the target has no property ${JSON.stringify(property)}`);
    else if (field !== null && !fieldNames.includes(field)) problems.push(`the file has no field ${JSON.stringify(field)} (for ${property})`);
  }
  for (const property of properties) if (property.required && !mapping[property.name]) problems.push(`${property.name} is required: map a field to it`);
  return problems;
}

const TRUE = new Set(['true', 't', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', 'f', '0', 'no', 'n', '否']);

/** One value of the file as the property's type; an empty cell is null. */
export function readValue(value: unknown, type: ImportValueType): { value: FeatureValue | undefined } | { error: string; code: ImportProblemCode } {
  if (value === null || value === undefined || value === '') return { value: null };
  if (type === 'text') return { value: typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value) };
  if (type === 'boolean') {
    if (typeof value === 'boolean') return { value };
    const text = String(value).trim().toLowerCase();
    if (TRUE.has(text)) return { value: true };
    if (FALSE.has(text)) return { value: false };
    return { error: `${JSON.stringify(String(value).slice(0, 20))} is not true or false`, code: 'not_true_false' };
  }
  if (type === 'date') {
    // A calendar day as the API writes it; a spreadsheet's 2026/03/01 or a GeoPackage's midnight reads the same.
    const match = typeof value === 'string' ? /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/.exec(value.trim()) : null;
    const day = match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : '';
    if (!match || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      return { error: `${JSON.stringify(String(value).slice(0, 30))} is not a calendar day (YYYY-MM-DD)`, code: 'not_a_date' };
    }
    return { value: day };
  }
  if (type === 'timestamp') {
    const date = new Date(typeof value === 'string' ? value.trim().replace(/^(\d{4})\/(\d\d)\/(\d\d)/, '$1-$2-$3') : Number.NaN);
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) return { error: `${JSON.stringify(String(value).slice(0, 30))} is not a date and time`, code: 'not_a_timestamp' };
    return { value: date.toISOString() };
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(number)) return { error: `${JSON.stringify(String(value).slice(0, 20))} is not a number`, code: 'not_a_number' };
  if (type === 'integer' && !Number.isInteger(number)) return { error: `${number} is not a whole number`, code: 'not_whole_number' };
  return { value: number };
}

/**
 * A row's attributes through the mapping: the properties, or every problem that keeps it from
 * being written. A problem naming a mapped property also names its field and the value read.
 */
export function readRow(attributes: Record<string, unknown>, mapping: FieldMapping, target: ImportTargetFields, shape: string | null = null): { values: Record<string, FeatureValue>; errors: ImportProblem[] } {
  const values: Record<string, FeatureValue> = {};
  const errors: ImportProblem[] = [];
  for (const property of target.properties) {
    const field = mapping[property.name];
    if (!field) continue;
    const read = readValue(attributes[field], property.type);
    if ('error' in read) errors.push(problem(read.code, { property: property.name, field, value: shownValue(attributes[field]) }, `${property.name} (${field}): ${read.error}`));
    else if (read.value !== null && read.value !== undefined) values[property.name] = read.value;
  }
  if (errors.length) return { values, errors };
  for (const checked of target.check(values, shape)) {
    const property = typeof checked.params.property === 'string' ? checked.params.property : null;
    const field = property ? mapping[property] : null;
    const params = { ...checked.params };
    if (property && field) params.field = field;
    if (property && values[property] !== undefined && values[property] !== null) params.value = shownValue(values[property]);
    errors.push({ ...checked, params });
  }
  return { values, errors };
}

/** Our CSV export guards text that starts like a formula with a quote (core/csv-cells.ts); read back, the quote goes. */
export function unguardCsvText(value: unknown): unknown {
  return typeof value === 'string' && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
