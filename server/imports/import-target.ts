import type { Role } from '../../core/accounts/roles.ts';
import { DEMAND_EDITORS } from '../../core/demands/demand-access.ts';
import { IMPORT_LIST_TARGETS } from '../../core/exchange/import-contract.ts';
import { DEMAND_IMPORT_FIELDS, layerImportFields, type ImportTargetFields } from '../../core/exchange/import-fields.ts';
import type { TargetGeometry } from '../../core/exchange/import-features.ts';
import { PROJECT_IMPORT_FIELDS, projectImportFields } from '../../core/exchange/import-project-fields.ts';
import { PHASE_MANAGERS } from '../../core/projects/project-phases.ts';
import { isEditableLayer } from '../../core/layers/feature-input.ts';
import { findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import type { RequestUser } from '../app-env.ts';
import { forbidden, notFound } from '../errors.ts';
import { quoteInput } from '../http/read-body.ts';
import { ROAD_IMPORT_FIELDS } from './import-road-rows.ts';

/** Where an import writes, with its fields, its shape, and who may write there. */
export type ImportTarget =
  | { kind: 'layer'; id: string; layer: LayerDefinition; fields: ImportTargetFields; geometry: TargetGeometry }
  | { kind: 'demands'; id: 'demands'; fields: ImportTargetFields; geometry: 'Point' }
  | { kind: 'projects'; id: 'projects'; fields: ImportTargetFields; geometry: 'any' }
  /** The walking network, replaced whole by the file's lines (import-road-rows.ts). */
  | { kind: 'roads'; id: 'roads'; fields: ImportTargetFields; geometry: 'LineString' };

/** A facility layer is written by those who edit it on the map; the demand list by those who triage it. */
const LAYER_IMPORTERS: readonly Role[] = ['commission', 'admin'];

/**
 * The target as it reads one file: the project library takes the numbered and facility columns
 * the file has (core/exchange/project-flat-columns.ts), so its mapping lists only those.
 */
export function resolveImportTarget(name: string, user: RequestUser, fieldNames: readonly string[] = []): ImportTarget {
  if (name === 'demands') {
    if (!DEMAND_EDITORS.includes(user.role)) throw forbidden('import_not_allowed', `a ${user.role} account does not import into the demand list`);
    return { kind: 'demands', id: 'demands', fields: DEMAND_IMPORT_FIELDS, geometry: 'Point' };
  }
  if (name === 'projects') {
    // A file may set any phase, publish and open opportunities: what only the project managers do.
    if (!(PHASE_MANAGERS as readonly Role[]).includes(user.role)) throw forbidden('import_not_allowed', `a ${user.role} account does not import into the project library`);
    return { kind: 'projects', id: 'projects', fields: fieldNames.length ? projectImportFields(fieldNames) : PROJECT_IMPORT_FIELDS, geometry: 'any' };
  }
  if (name === 'roads') {
    // The network every walking analysis stands on: the administrator's, as the district is.
    if (user.role !== 'admin') throw forbidden('import_not_allowed', `a ${user.role} account does not import the walking network`);
    return { kind: 'roads', id: 'roads', fields: ROAD_IMPORT_FIELDS, geometry: 'LineString' };
  }
  const layer = findLayer(name);
  if (!layer) throw notFound('unknown_import_target', `nothing to import into is called ${quoteInput(name)}: give a facility layer id or ${IMPORT_LIST_TARGETS.join(', ')}`);
  if (!isEditableLayer(layer)) throw forbidden('not_editable', `${layer.id} is not a facility layer: it is not written by imports`, { layer: layer.id });
  if (!LAYER_IMPORTERS.includes(user.role)) throw forbidden('import_not_allowed', `a ${user.role} account does not import into ${layer.id}`);
  return { kind: 'layer', id: layer.id, layer, fields: layerImportFields(layer), geometry: layer.geometry as TargetGeometry };
}
