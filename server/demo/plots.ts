// Polygon sites: idle plots (renewal land inside built-up areas) and
// slope-greening sites on the steep riverside bank of the urban towns.
import * as turf from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import type { DemoFeature, Frame } from './types.ts';
import type { XY } from './geo-math.ts';
import { distanceXY, roundLonLat } from './geo-math.ts';
import type { PlacementContext } from './facility-placement.ts';
import { claimUniqueName, createWeightedSampler } from './facility-placement.ts';
import type { Rng } from './random.ts';
import { toFeatures } from './features.ts';
import { RIVER_SHORE_END, RIVER_SHORE_START, extractShorePath, inwardNormal, resamplePath } from './riverside.ts';
import { distanceToPolyline } from './landscape.ts';

export const SLOPE_GREENING_MAX_SHORE_DISTANCE_M = 600;

interface PlotShape {
  centre: XY;
  lengthM: number;
  widthM: number;
  angle: number; // radians, direction of the long side
}

interface PlacedPlot {
  polygon: Polygon;
  areaM2: number;
  communityCode: string;
  townCode: string;
}

/** Rectangle with slightly moved corners: an irregular but convex-ish quadrilateral. */
function quadrilateral(shape: PlotShape, ctx: PlacementContext, rng: Rng): Polygon {
  const [ux, uy] = [Math.cos(shape.angle), Math.sin(shape.angle)];
  const corners: XY[] = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([a, b]) => {
    const along = (a * shape.lengthM) / 2 + rng.uniform(-0.08, 0.08) * shape.lengthM;
    const across = (b * shape.widthM) / 2 + rng.uniform(-0.08, 0.08) * shape.widthM;
    return [shape.centre[0] + along * ux - across * uy, shape.centre[1] + along * uy + across * ux];
  });
  const ring: Position[] = corners.map((c) => roundLonLat(ctx.plane.toLonLat(c)));
  ring.push([...ring[0]]);
  return { type: 'Polygon', coordinates: [ring] }; // counter-clockwise by construction
}

/** Accept the plot only if it lies wholly in the district and its centroid has a community. */
function acceptPlot(polygon: Polygon, ctx: PlacementContext): PlacedPlot | undefined {
  const ring = polygon.coordinates[0] as [number, number][];
  for (let i = 1; i < ring.length; i++) if (!ctx.district.containsSegment(ring[i - 1], ring[i])) return undefined;
  const centroid = turf.centroid(polygon).geometry.coordinates as [number, number];
  const communityCode = ctx.communities.locate(centroid);
  if (!communityCode) return undefined;
  return { polygon, areaM2: Math.round(turf.area(polygon)), communityCode, townCode: ctx.communities.byCode.get(communityCode)!.townCode };
}

function plotFeatures(plots: PlacedPlot[], ctx: PlacementContext, suffix: string): DemoFeature[] {
  const used = new Set<string>();
  return toFeatures(
    plots.map((plot) => ({
      geometry: plot.polygon,
      properties: {
        name: claimUniqueName(used, (ordinal) => `${ctx.names.communityShort(plot.communityCode)}${ordinal ?? ''}${suffix}`),
        area_m2: plot.areaM2,
        community_code: plot.communityCode,
        town_code: plot.townCode,
        demo: true,
      },
    })),
  );
}

/** ~40 idle plots of 0.2–3 ha in and around the built-up area, at least 400 m apart. */
export function buildIdlePlots(ctx: PlacementContext, rng: Rng, count = 40): DemoFeature[] {
  const sample = createWeightedSampler(
    ctx.cells.filter((c) => c.urCode !== '220'),
    (c) => Math.sqrt(c.population),
  )!;
  const plots: PlacedPlot[] = [];
  for (let attempt = 0; plots.length < count; attempt++) {
    if (attempt > 20_000) throw new Error(`placed only ${plots.length} idle plots`);
    const areaM2 = 2000 * Math.exp(rng.next() * Math.log(28_000 / 2000));
    const aspect = rng.uniform(1, 2.2);
    const widthM = Math.sqrt(areaM2 / aspect);
    const cell = sample(rng);
    const shape = { centre: cell.xy, lengthM: widthM * aspect, widthM, angle: rng.uniform(0, Math.PI) };
    const plot = acceptPlot(quadrilateral(shape, ctx, rng), ctx);
    if (!plot || plot.areaM2 < 2000 || plot.areaM2 > 30_000) continue;
    if (plots.some((p) => distanceXY(ctx.plane.toXY(turf.centroid(p.polygon).geometry.coordinates as [number, number]), shape.centre) < 400)) continue;
    plots.push(plot);
  }
  return plotFeatures(plots, ctx, '闲置地块');
}

/** Towns where most communities are dense urban (ur_code 111). */
function urbanTownCodes(frame: Frame): Set<string> {
  return new Set(
    frame.towns
      .filter((t) => {
        const members = frame.communities.filter((c) => c.townCode === t.code);
        return members.filter((c) => c.urCode === '111').length * 2 > members.length;
      })
      .map((t) => t.code),
  );
}

/** ~20 narrow sites along the bank, 100–450 m inland, long side parallel to the river. */
export function buildSlopeGreening(frame: Frame, ctx: PlacementContext, rng: Rng, boundary: Polygon, count = 20): DemoFeature[] {
  const shore = resamplePath(extractShorePath(boundary, ctx.plane, RIVER_SHORE_START, RIVER_SHORE_END), 50);
  const urbanTowns = urbanTownCodes(frame);
  const plots: PlacedPlot[] = [];
  for (let attempt = 0; plots.length < count; attempt++) {
    if (attempt > 5000) throw new Error(`placed only ${plots.length} slope-greening sites`);
    const i = rng.int(2, shore.length - 3);
    const normal = inwardNormal(shore, i, ctx.plane, ctx.district);
    const inland = rng.uniform(100, 450);
    const centre: XY = [shore[i][0] + normal[0] * inland, shore[i][1] + normal[1] * inland];
    const shape = { centre, lengthM: rng.uniform(90, 260), widthM: rng.uniform(25, 70), angle: Math.atan2(normal[0], -normal[1]) };
    const plot = acceptPlot(quadrilateral(shape, ctx, rng), ctx);
    if (!plot || !urbanTowns.has(plot.townCode)) continue;
    const farthest = Math.max(...plot.polygon.coordinates[0].map((p) => distanceToPolyline(ctx.plane.toXY([p[0], p[1]]), shore)));
    if (farthest > SLOPE_GREENING_MAX_SHORE_DISTANCE_M) continue;
    if (plots.some((p) => distanceXY(ctx.plane.toXY(p.polygon.coordinates[0][0] as [number, number]), centre) < 350)) continue;
    plots.push(plot);
  }
  return plotFeatures(plots, ctx, '坡地绿化点');
}
