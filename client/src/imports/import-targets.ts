import { FACILITY_EDITORS, type SessionUser } from '../../../core/accounts/roles.ts';
import type { LayerSummary } from '../../../core/api/responses.ts';
import { DEMAND_EDITORS } from '../../../core/demands/demand-access.ts';
import { isEditableLayer } from '../../../core/layers/feature-input.ts';
import { PHASE_MANAGERS } from '../../../core/projects/project-phases.ts';

/**
 * Where a user may import, by the rules the server applies (server/imports/import-target.ts):
 * the facility layers for those who edit them on the map, the demand list for those who triage
 * it, the project library for those who manage its phases, the walking network for the
 * administrator. The client only offers what the server would take; the server still decides.
 */
export type ImportChoice = { kind: 'layer'; layer: LayerSummary } | { kind: 'demands' } | { kind: 'projects' };

export function importChoices(user: SessionUser | null, layers: readonly LayerSummary[]): ImportChoice[] {
  if (!user) return [];
  const choices: ImportChoice[] = [];
  if (FACILITY_EDITORS.includes(user.role)) choices.push(...layers.filter(isEditableLayer).map((layer) => ({ kind: 'layer' as const, layer })));
  if (DEMAND_EDITORS.includes(user.role)) choices.push({ kind: 'demands' });
  if ((PHASE_MANAGERS as readonly string[]).includes(user.role)) choices.push({ kind: 'projects' });
  // The walking network, replaced whole by the file's lines: the administrator's, as the district is.
  const roads = layers.find((layer) => layer.id === 'roads');
  if (user.role === 'admin' && roads) choices.push({ kind: 'layer', layer: roads });
  return choices;
}

export const choiceId = (choice: ImportChoice): string => (choice.kind === 'layer' ? choice.layer.id : choice.kind);
