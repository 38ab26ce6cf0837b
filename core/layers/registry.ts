import { z } from 'zod';
import { BASE_LAYERS } from './base-layers.ts';
import { FACILITY_LAYERS } from './facility-layers.ts';
import type { LayerDefinition, PropertyType } from './define-layer.ts';

export type { LayerDefinition, PropertyDefinition, GeometryType, PropertyType } from './define-layer.ts';

/** Every layer the product serves, in panel order. The one place a layer is declared. */
export const LAYERS: readonly LayerDefinition[] = [...BASE_LAYERS, ...FACILITY_LAYERS];

const LAYERS_BY_ID = new Map(LAYERS.map((layer) => [layer.id, layer]));

export function findLayer(id: string): LayerDefinition | undefined {
  return LAYERS_BY_ID.get(id);
}

/** Layers that can be a service in coverage analysis: everything but the frame. */
export function isFacilityLayer(layer: LayerDefinition): boolean {
  return layer.category !== 'base';
}

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
