import { describe, expect, it } from 'vitest';
import { findLayer } from '../../core/layers/registry.ts';
import { renderTileWith, supportsNativeMvt } from '../../server/tiles/tile-sql.ts';
import { useTestDatabase } from '../support/database.ts';
import { decodeTile, tileContaining } from '../support/mvt.ts';

const { sql, kind } = useTestDatabase();

type Decoded = ReturnType<typeof decodeTile>;

/** Feature id → bounding box in tile units, which both encoders must agree on. */
function tileBoxes(decoded: Decoded, layer: string, z: number) {
  const boxes = new Map<number, number[]>();
  const toUnits = (lon: number, lat: number) => {
    const scale = 2 ** z * 4096;
    const radians = (lat * Math.PI) / 180;
    return [((lon + 180) / 360) * scale, ((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * scale];
  };
  for (const feature of decoded[layer] ?? []) {
    const points = JSON.stringify(feature.geometry).match(/-?\d+(\.\d+)?(e-?\d+)?,-?\d+(\.\d+)?(e-?\d+)?/g)!.map((pair) => toUnits(...(pair.split(',').map(Number) as [number, number])));
    const xs = points.map((point) => point[0]);
    const ys = points.map((point) => point[1]);
    boxes.set(Number(feature.id), [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }
  return boxes;
}

describe('tile encoding', () => {
  it('uses PostGIS ST_AsMVT where it is built with protobuf, our encoder where not', async () => {
    expect(await supportsNativeMvt(sql)).toBe(kind === 'postgres');
  });

  it('gives the same features, properties and geometry from both encoders (where ST_AsMVT exists)', async () => {
    if (!(await supportsNativeMvt(sql))) {
      // The embedded PostGIS cannot run ST_AsMVT; tiles.test.ts checks our encoder against PostGIS there.
      expect(kind).toBe('embedded');
      return;
    }
    const [anchor] = await sql<{ lon: number; lat: number }[]>`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM kindergartens ORDER BY id LIMIT 1`;
    for (const z of [11, 13, 15]) {
      const { x, y } = tileContaining(anchor.lon, anchor.lat, z);
      for (const id of ['kindergartens', 'communities', 'roads', 'population', 'trails']) {
        const layer = findLayer(id)!;
        if (z < layer.minzoom) continue;
        const native = decodeTile(await renderTileWith.native(sql, [layer], z, x, y), z, x, y);
        const ours = decodeTile(await renderTileWith.inProcess(sql, [layer], z, x, y), z, x, y);
        const nativeBoxes = tileBoxes(native, id, z);
        const ourBoxes = tileBoxes(ours, id, z);
        // ST_AsMVTGeom drops slivers that collapse below a unit; ours may keep a few of them.
        for (const [featureId, box] of nativeBoxes) {
          expect(ourBoxes.has(featureId), `${id} ${z}/${x}/${y} feature ${featureId}`).toBe(true);
          box.forEach((value, index) => expect(Math.abs(value - ourBoxes.get(featureId)![index])).toBeLessThanOrEqual(2));
        }
        expect(ourBoxes.size - nativeBoxes.size).toBeLessThanOrEqual(Math.max(2, nativeBoxes.size * 0.02));
        const nativeFirst = native[id]?.[0];
        if (nativeFirst) {
          const ourFirst = ours[id].find((feature) => feature.id === nativeFirst.id)!;
          expect(ourFirst.properties).toEqual(nativeFirst.properties);
        }
      }
    }
  });
});
