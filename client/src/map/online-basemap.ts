import type { StyleSpecification } from 'maplibre-gl';
import { fetchJson } from '../api/fetch-json.ts';

/** How long a configured online basemap may take before the offline one is used alone. */
const ONLINE_STYLE_TIMEOUT_MS = 4000;

/**
 * Draw our style over a configured online basemap: its sources and layers beneath, ours on top
 * (minus our background). Offline or unreachable, our own basemap is used alone: the map never
 * depends on the internet.
 */
export async function addOnlineBasemap(style: StyleSpecification, url: string | null): Promise<StyleSpecification> {
  if (!url) return style;
  try {
    const online = await fetchJson<StyleSpecification>(url, AbortSignal.timeout(ONLINE_STYLE_TIMEOUT_MS));
    const ours = style.layers.filter((layer) => layer.id !== 'background');
    const ourIds = new Set(ours.map((layer) => layer.id));
    return {
      ...online,
      sources: { ...online.sources, ...style.sources },
      layers: [...online.layers.filter((layer) => !ourIds.has(layer.id)), ...ours],
    };
  } catch (error) {
    console.warn(`online basemap ${url} unavailable, using the offline basemap`, error);
    return style;
  }
}
