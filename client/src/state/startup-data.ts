import { fetchClientConfig, fetchDivisions, fetchLayers } from '../api/atlas-api.ts';
import type { ClientConfig, DivisionsResponse, LayersResponse } from '../../../core/api/responses.ts';

/** What the map needs before it can draw anything: the registry with counts, the places, the config. */
export interface StartupData {
  layers: LayersResponse;
  divisions: DivisionsResponse;
  config: ClientConfig;
}

export async function loadStartupData(signal: AbortSignal): Promise<StartupData> {
  const [layers, divisions, config] = await Promise.all([fetchLayers(signal), fetchDivisions(signal), fetchClientConfig(signal)]);
  return { layers, divisions, config };
}
