import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

/** Decode an MVT with Mapbox's reference decoder: layer name → features as GeoJSON. */
export function decodeTile(bytes: ArrayBuffer | Uint8Array, z: number, x: number, y: number) {
  // A copy: pbf reads doubles through the underlying ArrayBuffer and ignores a view's byteOffset,
  // so a Buffer slice from the database driver would decode garbage numbers.
  const tile = new VectorTile(new Pbf(bytes instanceof Uint8Array ? Uint8Array.from(bytes) : new Uint8Array(bytes)));
  return Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => [
      name,
      Array.from({ length: layer.length }, (_, index) => layer.feature(index).toGeoJSON(x, y, z)),
    ]),
  );
}

/** The tile (x, y) containing a lon/lat at zoom z (Web Mercator, XYZ scheme). */
export function tileContaining(lon: number, lat: number, z: number) {
  const span = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * span);
  const radians = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * span);
  return { x, y };
}
