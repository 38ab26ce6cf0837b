import type { DivisionsResponse } from '../../../core/api/responses.ts';
import type { DemandType } from '../../../core/demands/demand-types.ts';
import type { Language } from '../../../core/i18n-text.ts';
import { communityName, optimizationName, townName } from '../demands/demand-names.ts';
import { projectTypeLabel } from '../i18n/project-messages.ts';
import type { ExportNames } from './project-export.ts';

/**
 * A project type in the reader's words: the plan's types by name; another that shares its id
 * with a demand sub-type by that title; any other as its id reads.
 */
export function projectTypeName(types: readonly DemandType[], id: string, language: Language): string {
  const known = projectTypeLabel(language, id);
  if (known) return known;
  const type = types.find((candidate) => candidate.id === id);
  if (type) return type.title[language] || type.title.zh;
  return id.replaceAll('_', ' ');
}

export function exportNames(divisions: DivisionsResponse, types: readonly DemandType[], language: Language): ExportNames {
  return {
    town: (code) => townName(divisions, code, language),
    community: (code) => communityName(divisions, code, language),
    optimization: (category) => `${category} ${optimizationName(category as 1, language)}`,
    type: (id) => projectTypeName(types, id, language),
  };
}

/** Roles that may propose a project (in their area); the commission and the administrator anywhere. */
export const PROPOSERS = ['commission', 'admin', 'town', 'planner'] as const;
/** Roles that record site inspections (a town office in its own town). */
export const INSPECTORS = ['inspector', 'commission', 'admin', 'town'] as const;
