import type { DivisionsResponse } from '../../../core/api/responses.ts';
import type { DemandType } from '../../../core/demands/demand-types.ts';
import type { Language } from '../../../core/i18n-text.ts';
import { findOptimization, type OptimizationCategory } from '../../../core/optimizations.ts';
import { pickName, pickText } from '../i18n/format.ts';

/** Names for a demand's codes in the reader's language; an unknown code is shown as stored. */

export function typeName(types: readonly DemandType[], id: string, language: Language): string {
  const type = types.find((candidate) => candidate.id === id);
  return type ? pickText(type.title, language) : id;
}

export function optimizationName(category: OptimizationCategory, language: Language): string {
  return pickText(findOptimization(category).title, language);
}

export function townName(divisions: DivisionsResponse, code: string | null, language: Language): string {
  const town = code ? divisions.towns.find((candidate) => candidate.code === code) : undefined;
  return town ? pickName(town, language) : (code ?? '');
}

export function communityName(divisions: DivisionsResponse, code: string | null, language: Language): string {
  const community = code ? divisions.communities.find((candidate) => candidate.code === code) : undefined;
  return community ? pickName(community, language) : (code ?? '');
}

/** A date and time as the reader writes them. */
export function formatWhen(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
