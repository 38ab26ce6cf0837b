import { formatCsv, type CsvCell } from '../../core/csv-cells.ts';
import type { DemandSource } from '../../core/demands/demand-limits.ts';
import type { DemandStatus } from '../../core/demands/demand-states.ts';

/**
 * The demand list as CSV: the export staff open in a spreadsheet, and the import that takes in
 * the city hotline's tickets. One column table serves both, so what is exported can be imported
 * again (elsewhere, or after editing); the headers are the hotline's words (README, "Demand CSV").
 * Cells are formula-safe (core/csv-cells.ts): an import takes the guarding apostrophe off again.
 */

export interface DemandCsvColumn {
  header: string;
  /** How an import reads it: required, optional, or not at all (derived or the district's own). */
  import: 'required' | 'optional' | 'ignored';
  /** Only imported (the hotline's), or only for roles that may see contacts. */
  export: 'always' | 'never' | 'contact';
}

export const DEMAND_CSV_COLUMNS: readonly DemandCsvColumn[] = [
  { header: '需求编号', import: 'ignored', export: 'always' },
  { header: '工单编号', import: 'optional', export: 'always' },
  { header: '回执码', import: 'ignored', export: 'always' },
  { header: '来电时间', import: 'optional', export: 'always' },
  { header: '来源', import: 'optional', export: 'always' },
  { header: '七个优化', import: 'optional', export: 'always' },
  { header: '诉求类型', import: 'required', export: 'always' },
  { header: '诉求标题', import: 'optional', export: 'always' },
  { header: '诉求内容', import: 'required', export: 'always' },
  { header: '经度', import: 'required', export: 'always' },
  { header: '纬度', import: 'required', export: 'always' },
  { header: '坐标系', import: 'optional', export: 'always' },
  { header: '镇街', import: 'ignored', export: 'always' },
  { header: '镇街编码', import: 'ignored', export: 'always' },
  { header: '社区', import: 'ignored', export: 'always' },
  { header: '社区编码', import: 'ignored', export: 'always' },
  { header: '状态', import: 'ignored', export: 'always' },
  { header: '附议数', import: 'ignored', export: 'always' },
  { header: '合并至', import: 'ignored', export: 'always' },
  { header: '关联项目', import: 'ignored', export: 'always' },
  { header: '不予受理理由', import: 'ignored', export: 'always' },
  { header: '答复', import: 'ignored', export: 'always' },
  { header: '更新时间', import: 'ignored', export: 'always' },
  { header: '演示数据', import: 'ignored', export: 'always' },
  { header: '来电人', import: 'optional', export: 'never' },
  { header: '联系电话', import: 'optional', export: 'contact' },
];

/** The words the list's client shows (client/src/i18n/demand-messages.ts), fixed here as the file format's. */
export const SOURCE_LABELS: Readonly<Record<DemandSource, string>> = {
  hotline: '城市热线', deputy: '人大代表/政协委员', survey: '调研走访', public: '公众提交', planner: '社区规划师',
};
export const STATUS_LABELS: Readonly<Record<DemandStatus, string>> = {
  submitted: '待受理', accepted: '已受理', planned: '已纳入项目', resolved: '已解决', merged: '已合并', rejected: '不予受理', hidden: '已隐藏',
};

/** A demand as the export query reads it. */
export interface DemandExportRow {
  id: number;
  external_ref: string | null;
  receipt: string;
  created_at: Date;
  source: DemandSource;
  optimization: number;
  type_title: string;
  title: string;
  text: string;
  lon: number;
  lat: number;
  town_name: string | null;
  town_code: string;
  community_name: string | null;
  community_code: string;
  status: DemandStatus;
  support_count: number;
  merged_into: number | null;
  /** The codes of the projects that answer it (the project library's links), by project id. */
  project_codes: string[];
  reason: string | null;
  reply: string | null;
  updated_at: Date;
  demo: boolean;
  contact: string | null;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** 2026-11-28 14:05:09 in the district's time (UTC+8, no daylight saving), as a hotline writes it. */
export function formatBeijingTime(time: Date): string {
  return new Date(time.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function formatDemandCsv(rows: readonly DemandExportRow[], options: { withContact: boolean }): string {
  const columns = DEMAND_CSV_COLUMNS.filter((column) => column.export === 'always' || (column.export === 'contact' && options.withContact));
  const cellsOf = (row: DemandExportRow): Record<string, CsvCell> => ({
    需求编号: row.id,
    工单编号: row.external_ref,
    回执码: row.receipt,
    来电时间: formatBeijingTime(row.created_at),
    来源: SOURCE_LABELS[row.source],
    七个优化: row.optimization,
    诉求类型: row.type_title,
    诉求标题: row.title,
    诉求内容: row.text,
    经度: row.lon,
    纬度: row.lat,
    坐标系: 'WGS84',
    镇街: row.town_name,
    镇街编码: row.town_code,
    社区: row.community_name,
    社区编码: row.community_code,
    状态: STATUS_LABELS[row.status],
    附议数: row.support_count,
    合并至: row.merged_into,
    关联项目: row.project_codes.length ? row.project_codes.join('、') : null,
    不予受理理由: row.reason,
    答复: row.reply,
    更新时间: formatBeijingTime(row.updated_at),
    演示数据: row.demo ? '是' : '否',
    联系电话: row.contact,
  });
  return formatCsv([columns.map((column) => column.header), ...rows.map((row) => {
    const cells = cellsOf(row);
    return columns.map((column) => cells[column.header]);
  })]);
}

/** One problem in an import, where a spreadsheet shows it (the header is row 1). */
export interface DemandCsvError {
  row: number;
  column: string | null;
  message: string;
}

/** A sub-type as the import matches it: by its id or its Chinese title. */
export interface ImportableType {
  id: string;
  optimization: number;
  titleZh: string;
  active: boolean;
}

/** A row read and checked, ready to be placed and stored. */
export interface ImportedDemand {
  row: number;
  externalRef: string | null;
  createdAt: Date | null;
  source: DemandSource;
  optimization: number;
  type: string;
  title: string;
  text: string;
  contact: string | null;
  lon: number;
  lat: number;
}

export const IMPORT_LIMITS = {
  /** A day of a busy hotline is a few hundred tickets; a larger file is split. */
  maxRows: 5000,
  maxBytes: 4 * 1024 * 1024,
  externalRefChars: 64,
  /** Errors listed in one answer; the count says how many there were in all. */
  maxErrors: 100,
} as const;
