import { isFacilityLayer, findLayer, type LayerDefinition } from '../../core/layers/registry.ts';
import { badRequest, notFound } from '../errors.ts';
import { quoteInput } from '../http/read-body.ts';

/** A facility layer by id: 404 for a name the registry does not know, 400 for a frame layer. */
export function requireFacilityLayer(id: string): LayerDefinition {
  const layer = findLayer(id);
  if (!layer) throw notFound('unknown_layer', `no layer named ${quoteInput(id)}`);
  if (!isFacilityLayer(layer)) throw badRequest('not_a_facility_layer', `${layer.id} is part of the frame, not a facility layer: coverage needs a facility layer`);
  return layer;
}

/** One of the allowed values of a query parameter, or its default when absent. */
export function readChoice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`invalid_${name}`, `${name} must be one of ${allowed.join(', ')}, not ${quoteInput(value)}`);
}
