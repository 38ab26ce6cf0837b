import type { Language } from '../../../core/i18n-text.ts';
import type { ProjectPhase } from '../../../core/projects/project-phases.ts';

/**
 * The project phases' names, apart from the project library's messages so the public portal
 * (a small chunk of its own) can name a demand's project without them.
 */
export const PHASE_NAMES: Readonly<Record<Language, Readonly<Record<ProjectPhase, string>>>> = {
  zh: { proposed: '拟建', approved: '已入库', design: '设计', construction: '施工', completed: '已建成', on_hold: '暂停', cancelled: '已取消' },
  en: { proposed: 'Proposed', approved: 'Approved', design: 'Design', construction: 'Construction', completed: 'Completed', on_hold: 'On hold', cancelled: 'Cancelled' },
};

export const phaseName = (language: Language, phase: ProjectPhase): string => PHASE_NAMES[language][phase];
