// Stable JSON for hashing and caching: layers in LAYER_IDS order, feature keys
// in GeoJSON order, properties in LAYER_COLUMNS order. Independent of how the
// objects happened to be built.
import type { DemoDataset, DemoFeature, LayerId } from './types.ts';
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

export function serializeDemoDataset(dataset: DemoDataset): string {
  const layers = LAYER_IDS.map(
    (layer) => `${JSON.stringify(layer)}:[${dataset.layers[layer].map((f) => serializeFeature(f, layer)).join(',')}]`,
  );
  return `{"seed":${dataset.seed},"layers":{${layers.join(',')}}}`;
}
