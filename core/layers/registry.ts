import { z } from 'zod';
import { BASE_LAYERS } from './base-layers.ts';
import { FACILITY_LAYERS } from './facility-layers.ts';
import { WORKFLOW_LAYERS } from './workflow-layers.ts';
import type { LayerDefinition, PropertyType } from './define-layer.ts';

export type { LayerDefinition, LayerKind, PropertyDefinition, GeometryType, PropertyType } from './define-layer.ts';

/** Every layer the product serves, in panel order. The one place a layer is declared. */
export const LAYERS: readonly LayerDefinition[] = [...BASE_LAYERS, ...FACILITY_LAYERS, ...WORKFLOW_LAYERS];

const LAYERS_BY_ID = new Map(LAYERS.map((layer) => [layer.id, layer]));

export function findLayer(id: string): LayerDefinition | undefined {
  return LAYERS_BY_ID.get(id);
}

/** Layers that can be a service in coverage analysis and siting, and are edited on the map. */
export function isFacilityLayer(layer: LayerDefinition): boolean {
  return layer.kind === 'facility';
}

/** The frame, drawn together as the basemap tile set. */
export function isFrameLayer(layer: LayerDefinition): boolean {
  return layer.kind === 'frame';
}

/**
 * Layers with a table of their own that the dataset fills (the frame and the facilities).
 * A workflow layer is a view over records its routes write, so a dataset load leaves it alone.
 */
export const DATASET_LAYERS: readonly LayerDefinition[] = LAYERS.filter((layer) => layer.kind !== 'workflow');

export function propertyNames(layer: LayerDefinition): string[] {
  return Object.keys(layer.properties);
}

const SQL_TYPES: Record<PropertyType, string> = {
  text: 'text',
  integer: 'integer',
  real: 'double precision',
  boolean: 'boolean',
};

export function sqlTypeOf(type: PropertyType): string {
  return SQL_TYPES[type];
}

function zodOf(type: PropertyType, values?: readonly string[]) {
  if (values) return z.enum(values as [string, ...string[]]);
  if (type === 'integer') return z.number().int();
  if (type === 'real') return z.number();
  if (type === 'boolean') return z.boolean();
  return z.string();
}

/** The output type of a feature's properties, derived from the declaration (nullable columns). */
export function propertiesSchema(layer: LayerDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const [column, definition] of Object.entries(layer.properties)) {
    shape[column] = zodOf(definition.type, definition.values).nullable();
  }
  return z.object(shape).strict();
}
