import type { ImportNoteCode, ImportNotice, ImportParams, ImportProblem, ImportProblemCode } from '../../../core/exchange/import-problems.ts';
import type { Language } from '../../../core/i18n-text.ts';

/**
 * The import's problems and notes in the reader's words, from the codes and parameters the
 * server sends (core/exchange/import-problems.ts); a code this client does not know shows the
 * server's English. tests/core/exchange/import-problem-words.test.ts checks every code has both
 * languages here.
 */

type Say = (params: ImportParams) => string;
export type ImportWords = Record<Language, Say>;

const GEOMETRY_ZH: Record<string, string> = {
  Point: '点', LineString: '线', Polygon: '面', MultiPoint: '多点', MultiLineString: '多线', MultiPolygon: '多面', GeometryCollection: '几何集合',
};
const shapeZh = (value: string | number | undefined) => (value === undefined || value === '' ? '其他形状' : GEOMETRY_ZH[String(value)] ?? String(value));
const quoted = (params: ImportParams, language: Language) => (params.value === undefined ? '' : language === 'zh' ? `“${params.value}”` : `"${params.value}"`);

/** What is wrong with a row, said after its property (when it names one). */
export const IMPORT_PROBLEM_WORDS: Record<ImportProblemCode, ImportWords> = {
  no_geometry: { zh: () => '没有几何（没有位置）', en: () => 'it has no geometry (no place)' },
  unsupported_geometry: { zh: (p) => `是${shapeZh(p.type)}：需要点、线或面（或同一类的多部件）`, en: (p) => `it is a ${p.type}: a point, line or polygon (or several of one kind) is wanted` },
  multi_part_geometry: {
    zh: (p) => `是由 ${p.parts} 个部分组成的${shapeZh(p.type)}，目标每个要素只能是一个${shapeZh(p.expected)}`,
    en: (p) => `it is a ${p.type} of ${p.parts} parts; the target holds one ${p.expected} per feature`,
  },
  invalid_geometry: {
    zh: (p) => (p.made !== undefined ? `几何无效（${p.reason}），修复后会变成${shapeZh(p.made)}，不是${shapeZh(p.expected)}` : `几何无效（${p.reason}）`),
    en: (p) => (p.made !== undefined ? `the geometry is not valid (${p.reason}) and repairing it makes it a ${p.made || 'different shape'}, not a ${p.expected}` : `the geometry is not valid (${p.reason})`),
  },
  repaired: { zh: (p) => `几何无效（${p.reason}），已自动修复`, en: (p) => `${p.reason}: repaired` },
  outside_district: { zh: () => '位于本区范围之外', en: () => 'it lies outside the district' },
  outside_user_area: { zh: (p) => `位于${p.town || '其他镇街'}，不在您的辖区内`, en: (p) => `it lies in ${p.town || 'another town'}, outside your area` },
  not_a_number: { zh: (p) => `${quoted(p, 'zh')}不是数字`, en: (p) => `${quoted(p, 'en')} is not a number` },
  not_whole_number: { zh: (p) => `${quoted(p, 'zh')}不是整数`, en: (p) => `${quoted(p, 'en')} is not a whole number` },
  not_true_false: { zh: (p) => `${quoted(p, 'zh')}不是“是”或“否”`, en: (p) => `${quoted(p, 'en')} is not true or false` },
  not_a_date: { zh: (p) => `${quoted(p, 'zh')}不是日期（年-月-日）`, en: (p) => `${quoted(p, 'en')} is not a calendar day (YYYY-MM-DD)` },
  not_a_timestamp: { zh: (p) => `${quoted(p, 'zh')}不是日期时间`, en: (p) => `${quoted(p, 'en')} is not a date and time` },
  not_json: { zh: () => '不是导出文件所写的 JSON 文本', en: () => 'is not JSON text such as the export writes' },
  required_missing: { zh: () => '必填，不能为空', en: () => 'is required' },
  wrong_type: { zh: (p) => `${quoted(p, 'zh')}类型不对`, en: (p) => `${quoted(p, 'en')} is of the wrong kind${p.expected ? ` (${p.expected} wanted)` : ''}`.trim() },
  too_long: { zh: (p) => `最多 ${p.max} 个字`, en: (p) => `is at most ${p.max} characters` },
  too_short: { zh: (p) => `至少 ${p.min} 个字`, en: (p) => `is at least ${p.min} characters` },
  too_large: { zh: (p) => `${quoted(p, 'zh')}超出范围：不能大于 ${p.max}`, en: (p) => `${quoted(p, 'en')} is too large: at most ${p.max}`.trim() },
  too_small: { zh: (p) => `${quoted(p, 'zh')}超出范围：不能小于 ${p.min}`, en: (p) => `${quoted(p, 'en')} is too small: at least ${p.min}`.trim() },
  too_many: { zh: (p) => `最多 ${p.max} 项`, en: (p) => `has at most ${p.max} items` },
  too_few: { zh: (p) => `至少 ${p.min} 项`, en: (p) => `has at least ${p.min} items` },
  bad_format: { zh: (p) => `${quoted(p, 'zh')}格式不对`, en: (p) => `${quoted(p, 'en')} is not in the expected form`.trim() },
  unknown_choice: {
    zh: (p) => `${quoted(p, 'zh')}不是可选的值${p.choices ? `（可选：${p.choices}）` : ''}`,
    en: (p) => `${quoted(p, 'en')} is not one of the choices${p.choices ? ` (${p.choices})` : ''}`.trim(),
  },
  unknown_field: { zh: (p) => `含有不认识的项：${p.keys}`, en: (p) => `has unknown keys: ${p.keys}` },
  invalid_value: { zh: (p) => `${quoted(p, 'zh')}不是有效的值`, en: (p) => `${quoted(p, 'en')} is not a valid value`.trim() },
  rule_broken: { zh: (p) => `不符合填写规则（${p.rule}）`, en: (p) => String(p.rule) },
  rejected_without_reason: { zh: () => '已驳回的需求必须写明理由', en: () => 'a rejected demand has a reason' },
  ends_before_start: { zh: (p) => `${p.scheduled ? `${p.scheduled} 阶段` : ''}计划完成日期早于开始日期`, en: (p) => `${p.scheduled ? `${p.scheduled} ` : 'a phase '}ends before it starts` },
  held_from_missing: { zh: () => '暂停的项目须写明暂停前所处的阶段', en: () => 'an on_hold project says the phase it left' },
  held_from_not_on_hold: { zh: (p) => `只有暂停的项目才有暂停前阶段（此项目为 ${p.phase}）`, en: (p) => `is only for an on_hold project, not a ${p.phase} one` },
  actual_start_not_reached: {
    zh: (p) => `处于 ${p.phase} 阶段的项目尚未开始 ${p.scheduled}，不能有实际开始日期`,
    en: (p) => `a ${p.phase} project has not started ${p.scheduled}: it has no actual start for it`,
  },
  actual_end_not_left: {
    zh: (p) => `处于 ${p.phase} 阶段的项目尚未结束 ${p.scheduled}，不能有实际完成日期`,
    en: (p) => `a ${p.phase} project has not ended ${p.scheduled}: it has no actual end for it`,
  },
  facility_wrong_shape: {
    zh: (p) => `${p.layer} 图层的设施是${shapeZh(p.geometry)}，${shapeZh(p.shape)}项目不能新增这类设施`,
    en: (p) => `${p.layer} holds ${p.geometry} features, a ${p.shape} project cannot add one`,
  },
};

