// Seed points for the community Voronoi cells. 60 communities have an official
// centre (59 are used, see dropMisattributedCentres); the others are placed inside their town's
// "territory" (the area closer to the town's known points than to any other
// town's), growing all towns round-robin so that no town starves another.
import type { Frame, FrameCommunity, LonLat } from './types.ts';
import type { LocalPlane, XY } from './geo-math.ts';
import { distanceXY, roundLonLat } from './geo-math.ts';
import type { PolygonIndex } from './polygon-index.ts';
import type { Rng } from './random.ts';

export interface CommunitySeed {
  community: FrameCommunity;
  point: LonLat;
  source: 'official' | 'generated';
}

/**
 * 天文街道 has no position in the source files. Its anchor is set by hand (WGS84)
 * between 南山's 龙井村/新力村 and 长生桥镇, see geodata/nanan/PROVENANCE.md.
 */
export const TIANWEN_ANCHOR: LonLat = [106.616, 29.513];
const TIANWEN_TOWN_CODE = '500108008000';

// Official centres closer than this are pushed apart: several are geocoded to the
// same building (东山坪/惠工村 identical, 一天门/下浩 2.5 m) and would give sliver cells.
const MIN_OFFICIAL_SEPARATION_M = 150;

interface Anchor {
  townCode: string;
  xy: XY;
}

interface Placement {
  sigmaM: number; // spread of candidates around a random anchor of the town
  comfortM: number; // spacing beyond which more distance to other seeds is no better
  minSeparationM: number;
}

function placementFor(urCode: string): Placement {
  if (urCode === '111') return { sigmaM: 600, comfortM: 700, minSeparationM: 250 };
  if (urCode === '220') return { sigmaM: 1800, comfortM: 3000, minSeparationM: 700 };
  return { sigmaM: 1000, comfortM: 1400, minSeparationM: 400 };
}

/** A centre shared with a community of another town is kept only by the one nearer its own town. */
function dropMisattributedCentres(frame: Frame, plane: LocalPlane): Set<string> {
  const townCentre = new Map(frame.towns.filter((t) => t.centre).map((t) => [t.code, plane.toXY(t.centre!)]));
  const byKey = new Map<string, FrameCommunity[]>();
  for (const c of frame.communities) {
    if (!c.centre) continue;
    const key = c.centre.join(',');
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const dropped = new Set<string>();
  for (const group of byKey.values()) {
    if (new Set(group.map((c) => c.townCode)).size < 2) continue;
    const distanceToOwnTown = (c: FrameCommunity) => {
      const centre = townCentre.get(c.townCode);
      return centre ? distanceXY(centre, plane.toXY(c.centre!)) : Infinity;
    };
    const keeper = group.reduce((best, c) => (distanceToOwnTown(c) < distanceToOwnTown(best) ? c : best));
    for (const c of group) if (c !== keeper) dropped.add(c.code);
  }
  return dropped;
}

/** Push too-close official seeds apart symmetrically (few iterations converge here). */
function separateSeeds(points: XY[], minSeparation: number): void {
  for (let iteration = 0; iteration < 30; iteration++) {
    let moved = false;
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const dx = points[j][0] - points[i][0];
        const dy = points[j][1] - points[i][1];
        const distance = Math.hypot(dx, dy);
        if (distance >= minSeparation) continue;
        // Coincident points: separate along a fixed, index-derived direction.
        const angle = distance > 1e-6 ? Math.atan2(dy, dx) : (i * 2.399963) % (2 * Math.PI);
        const push = (minSeparation - distance) / 2 + 1;
        points[i] = [points[i][0] - push * Math.cos(angle), points[i][1] - push * Math.sin(angle)];
        points[j] = [points[j][0] + push * Math.cos(angle), points[j][1] + push * Math.sin(angle)];
        moved = true;
      }
    }
    if (!moved) return;
  }
}

function nearestDistances(xy: XY, townCode: string, anchors: Anchor[]): { own: number; foreign: number } {
  let own = Infinity;
  let foreign = Infinity;
  for (const anchor of anchors) {
    const d = distanceXY(xy, anchor.xy);
    if (anchor.townCode === townCode) own = Math.min(own, d);
    else foreign = Math.min(foreign, d);
  }
  return { own, foreign };
}

