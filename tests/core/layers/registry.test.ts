import { describe, expect, it } from 'vitest';
import { isEditableLayer } from '../../../core/layers/feature-input.ts';
import { DATASET_LAYERS, LAYERS, isFacilityLayer, isFrameLayer } from '../../../core/layers/registry.ts';
import { OPTIMIZATIONS } from '../../../core/optimizations.ts';

describe('layer kinds', () => {
  it('puts the frame in the base group, facilities in their optimization and workflow layers in the workflow group', () => {
    for (const layer of LAYERS) {
      if (layer.kind === 'frame') expect(layer.category, layer.id).toBe('base');
      if (layer.kind === 'facility') expect(typeof layer.category, layer.id).toBe('number');
      if (layer.kind === 'workflow') expect(layer.category, layer.id).toBe('workflow');
    }
  });

  it('gives every layer a panel group that exists', () => {
    const groups = new Set(OPTIMIZATIONS.map((optimization) => optimization.category));
    for (const layer of LAYERS) expect(groups.has(layer.category), layer.id).toBe(true);
  });

  it('offers demands to neither the analyses nor the feature editor, and leaves them out of the dataset', () => {
    const demands = LAYERS.find((layer) => layer.id === 'published_demands')!;
    expect(demands.kind).toBe('workflow');
    expect(isFacilityLayer(demands)).toBe(false);
    expect(isFrameLayer(demands)).toBe(false);
    expect(isEditableLayer(demands)).toBe(false);
    expect(DATASET_LAYERS).not.toContain(demands);
  });

  it('declares no private demand column on the published layer', () => {
    const demands = LAYERS.find((layer) => layer.id === 'published_demands')!;
    for (const column of ['contact', 'receipt', 'reason', 'text', 'merged_into', 'source']) expect(demands.properties).not.toHaveProperty(column);
  });
});