/** What the preview says of the coordinate system, the encoding and the file. */
export const IMPORT_NOTE_WORDS: Record<ImportNoteCode, ImportWords> = {
  crs_guessed: { zh: (p) => `文件未说明坐标系：从坐标看是 ${p.name}`, en: (p) => `the file does not say: the coordinates look like ${p.name}` },
  crs_guessed_degrees: {
    zh: (p) => `文件未说明坐标系：从坐标看是 ${p.name}（高德、腾讯的 GCJ-02 和百度的 BD-09 坐标看起来一样，如是请在下面指定）`,
    en: (p) => `the file does not say: the coordinates look like ${p.name} (GCJ-02 from AMap or Tencent and BD-09 from Baidu look the same: choose it below if so)`,
  },
  crs_override: { zh: (p) => `按指定的 ${p.name} 读取`, en: (p) => `read as ${p.name}, as chosen` },
  crs_from_file: { zh: (p) => `文件声明为 ${p.name}`, en: (p) => `the file says ${p.name}` },
  encoding_fixed: { zh: (p) => `${String(p.format).toUpperCase()} 格式的文字固定为 UTF-8`, en: (p) => `${String(p.format).toUpperCase()} holds its text in UTF-8` },
  encoding_override: { zh: (p) => `按指定的 ${String(p.encoding).toUpperCase()} 读取`, en: (p) => `read as ${String(p.encoding).toUpperCase()}, as chosen` },
  encoding_valid_utf8: { zh: () => '文字是有效的 UTF-8', en: () => 'the text is valid UTF-8' },
  encoding_not_utf8: { zh: () => '文字不是 UTF-8，按 GB18030（GBK）读取', en: () => 'the text is not UTF-8: read as GB18030 (GBK)' },
  encoding_cpg: { zh: (p) => `.cpg 文件声明为 ${String(p.encoding).toUpperCase()}`, en: (p) => `the .cpg says ${String(p.encoding).toUpperCase()}` },
  encoding_dbf_code_page: { zh: (p) => `.dbf 文件声明代码页 ${p.codePage}（GBK）`, en: (p) => `the .dbf names code page ${p.codePage} (GBK)` },
  encoding_no_cpg_utf8: { zh: () => '没有 .cpg 文件：属性是有效的 UTF-8', en: () => 'no .cpg: the attributes are valid UTF-8' },
  encoding_no_cpg_not_utf8: { zh: () => '没有 .cpg 文件：属性不是 UTF-8，按 GB18030（GBK）读取', en: () => 'no .cpg: the attributes are not UTF-8, read as GB18030 (GBK)' },
  other_layers: { zh: (p) => `文件中还有其他图层（${p.layers}），只读取了 ${p.layer}`, en: (p) => `the file has other layers too (${p.layers}); ${p.layer} is read` },
  ids_taken: { zh: (p) => `文件中有 ${p.count} 个编号已被 ${p.table} 使用：所有行都用新编号`, en: (p) => `${p.count} of the file's ids are in ${p.table} already: every row gets a new id` },
};

