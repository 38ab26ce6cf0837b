// Column lists per layer, taken from the layer registry (core/layers/), the one
// place a layer is declared. The serializer writes properties in this order and
// the tests check that every feature carries exactly these columns.
import { findLayer } from '../../core/layers/registry.ts';
import type { LayerId } from './types.ts';
import { LAYER_IDS } from './types.ts';

function columnsOf(id: LayerId): readonly string[] {
  const layer = findLayer(id);
  if (!layer) throw new Error(`layer ${id} is generated but not declared in core/layers/`);
  return Object.keys(layer.properties);
}

export const LAYER_COLUMNS = Object.fromEntries(LAYER_IDS.map((id) => [id, columnsOf(id)])) as Record<LayerId, readonly string[]>;
