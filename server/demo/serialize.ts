// Stable JSON for hashing and caching: layers in LAYER_IDS order, feature keys
// in GeoJSON order, properties in LAYER_COLUMNS order, demands' keys in DEMAND_KEYS
// order. Independent of how the objects happened to be built.
import type { DemoDataset, DemoDemand, DemoFeature, DemoProject, LayerId } from './types.ts';
import { LAYER_IDS } from './types.ts';
import { LAYER_COLUMNS } from './schema.ts';

function serializeFeature(feature: DemoFeature, layer: LayerId): string {
  const properties = LAYER_COLUMNS[layer].map((column) => {
    if (!(column in feature.properties)) throw new Error(`${layer} feature ${feature.id} lacks ${column}`);
    return `${JSON.stringify(column)}:${JSON.stringify(feature.properties[column])}`;
  });
  const geometry = feature.geometry as { type: string; coordinates: unknown };
  return (
    `{"type":"Feature","id":${feature.id},` +
    `"geometry":{"type":${JSON.stringify(geometry.type)},"coordinates":${JSON.stringify(geometry.coordinates)}},` +
    `"properties":{${properties.join(',')}}}`
  );
}

const DEMAND_KEYS = [
  'id', 'receipt', 'optimization', 'type', 'title', 'text', 'source', 'contact', 'status', 'reason', 'reply',
  'mergedInto', 'supportCount', 'communityCode', 'townCode', 'createdAt', 'updatedAt', 'answeredAt', 'version', 'point',
] as const satisfies readonly (keyof DemoDemand)[];

function serializeDemand(demand: DemoDemand): string {
  return `{${DEMAND_KEYS.map((key) => `${JSON.stringify(key)}:${JSON.stringify(demand[key])}`).join(',')}}`;
}

/** The demands alone, as they appear in the serialized dataset. */
export function serializeDemoDemands(demands: readonly DemoDemand[]): string {
  return `[${demands.map(serializeDemand).join(',')}]`;
}

const PROJECT_KEYS = [
  'id', 'name', 'nameEn', 'optimization', 'type', 'phase', 'heldFrom', 'geometry', 'communityCode', 'townCode',
  'sizeClass', 'responsibleUnit', 'funding', 'budget', 'deliverables', 'facility', 'facilityFeatureId', 'demandIds',
  'published', 'opportunity', 'progress', 'schedule', 'milestones', 'phaseSince', 'createdAt', 'updatedAt', 'version',
] as const satisfies readonly (keyof DemoProject)[];

/** Nested values (geometry, schedule, facility…) keep the key order the generator wrote them in, which is fixed. */
function serializeProject(project: DemoProject): string {
  return `{${PROJECT_KEYS.map((key) => `${JSON.stringify(key)}:${JSON.stringify(project[key])}`).join(',')}}`;
}

/** The projects alone, as they appear in the serialized dataset. */
export function serializeDemoProjects(projects: readonly DemoProject[]): string {
  return `[${projects.map(serializeProject).join(',')}]`;
}

export function serializeDemoDataset(dataset: DemoDataset): string {
  const layers = LAYER_IDS.map(
    (layer) => `${JSON.stringify(layer)}:[${dataset.layers[layer].map((f) => serializeFeature(f, layer)).join(',')}]`,
  );
  return `{"seed":${dataset.seed},"layers":{${layers.join(',')}},"demands":${serializeDemoDemands(dataset.demands)},"projects":${serializeDemoProjects(dataset.projects)}}`;
}
