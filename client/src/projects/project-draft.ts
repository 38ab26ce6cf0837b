import type { LayerSummary } from '../../../core/api/responses.ts';
import type { DemandOptimization } from '../../../core/demands/demand-types.ts';
import type { z } from 'zod';
import type { Deliverable, Funding, FundingSource, ProjectGeometry, SizeClass, newProjectSchema } from '../../../core/projects/project-contract.ts';

/** The body as sent (fields with defaults may be left out). */
export type NewProjectBody = z.input<typeof newProjectSchema>;

/**
 * The new-project form's values and how they become `POST /api/projects`: blank amounts are
 * left out, the budget is the sum of the funding, and the facility (when a layer is chosen)
 * carries its name and its capacity under the layer's capacity column.
 */
export interface ProjectDraft {
  name: string;
  nameEn: string;
  optimization: DemandOptimization;
  type: string;
  sizeClass: SizeClass;
  responsibleUnit: string;
  funding: Record<FundingSource, number | undefined>;
  deliverables: { indicator: string; amount: number | undefined }[];
  facilityLayer: string;
  facilityName: string;
  facilityCapacity: number | undefined;
  demandIds: string;
}

export function emptyDraft(): ProjectDraft {
  return {
    name: '', nameEn: '', optimization: 2, type: 'kindergarten', sizeClass: 'small', responsibleUnit: '',
    funding: { private: undefined, state_owned: undefined, fiscal: undefined },
    deliverables: [{ indicator: 'seats', amount: undefined }],
    facilityLayer: '', facilityName: '', facilityCapacity: undefined, demandIds: '',
  };
}

/** A facility layer a project of this type most likely adds to (kindergarten → kindergartens). */
export function facilityLayerFor(type: string, layers: readonly LayerSummary[]): LayerSummary | undefined {
  return layers.find((layer) => layer.kind === 'facility' && (layer.id === type || layer.id === `${type}s` || layer.id === `${type}es`));
}

/** Facility layers a geometry of this kind can add to (a point layer takes a point). */
export function facilityLayersFor(geometry: ProjectGeometry | undefined, layers: readonly LayerSummary[]): LayerSummary[] {
  const kind = geometry?.type.replace('Multi', '') ?? 'Point';
  return layers.filter((layer) => layer.kind === 'facility' && layer.geometry === kind);
}

export function parseIdList(text: string): number[] {
  return [...new Set(text.split(/[\s,，、]+/).map(Number).filter((id) => Number.isInteger(id) && id > 0))];
}

export function draftRequest(draft: ProjectDraft, geometry: ProjectGeometry, layers: readonly LayerSummary[]): NewProjectBody {
  const funding: Funding = Object.entries(draft.funding)
    .filter((entry): entry is [FundingSource, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .map(([source, amount]) => ({ source, amount }));
  const deliverables: Deliverable[] = draft.deliverables
    .filter((item): item is Deliverable => Boolean(item.indicator) && typeof item.amount === 'number' && item.amount > 0);
  const layer = layers.find((candidate) => candidate.id === draft.facilityLayer);
  const capacityColumn = layer?.capacity?.column;
  const facility = layer
    ? { layer: layer.id, properties: { name: draft.facilityName.trim() || draft.name.trim(), ...(capacityColumn && draft.facilityCapacity ? { [capacityColumn]: draft.facilityCapacity } : {}) } }
    : null;
  const budget = funding.reduce((sum, item) => sum + item.amount, 0);
  return {
    name: draft.name.trim(),
    ...(draft.nameEn.trim() ? { nameEn: draft.nameEn.trim() } : {}),
    optimization: draft.optimization,
    type: draft.type.trim(),
    geometry,
    sizeClass: draft.sizeClass,
    responsibleUnit: draft.responsibleUnit.trim(),
    funding,
    ...(budget > 0 ? { budget } : {}),
    deliverables,
    facility,
    demandIds: parseIdList(draft.demandIds),
  };
}
