import type { Language } from '../../../core/i18n-text.ts';
import type { Lateness, PendingItem } from '../../../core/projects/project-schedule.ts';
import { phaseName, translateProject } from '../i18n/project-messages.ts';

/** What is late, in the reader's words: "施工完成 计划 2026-05-01". */
export function describePending(item: PendingItem, language: Language): string {
  const what = item.kind === 'milestone'
    ? translateProject(language, 'milestoneLabel', { name: item.name })
    : translateProject(language, item.edge === 'start' ? 'phaseStartLabel' : 'phaseEndLabel', { phase: phaseName(language, item.phase) });
  return `${what} ${translateProject(language, 'plannedOn', { date: item.planned })}`;
}

/** The LATE label the list, the panel and the schedule show; empty when on time. */
export function lateLabel(late: Lateness, language: Language, detailed = false): string {
  if (!late.isLate) return '';
  if (detailed && late.what) return translateProject(language, 'lateWhat', { days: late.days, what: describePending(late.what, language) });
  return translateProject(language, 'lateDays', { days: late.days });
}

/** Yuan as the plan writes budgets: 万元 in Chinese, millions in English. */
export function formatBudget(yuan: number | null | undefined, language: Language): string {
  if (yuan === null || yuan === undefined) return '—';
  if (language === 'zh') return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(yuan / 10_000)} 万元`;
  return `¥${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(yuan / 1_000_000)} m`;
}

/** A length in m or km, an area in m² or hectares. */
export function formatLength(metres: number, language: Language): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
  return metres >= 1000 ? `${format(metres / 1000, 2)} km` : `${format(metres, 0)} m`;
}

export function formatArea(squareMetres: number, language: Language): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
  if (squareMetres >= 10_000) return language === 'zh' ? `${format(squareMetres / 10_000, 2)} 公顷` : `${format(squareMetres / 10_000, 2)} ha`;
  return `${format(squareMetres, 0)} m²`;
}