/** One problem of a row: its property (by its title, and the file's field when that differs), then what is wrong. */
export function sayImportProblem(language: Language, item: Partial<ImportProblem>, titleOf: (property: string) => string = (name) => name): string {
  const words = item.code ? (IMPORT_PROBLEM_WORDS as Partial<Record<string, ImportWords>>)[item.code] : undefined;
  if (!words) return item.message ?? item.code ?? '';
  const params = item.params ?? {};
  const body = words[language](params);
  const property = typeof params.property === 'string' ? params.property : null;
  if (!property) return body;
  const title = titleOf(property);
  const field = typeof params.field === 'string' && params.field !== title ? params.field : null;
  return language === 'zh' ? `${title}${field ? `（字段 ${field}）` : ''}：${body}` : `${title}${field ? ` (field ${field})` : ''}: ${body}`;
}

/** A row's problems in one line; a row from a server that sends no codes shows its reason. */
export function sayImportRow(language: Language, row: { reason: string; problems?: ImportProblem[] }, titleOf?: (property: string) => string): string {
  if (!row.problems?.length) return row.reason;
  return row.problems.map((item) => sayImportProblem(language, item, titleOf)).join(language === 'zh' ? '；' : '; ');
}

/** A note of the preview; its English when the code is not known here. */
export function sayImportNotice(language: Language, item: Partial<ImportNotice> | undefined, english: string): string {
  const words = item?.code ? (IMPORT_NOTE_WORDS as Partial<Record<string, ImportWords>>)[item.code] : undefined;
  return words ? words[language](item?.params ?? {}) : english;
}
