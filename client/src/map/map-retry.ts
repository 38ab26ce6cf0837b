import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';

/**
 * Ask again for what failed: a source whose TileJSON never arrived is re-pointed at its URL,
 * one that has tiles refreshes them (MapLibre refetches only tiles it does not hold).
 */
export function retrySources(map: MapLibreMap, sourceIds: Iterable<string>): void {
  for (const id of sourceIds) {
    const source = map.getSource(id) as VectorTileSource | undefined;
    if (!source || source.type !== 'vector') continue;
    if (!source.tiles?.length && source.url) source.setUrl(source.url);
    else map.refreshTiles(id);
  }
}
