import Pbf from 'pbf';

/**
 * A Mapbox Vector Tile 2.1 encoder for features already in tile coordinates (integers, y down).
 * PostGIS's own ST_AsMVT needs protobuf-c, which the embedded PostGIS build lacks; this encoder
 * stands in for it there, fed by the same clipping and quantisation done in SQL.
 */
export interface TileFeature {
  id: number;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

export interface TileLayer {
  name: string;
  extent: number;
  features: TileFeature[];
}

type Ring = number[][];
const GEOMETRY_TYPE: Record<string, number> = {
  Point: 1, MultiPoint: 1, LineString: 2, MultiLineString: 2, Polygon: 3, MultiPolygon: 3,
};
const MOVE_TO = 1;
const LINE_TO = 2;
const CLOSE_PATH = 7;

const command = (id: number, count: number) => (id & 0x7) | (count << 3);
const zigzag = (value: number) => (value << 1) ^ (value >> 31);

/** Parts of a geometry as point sequences, and whether each part is a closed ring. */
function partsOf(geometry: TileFeature['geometry']): Array<{ points: Ring; ring: boolean }> {
  const coordinates = geometry.coordinates as never;
  switch (geometry.type) {
    case 'Point': return [{ points: [coordinates], ring: false }];
    case 'MultiPoint': return [{ points: coordinates, ring: false }];
    case 'LineString': return [{ points: coordinates, ring: false }];
    case 'MultiLineString': return (coordinates as Ring[]).map((points) => ({ points, ring: false }));
    case 'Polygon': return (coordinates as Ring[]).map((points) => ({ points, ring: true }));
    case 'MultiPolygon': return (coordinates as Ring[][]).flat().map((points) => ({ points, ring: true }));
    default: return [];
  }
}

/** The MVT command stream; the cursor carries over from one part to the next. */
export function encodeGeometry(geometry: TileFeature['geometry']): number[] {
  const stream: number[] = [];
  let cursorX = 0;
  let cursorY = 0;
  const pushPoint = ([x, y]: number[]) => {
    stream.push(zigzag(x - cursorX), zigzag(y - cursorY));
    cursorX = x;
    cursorY = y;
  };
  if (geometry.type === 'Point' || geometry.type === 'MultiPoint') {
    const points = partsOf(geometry)[0].points;
    stream.push(command(MOVE_TO, points.length));
    points.forEach(pushPoint);
    return stream;
  }
  for (const { points, ring } of partsOf(geometry)) {
    // A ring repeats its first point at the end in GeoJSON; MVT closes it with ClosePath instead.
    const vertices = ring ? points.slice(0, -1) : points;
    if (vertices.length < (ring ? 3 : 2)) continue;
    stream.push(command(MOVE_TO, 1));
    pushPoint(vertices[0]);
    stream.push(command(LINE_TO, vertices.length - 1));
    vertices.slice(1).forEach(pushPoint);
    if (ring) stream.push(command(CLOSE_PATH, 1));
  }
  return stream;
}

function writeValue(value: unknown, pbf: Pbf) {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= 0) pbf.writeVarintField(5, value);
    else pbf.writeSVarintField(6, value);
  } else pbf.writeDoubleField(3, Number(value));
}

function writeLayer(layer: TileLayer, pbf: Pbf) {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  const keys = new Map<string, number>();
  const values = new Map<string, { index: number; value: unknown }>();
  const indexOf = <T>(map: Map<string, T>, key: string, make: (index: number) => T) => {
    if (!map.has(key)) map.set(key, make(map.size));
    return map.get(key)!;
  };
  for (const feature of layer.features) {
    const geometry = encodeGeometry(feature.geometry);
    if (!geometry.length) continue;
    const tags: number[] = [];
    for (const [key, value] of Object.entries(feature.properties)) {
      if (value === null || value === undefined) continue;
      tags.push(indexOf(keys, key, (index) => index));
      tags.push(indexOf(values, `${typeof value}:${String(value)}`, (index) => ({ index, value })).index);
    }
    pbf.writeMessage(2, (_: unknown, message: Pbf) => {
      message.writeVarintField(1, feature.id);
      message.writePackedVarint(2, tags);
      message.writeVarintField(3, GEOMETRY_TYPE[feature.geometry.type]);
      message.writePackedVarint(4, geometry);
    }, null);
  }
  for (const key of keys.keys()) pbf.writeStringField(3, key);
  for (const { value } of values.values()) pbf.writeMessage(4, writeValue, value);
  pbf.writeVarintField(5, layer.extent);
}

/** Encode layers into one tile; layers without features are left out, as ST_AsMVT does. */
export function encodeTile(layers: TileLayer[]): Uint8Array {
  const pbf = new Pbf();
  for (const layer of layers) {
    if (layer.features.length) pbf.writeMessage(3, writeLayer, layer);
  }
  return pbf.finish();
}
