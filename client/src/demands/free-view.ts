import type { Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';

type Padding = Required<PaddingOptions>;

/**
 * The part of the map the demand panel leaves free. On a desktop the panel floats over the
 * map's left side, so a demand flown to or framed there is placed right of it; on a phone the
 * panel is a sheet below the map and covers none of it.
 */
export function panelPadding(map: MapLibreMap, margin = 24): Padding {
  const box = map.getContainer().getBoundingClientRect();
  const panel = document.getElementById('demand-panel')?.getBoundingClientRect();
  const covers = panel && panel.width < box.width / 2 && panel.left < box.right && panel.right > box.left;
  const left = covers ? Math.max(0, panel.right - box.left) + margin : margin;
  return { top: margin, bottom: margin, right: margin, left };
}

/** Whether a place shows in the free part of the map now. */
export function isInFreeView(map: MapLibreMap, lngLat: [number, number]): boolean {
  const { left } = panelPadding(map, 0);
  const { width, height } = map.getContainer().getBoundingClientRect();
  const { x, y } = map.project(lngLat);
  return x >= left && x <= width && y >= 0 && y <= height;
}

/**
 * Where a flight should put its place: the middle of the free part, as an offset from the
 * map's middle. (An `offset` moves only this flight; a `padding` would stay on the map.)
 */
export function panelOffset(map: MapLibreMap): [number, number] {
  const { left, right } = panelPadding(map);
  return [(left - right) / 2, 0];
}
