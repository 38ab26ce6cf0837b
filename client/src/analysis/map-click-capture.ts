import type { Map as MapLibreMap } from 'maplibre-gl';

/** MapLibre's own default: a press that moved less than this many pixels is a click. */
const CLICK_TOLERANCE_PX = 3;

/**
 * While an analysis tool is on (isochrone, propose), a click on the map belongs to the tool:
 * it must not also open a popup or select a community. The map view's click handlers listen on
 * MapLibre's canvas container, so the click is taken in the capture phase on the map's outer
 * container and stopped there. Controls, markers and popups are not the canvas: their clicks
 * pass untouched, and so does the end of a drag (MapLibre would not call it a click either).
 * `letThrough` leaves some canvas clicks to the map (the edit mode's clicks on a feature it
 * edits open that feature's popup). Returns the function that gives the clicks back.
 */
export function captureMapClicks(map: MapLibreMap, onClick: (lngLat: [number, number]) => void, letThrough?: (point: [number, number]) => boolean): () => void {
  const container = map.getContainer();
  const canvas = map.getCanvas();
  let pressedAt: { x: number; y: number } | undefined;

  const onPointerDown = (event: PointerEvent) => {
    pressedAt = event.target === canvas ? { x: event.clientX, y: event.clientY } : undefined;
  };
  const onClickCapture = (event: MouseEvent) => {
    if (event.target !== canvas) return;
    const moved = pressedAt ? Math.hypot(event.clientX - pressedAt.x, event.clientY - pressedAt.y) : 0;
    if (moved >= CLICK_TOLERANCE_PX) return;
    const box = canvas.getBoundingClientRect();
    const point: [number, number] = [event.clientX - box.left, event.clientY - box.top];
    if (letThrough?.(point)) return;
    event.stopPropagation();
    const lngLat = map.unproject(point);
    onClick([lngLat.lng, lngLat.lat]);
  };

  container.addEventListener('pointerdown', onPointerDown, { capture: true });
  container.addEventListener('click', onClickCapture, { capture: true });
  container.classList.add('analysis-picking');
  return () => {
    container.removeEventListener('pointerdown', onPointerDown, { capture: true });
    container.removeEventListener('click', onClickCapture, { capture: true });
    container.classList.remove('analysis-picking');
  };
}