function minDistanceTo(xy: XY, points: XY[]): number {
  let best = Infinity;
  for (const p of points) best = Math.min(best, distanceXY(xy, p));
  return best;
}

/** Best-candidate sampling: spread out, but stay well inside the town's territory. */
function placeGeneratedSeed(
  community: FrameCommunity,
  anchors: Anchor[],
  seeds: XY[],
  plane: LocalPlane,
  district: PolygonIndex,
  rng: Rng,
): XY {
  const ownAnchors = anchors.filter((a) => a.townCode === community.townCode);
  const rule = placementFor(community.urCode);
  let best: { xy: XY; score: number } | undefined;
  // Relax the territory margin and spacing step by step if a crowded town finds no room.
  for (let attempt = 0; attempt < 400 && !(best && attempt >= 60); attempt++) {
    const relax = Math.min(1, attempt / 300);
    const base = rng.pick(ownAnchors).xy;
    const xy: XY = [base[0] + rng.normal(0, rule.sigmaM), base[1] + rng.normal(0, rule.sigmaM)];
    if (!district.contains(plane.toLonLat(xy))) continue;
    const { own, foreign } = nearestDistances(xy, community.townCode, anchors);
    if (foreign < own * (1.6 - 0.6 * relax)) continue;
    const spacing = minDistanceTo(xy, seeds);
    if (spacing < rule.minSeparationM * (1 - 0.7 * relax)) continue;
    const score = Math.min(spacing, rule.comfortM) - 0.2 * own;
    if (!best || score > best.score) best = { xy, score };
  }
  if (!best) throw new Error(`could not place a seed for ${community.name} (${community.code})`);
  return best.xy;
}

function buildInitialAnchors(frame: Frame, plane: LocalPlane): Anchor[] {
  const anchors: Anchor[] = frame.towns
    .filter((t) => t.centre)
    .map((t) => ({ townCode: t.code, xy: plane.toXY(t.centre!) }));
  anchors.push({ townCode: TIANWEN_TOWN_CODE, xy: plane.toXY(TIANWEN_ANCHOR) });
  return anchors;
}

export function placeCommunitySeeds(frame: Frame, plane: LocalPlane, district: PolygonIndex, rng: Rng): CommunitySeed[] {
  const dropped = dropMisattributedCentres(frame, plane);
  const official = frame.communities.filter((c) => c.centre && !dropped.has(c.code));
  const officialXY = official.map((c) => plane.toXY(c.centre!));
  separateSeeds(officialXY, MIN_OFFICIAL_SEPARATION_M);
  for (const [i, c] of official.entries()) {
    if (!district.contains(plane.toLonLat(officialXY[i]))) throw new Error(`official centre of ${c.name} lies outside the district`);
  }

  const anchors = buildInitialAnchors(frame, plane);
  official.forEach((c, i) => anchors.push({ townCode: c.townCode, xy: officialXY[i] }));
  const seeds: XY[] = [...officialXY];
  const placed = new Map<string, CommunitySeed>();
  official.forEach((c, i) => placed.set(c.code, { community: c, point: roundLonLat(plane.toLonLat(officialXY[i])), source: 'official' }));

  // Round-robin over towns; within a town urban communities first (they hug the centre).
  const missingByTown = frame.towns.map((town) =>
    frame.communities
      .filter((c) => c.townCode === town.code && !placed.has(c.code))
      .sort((a, b) => Number(a.urCode === '220') - Number(b.urCode === '220') || a.code.localeCompare(b.code)),
  );
  for (let round = 0; missingByTown.some((list) => list.length > round); round++) {
    for (const list of missingByTown) {
      const community = list[round];
      if (!community) continue;
      const xy = placeGeneratedSeed(community, anchors, seeds, plane, district, rng);
      seeds.push(xy);
      anchors.push({ townCode: community.townCode, xy });
      placed.set(community.code, { community, point: roundLonLat(plane.toLonLat(xy)), source: 'generated' });
    }
  }
  return frame.communities.map((c) => placed.get(c.code)!);
}
