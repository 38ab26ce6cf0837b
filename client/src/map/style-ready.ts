import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Call back as soon as sources and layers may be added: once the style itself is read, not
 * when every tile has arrived (`isStyleLoaded()` and `idle` wait for those, seconds on a busy
 * machine). Returns the function that cancels a call still waiting.
 */
export function whenStyleReady(map: MapLibreMap, callback: () => void): () => void {
  if (map.style?._loaded) {
    callback();
    return () => {};
  }
  map.once('style.load', callback);
  return () => map.off('style.load', callback);
}
