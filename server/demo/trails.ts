// Three named walking trails: the 南山 ridge trail and two riverside trails
// traced from the Yangtze shore of the district fence, shifted inland.
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import type { DemoFeature, LonLat } from './types.ts';
import type { LocalPlane, XY } from './geo-math.ts';
import { roundLonLat } from './geo-math.ts';
import type { PolygonIndex } from './polygon-index.ts';
import type { CommunityLayer } from './communities.ts';
import { NANSHAN_RIDGE } from './landscape.ts';
import { extractShorePath, offsetInland, resamplePath, smoothPath } from './riverside.ts';
import { hashToUnit } from './random.ts';
import { toFeatures } from './features.ts';

interface TrailContext {
  plane: LocalPlane;
  district: PolygonIndex;
  boundary: Polygon;
  communities: CommunityLayer;
  seed: number;
}

interface TrailSpec {
  name: string;
  nameEn: string;
  path: (ctx: TrailContext) => XY[];
}

/** Riverside trail between two shore points, `inlandM` metres from the water. */
function shoreTrail(from: LonLat, to: LonLat, inlandM: number) {
  return (ctx: TrailContext) => {
    const shore = resamplePath(extractShorePath(ctx.boundary, ctx.plane, from, to), 40);
    return smoothPath(offsetInland(shore, inlandM, ctx.plane, ctx.district), 4);
  };
}

/** The ridge line, densified, with a gentle deterministic wander (mountain paths are not straight). */
function ridgeTrail(ctx: TrailContext): XY[] {
  const ridge = resamplePath(NANSHAN_RIDGE.map((p) => ctx.plane.toXY(p)), 50);
  const wandered = ridge.map((p, i): XY => {
    const sway = (hashToUnit(ctx.seed, Math.floor(i / 6), 0, 11) - 0.5) * 160;
    return [p[0] + sway, p[1]];
  });
  return smoothPath(wandered, 3);
}

const TRAILS: TrailSpec[] = [
  { name: '南山步道', nameEn: 'Nanshan Trail', path: ridgeTrail },
  {
    name: '两江三桥步道南岸段',
    nameEn: 'Two Rivers Three Bridges Trail (South Bank Section)',
    path: shoreTrail([106.584, 29.549], [106.578, 29.586], 100),
  },
  { name: '南滨步道', nameEn: 'Nanbin Riverside Trail', path: shoreTrail([106.537, 29.527], [106.578, 29.586], 280) },
];

/** Rounded, de-duplicated lon/lat line; throws if any part leaves the district. */
function toInsideLine(path: XY[], ctx: TrailContext, name: string): LonLat[] {
  const line: LonLat[] = [];
  for (const xy of path) {
    const point = roundLonLat(ctx.plane.toLonLat(xy));
    const last = line[line.length - 1];
    if (last && last[0] === point[0] && last[1] === point[1]) continue;
    if (last && !ctx.district.containsSegment(last, point)) throw new Error(`trail ${name} leaves the district near ${point}`);
    line.push(point);
  }
  return line;
}

export function buildTrails(ctx: TrailContext): DemoFeature[] {
  return toFeatures(
    TRAILS.map((spec) => {
      const coordinates = toInsideLine(spec.path(ctx), ctx, spec.name);
      const communityCode = ctx.communities.locate(coordinates[0]);
      if (!communityCode) throw new Error(`trail ${spec.name} starts outside every community`);
      const lengthM = Math.round(turf.length(turf.lineString(coordinates), { units: 'kilometers' }) * 10_000) / 10;
      return {
        geometry: { type: 'LineString' as const, coordinates },
        properties: {
          name: spec.name,
          name_en: spec.nameEn,
          length_m: lengthM,
          community_code: communityCode,
          town_code: ctx.communities.byCode.get(communityCode)!.townCode,
          demo: true,
        },
      };
    }),
  );
}
