import type { Map as MapLibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { ProjectGeometry } from '../../../core/projects/project-contract.ts';

export type DrawShape = 'point' | 'linestring' | 'polygon';

const GEOMETRY_OF: Record<DrawShape, string> = { point: 'Point', linestring: 'LineString', polygon: 'Polygon' };
/** Each drawing's own style ids: a new form never meets the sources of one just closed. */
let drawings = 0;

/**
 * terra-draw turns the map's double-click zoom back on whenever a mode stops (a shape finished,
 * another shape chosen). A line or polygon is naturally finished with a double-click on its last
 * corner, and the browser's dblclick then zoomed the map under the finished shape, so the next
 * corners (of this form or the next) landed somewhere else. The form holds double-click zoom off
 * from open to close instead, and this adapter leaves it alone.
 */
class HeldZoomAdapter extends TerraDrawMapLibreGLAdapter<MapLibreMap> {
  override setDoubleClickToZoom(): void {}
}

/**
 * Drawing one project geometry on the map with terra-draw: a point, a line or a polygon. Each
 * change (every corner placed, the pointer moving with a line in progress) reports the shape as
 * drawn so far, so the form can measure it live; `finished` says the shape is complete (a
 * line's last corner clicked again or Enter, a polygon's first or last corner clicked again or
 * Enter). One shape at a time: starting again clears it. While drawing, the map's own clicks (popups, community picking) and double-click zoom are
 * held back, and given back on stop.
 */
export class ProjectDrawing {
  #draw: TerraDraw;
  #map: MapLibreMap;
  #releaseClicks: () => void;
  #doubleClickZoom: boolean;
  #shape: DrawShape | undefined;

  constructor(map: MapLibreMap, onchange: (geometry: ProjectGeometry | undefined, finished: boolean) => void) {
    this.#map = map;
    this.#draw = new TerraDraw({
      adapter: new HeldZoomAdapter({ map, prefixId: `project-draw-${(drawings += 1)}` }),
      modes: [
        new TerraDrawPointMode({ styles: { pointColor: '#c51b7d', pointWidth: 7, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
        new TerraDrawLineStringMode({ styles: { lineStringColor: '#c51b7d', lineStringWidth: 4, closingPointColor: '#ffffff', closingPointOutlineColor: '#c51b7d' } }),
        new TerraDrawPolygonMode({ styles: { fillColor: '#c51b7d', fillOpacity: 0.25, outlineColor: '#c51b7d', outlineWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: '#c51b7d' } }),
      ],
    });
    this.#draw.start();
    // The snapshot also holds the mode's helper points (closing and guide points): the shape is the feature of the shape's own type.
    const current = () => {
      const wanted = this.#shape ? GEOMETRY_OF[this.#shape] : undefined;
      const shapes = this.#draw.getSnapshot().filter((feature) => feature.geometry.type === wanted && !feature.properties.closingPoint && !feature.properties.snappingPoint);
      return shapes[shapes.length - 1]?.geometry as ProjectGeometry | undefined;
    };
    this.#draw.on('change', () => onchange(current(), false));
    this.#draw.on('finish', () => {
      onchange(current(), true);
      // Done: the map is the map again until "redraw".
      this.#draw.setMode('static');
    });
    const container = map.getContainer();
    const canvas = map.getCanvas();
    const holdClick = (event: MouseEvent) => {
      if (event.target === canvas && this.#shape) event.stopPropagation();
    };
    container.addEventListener('click', holdClick, { capture: true });
    this.#releaseClicks = () => container.removeEventListener('click', holdClick, { capture: true });
    this.#doubleClickZoom = map.doubleClickZoom.isEnabled();
    map.doubleClickZoom.disable();
  }

  /** Start a new shape, clearing any drawn before. */
  start(shape: DrawShape): void {
    this.#shape = shape;
    this.#draw.clear();
    this.#draw.setMode(shape);
  }

  /** Show a geometry drawn elsewhere (a chosen site), as if drawn here. */
  show(geometry: ProjectGeometry): void {
    this.#draw.clear();
    this.#draw.setMode('static');
    if (geometry.type === 'Point' || geometry.type === 'LineString' || geometry.type === 'Polygon') {
      const mode = geometry.type === 'Point' ? 'point' : geometry.type === 'LineString' ? 'linestring' : 'polygon';
      this.#draw.addFeatures([{ type: 'Feature', geometry, properties: { mode } }]);
    }
  }

  stop(): void {
    this.#shape = undefined;
    this.#releaseClicks();
    if (this.#doubleClickZoom) this.#map.doubleClickZoom.enable();
    this.#draw.stop();
  }
}
