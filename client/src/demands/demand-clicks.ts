import type { Map as MapLibreMap } from 'maplibre-gl';
import { demandAt, type DemandHit } from './demand-points.ts';

/** A press that moved less than this many pixels is a click (MapLibre's own tolerance). */
const CLICK_TOLERANCE_PX = 3;

/**
 * While the demand list is open, a click on one of its points or clusters belongs to the list:
 * taken in the capture phase on the map's container, before the map view's own picking would
 * open a popup or select the community beneath. Any other click passes to the map untouched.
 * The pointer turns into a hand over a demand. Returns the function that detaches it all.
 */
export function captureDemandClicks(map: MapLibreMap, onHit: (hit: DemandHit) => void): () => void {
  const container = map.getContainer();
  const canvas = map.getCanvas();
  const slack = () => (matchMedia('(pointer: coarse)').matches ? 12 : 5);
  let pressedAt: { x: number; y: number } | undefined;
  let frame = 0;

  const pointOf = (event: MouseEvent): [number, number] => {
    const box = canvas.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  const onPointerDown = (event: PointerEvent) => {
    pressedAt = event.target === canvas ? { x: event.clientX, y: event.clientY } : undefined;
  };
  const onClick = (event: MouseEvent) => {
    if (event.target !== canvas) return;
    if (pressedAt && Math.hypot(event.clientX - pressedAt.x, event.clientY - pressedAt.y) >= CLICK_TOLERANCE_PX) return;
    const hit = demandAt(map, pointOf(event), slack());
    if (!hit) return;
    event.stopPropagation();
    onHit(hit);
  };
  const onMove = (event: MouseEvent) => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      container.classList.toggle('over-demand', event.target === canvas && Boolean(demandAt(map, pointOf(event), slack())));
    });
  };

  container.addEventListener('pointerdown', onPointerDown, { capture: true });
  container.addEventListener('click', onClick, { capture: true });
  container.addEventListener('mousemove', onMove);
  return () => {
    cancelAnimationFrame(frame);
    container.classList.remove('over-demand');
    container.removeEventListener('pointerdown', onPointerDown, { capture: true });
    container.removeEventListener('click', onClick, { capture: true });
    container.removeEventListener('mousemove', onMove);
  };
}
