import type { LngLatLike, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';

export type Padding = Required<PaddingOptions>;

/** Narrower than this, the space beside a panel is no place to show anything. */
const MIN_FREE_PX = 160;

/**
 * The part of the map the panels leave free. On a desktop the panels are cards floating over
 * the map (the analysis or demand panel on the left, the community on the right), so what is
 * shown goes beside them, or below a card too wide to go beside; on a phone a panel is a sheet
 * in its own row under the map and covers none of it.
 */
export function freePadding(map: MapLibreMap, margin = 24): Padding {
  const box = map.getContainer().getBoundingClientRect();
  const padding: Padding = { top: margin, bottom: margin, right: margin, left: margin };
  const cards = [...document.querySelectorAll<HTMLElement>('.floating-card')]
    .map((card) => card.getBoundingClientRect())
    .filter((card) => card.width > 0 && card.left < box.right && card.right > box.left && card.top < box.bottom && card.bottom > box.top);
  for (const card of cards) {
    const onLeft = card.left - box.left < box.right - card.right;
    const beside = onLeft ? box.right - card.right : card.left - box.left;
    if (beside >= MIN_FREE_PX) {
      if (onLeft) padding.left = Math.max(padding.left, card.right - box.left + margin);
      else padding.right = Math.max(padding.right, box.right - card.left + margin);
    } else if (box.bottom - card.bottom >= MIN_FREE_PX / 2) {
      padding.top = Math.max(padding.top, card.bottom - box.top + margin / 2);
    }
  }
  return padding;
}

/** Whether a place shows in the free part of the map now. */
export function isInFreeView(map: MapLibreMap, lngLat: LngLatLike): boolean {
  const { left, right, top, bottom } = freePadding(map, 0);
  const { width, height } = map.getContainer().getBoundingClientRect();
  const { x, y } = map.project(lngLat);
  return x >= left && x <= width - right && y >= top && y <= height - bottom;
}

/**
 * Where a flight should put its place: the middle of the free part, as an offset from the
 * map's middle. (An `offset` moves only this flight; a `padding` would stay on the map.)
 */
export function freeOffset(map: MapLibreMap): [number, number] {
  const { left, right, top, bottom } = freePadding(map);
  return [(left - right) / 2, (top - bottom) / 2];
}

/** The middle of the free part, as a place on the map. */
export function freeCentre(map: MapLibreMap): [number, number] {
  const { width, height } = map.getContainer().getBoundingClientRect();
  const [dx, dy] = freeOffset(map);
  const { lng, lat } = map.unproject([width / 2 + dx, height / 2 + dy]);
  return [lng, lat];
}

/** Pan (no zoom change) so the place is in the free part, if it is not already. */
export function bringIntoFreeView(map: MapLibreMap, lngLat: [number, number]): void {
  if (!isInFreeView(map, lngLat)) map.easeTo({ center: lngLat, offset: freeOffset(map), duration: 600 });
}
