import type { Language } from '../../../core/i18n-text.ts';
import type { PublicProject, ScheduleItem } from '../../../core/projects/project-contract.ts';
import { SCHEDULED_PHASES } from '../../../core/projects/project-schedule.ts';
import type { CsvCell } from '../../../core/csv-cells.ts';
import { fundingName, indicatorName, phaseName, sizeName, translateProject } from '../i18n/project-messages.ts';
import { describePending } from './project-text.ts';

/** How codes read in the reader's language (towns, categories, types), from the page's tables. */
export interface ExportNames {
  town: (code: string) => string;
  community: (code: string) => string;
  optimization: (category: number) => string;
  type: (id: string) => string;
}

type Row = CsvCell[];

/**
 * The schedule (建设时序清单) as a table: one row per project with every phase's planned and
 * actual dates and what it is late on. The same rows go to CSV and XLSX.
 */
export function scheduleRows(items: readonly ScheduleItem[], language: Language, names: ExportNames): Row[] {
  const p = (key: Parameters<typeof translateProject>[1]) => translateProject(language, key);
  const zh = language === 'zh';
  const dateHeads = SCHEDULED_PHASES.flatMap((phase) => {
    const name = phaseName(language, phase);
    return zh
      ? [`${name}计划开始`, `${name}计划完成`, `${name}实际开始`, `${name}实际完成`]
      : [`${name} planned start`, `${name} planned end`, `${name} actual start`, `${name} actual end`];
  });
  const header: Row = [zh ? '编号' : 'Code', p('name'), p('optimization'), p('projectType'), p('phase'), p('filterTown'), zh ? '社区' : 'Community', p('sizeClass'), p('responsibleUnit'), `${p('progress')} %`, ...dateHeads, zh ? '逾期天数' : 'Days late', zh ? '逾期事项' : 'Late on'];
  const rows = items.map((item): Row => [
    item.code,
    item.name,
    names.optimization(item.optimization),
    names.type(item.type),
    phaseName(language, item.phase),
    names.town(item.primaryTown),
    names.community(item.primaryCommunity),
    sizeName(language, item.sizeClass),
    item.responsibleUnit,
    item.progress,
    ...SCHEDULED_PHASES.flatMap((phase) => {
      const dates = item.schedule[phase];
      return [dates?.plannedStart ?? null, dates?.plannedEnd ?? null, dates?.actualStart ?? null, dates?.actualEnd ?? null];
    }),
    item.late.isLate ? item.late.days : null,
    item.late.isLate && item.late.what ? describePending(item.late.what, language) : null,
  ]);
  return [header, ...rows];
}

/** The opportunity list (城市机会清单) for investors: what, where, how big, what it costs, who to ask. */
export function opportunityRows(projects: readonly PublicProject[], language: Language, names: ExportNames): Row[] {
  const p = (key: Parameters<typeof translateProject>[1]) => translateProject(language, key);
  const zh = language === 'zh';
  const header: Row = [zh ? '编号' : 'Code', p('name'), p('optimization'), p('projectType'), p('filterTown'), zh ? '社区' : 'Community', p('sizeClass'), `${p('budget')} (${zh ? '元' : 'yuan'})`, p('funding'), p('deliverables'), p('phase'), p('responsibleUnit')];
  const rows = projects.map((project): Row => [
    project.code,
    language === 'en' && project.nameEn ? project.nameEn : project.name,
    names.optimization(project.optimization),
    names.type(project.type),
    names.town(project.primaryTown),
    names.community(project.primaryCommunity),
    sizeName(language, project.sizeClass),
    project.budget,
    project.funding.map((item) => `${fundingName(language, item.source)} ${item.amount}`).join(zh ? '；' : '; '),
    project.deliverables.map((item) => `${item.amount} ${indicatorName(language, item.indicator)}`).join(zh ? '；' : '; '),
    phaseName(language, project.phase),
    project.responsibleUnit,
  ]);
  return [header, ...rows];
}
