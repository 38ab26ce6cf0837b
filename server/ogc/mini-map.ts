/**
 * A small map of a page's features as inline SVG: drawn by the server, no script, no tiles, no
 * external asset (the pages stay readable offline and under the strict content policy). An
 * equirectangular view with the longitude scaled by cos(latitude), which is true to shape at
 * the scale of a district.
 */
type Position = number[];
interface Geometry {
  type: string;
  coordinates?: unknown;
}

const WIDTH = 640;
const MAX_HEIGHT = 320;
const MARGIN = 14;

function collectPositions(coordinates: unknown, into: Position[]): Position[] {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') into.push(coordinates as Position);
  else if (Array.isArray(coordinates)) for (const part of coordinates) collectPositions(part, into);
  return into;
}

/** The SVG of the geometries, or '' when there is nothing to draw. */
export function renderMiniMap(geometries: readonly (Geometry | null | undefined)[], label: string): string {
  const shapes = geometries.filter((geometry): geometry is Geometry => Boolean(geometry?.coordinates));
  const positions = shapes.flatMap((geometry) => collectPositions(geometry.coordinates, []));
  if (!positions.length) return '';
  const lons = positions.map((position) => position[0]);
  const lats = positions.map((position) => position[1]);
  let [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  // A single point (or a tiny feature) still gets ~300 m around it.
  const minimumSpan = 0.003;
  if (east - west < minimumSpan) [west, east] = [(west + east) / 2 - minimumSpan / 2, (west + east) / 2 + minimumSpan / 2];
  if (north - south < minimumSpan) [south, north] = [(south + north) / 2 - minimumSpan / 2, (south + north) / 2 + minimumSpan / 2];
  const squeeze = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min((WIDTH - 2 * MARGIN) / ((east - west) * squeeze), (MAX_HEIGHT - 2 * MARGIN) / (north - south));
  const height = Math.round((north - south) * scale + 2 * MARGIN);
  const x = (lon: number) => (MARGIN + (lon - west) * squeeze * scale).toFixed(1);
  const y = (lat: number) => (MARGIN + (north - lat) * scale).toFixed(1);
  const path = (ring: Position[], close: boolean) => ring.map((position, index) => `${index ? 'L' : 'M'}${x(position[0])} ${y(position[1])}`).join('') + (close ? 'Z' : '');
  const drawings = shapes.map((geometry) => {
    const coordinates = geometry.coordinates as never;
    switch (geometry.type) {
      case 'Point':
        return `<circle class="point" cx="${x((coordinates as Position)[0])}" cy="${y((coordinates as Position)[1])}" r="5"/>`;
      case 'MultiPoint':
        return (coordinates as Position[]).map((position) => `<circle class="point" cx="${x(position[0])}" cy="${y(position[1])}" r="4"/>`).join('');
      case 'LineString':
        return `<path class="line" d="${path(coordinates, false)}"/>`;
      case 'MultiLineString':
        return `<path class="line" d="${(coordinates as Position[][]).map((line) => path(line, false)).join('')}"/>`;
      case 'Polygon':
        return `<path class="area" d="${(coordinates as Position[][]).map((ring) => path(ring, true)).join('')}"/>`;
      case 'MultiPolygon':
        return `<path class="area" d="${(coordinates as Position[][][]).flat().map((ring) => path(ring, true)).join('')}"/>`;
      default:
        return '';
    }
  });
  return `<figure class="mini-map"><svg role="img" aria-label="${label.replace(/[&<>"']/g, '')}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">${drawings.join('')}</svg></figure>`;
}
