// The demo demand list (群众需求清单): about 800 demands over two years, from the hotline,
// deputies, surveys, the public and the community planners, in every state of their life.
// Places follow poor coverage (demand-places.ts), texts come from templates
// (demand-templates.ts, demand-phrasing.ts), receipts are spelled like the server's.
// Pure and seeded: the same seed gives the same demands, byte for byte.
import { DEMAND_SOURCES, type DemandSource } from '../../core/demands/demand-contract.ts';
import type { DemandStatus } from '../../core/demands/demand-states.ts';
import { DEFAULT_DEMAND_TYPES, type DemandType } from '../../core/demands/demand-types.ts';
import { RECEIPT_LENGTH, spellReceipt } from '../../core/demands/receipt-code.ts';
import type { DemoDemand, DemoFeature, DemoProject, LayerId, LonLat } from './types.ts';
import { roundLonLat } from './geo-math.ts';
import type { PlacedPoint, PlacementContext } from './facility-placement.ts';
import { samplePointInCell } from './facility-placement.ts';
import type { Rng } from './random.ts';
import { createDemandCellSamplers } from './demand-places.ts';
import { DEMAND_TEMPLATES } from './demand-templates.ts';
import {
  MODERATION_NOTES, REJECTION_REASONS, REPLIES, SOURCE_FRAMES,
  fillTemplate, makeDemoContact, makeEstateName, pickDeputyName, pickResponsibleUnit,
} from './demand-phrasing.ts';

export const DEMO_DEMAND_COUNT = 800;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** Midnight in Beijing of the first day, and the last day's close of office (21:00). */
const PERIOD_START_MS = Date.UTC(2025, 0, 1) - BEIJING_OFFSET_MS;
const PERIOD_END_MS = Date.UTC(2026, 10, 28, 21) - BEIJING_OFFSET_MS;
const PERIOD_DAYS = Math.round((Date.UTC(2026, 10, 28) - Date.UTC(2025, 0, 1)) / DAY_MS) + 1;

/** Relative frequency of each sub-type (parking, lifts and old housing top every hotline's list). */
const TYPE_WEIGHTS: Readonly<Record<string, number>> = {
  bus_shelter: 4, bus_stop: 3, parking: 7, sidewalk: 4, crossing: 3,
  kindergarten: 6, primary_school: 4, middle_school: 3,
  elderly_care: 6, health_station: 4, canteen: 4,
  fresh_market: 5, convenience_store: 4,
  park: 4, greening: 3, sports: 4, trail: 3,
  office_space: 2, industrial_park: 2,
  elevator_retrofit: 8, fire_safety: 5, security: 4, old_housing: 8,
};

const SOURCE_WEIGHTS: Readonly<Record<DemandSource, number>> = { hotline: 38, deputy: 10, survey: 14, public: 20, planner: 18 };
/** Who leaves a number: hotline tickets nearly always, deputies and planners never (they are the contact). */
const CONTACT_SHARE: Readonly<Record<DemandSource, number>> = { hotline: 0.85, deputy: 0, survey: 0.3, public: 0.7, planner: 0 };

const STATUSES: readonly DemandStatus[] = ['submitted', 'accepted', 'planned', 'resolved', 'merged', 'rejected', 'hidden'];

/** Older demands have gone further: a week-old one is mostly waiting, a year-old one mostly done. */
function statusWeights(ageDays: number): number[] {
  if (ageDays < 7) return [70, 15, 0, 0, 5, 5, 2];
  if (ageDays < 30) return [25, 45, 5, 0, 10, 10, 2];
  if (ageDays < 120) return [6, 40, 30, 8, 8, 8, 2];
  return [2, 20, 28, 36, 7, 6, 2];
}

/** Days from submission to the last change, and the version that many changes give. */
const HANDLING: Readonly<Record<DemandStatus, { days: [number, number]; version: number }>> = {
  submitted: { days: [0, 0], version: 1 },
  accepted: { days: [1, 20], version: 2 },
  planned: { days: [20, 150], version: 3 },
  resolved: { days: [60, 420], version: 4 },
  merged: { days: [1, 10], version: 2 },
  rejected: { days: [2, 25], version: 2 },
  hidden: { days: [0, 5], version: 2 },
};

/**
 * Days from submission to the first answer of a demand that went on past it (accepted, then
 * planned or resolved): the acceptance. A demand with one change since (accepted, merged,
 * rejected, hidden) was first answered by that change.
 */
const FIRST_ANSWER_DAYS: readonly [number, number] = [1, 20];
const ANSWERED_LATER: ReadonlySet<DemandStatus> = new Set(['planned', 'resolved']);

const isPublished = (status: DemandStatus) => status === 'accepted' || status === 'planned' || status === 'resolved';

export interface DemandGenerationContext {
  placement: PlacementContext;
  layers: Readonly<Record<LayerId, DemoFeature[]>>;
}

export function buildDemoDemands(context: DemandGenerationContext, rng: Rng, count = DEMO_DEMAND_COUNT): DemoDemand[] {
  const types = DEFAULT_DEMAND_TYPES.filter((type) => TYPE_WEIGHTS[type.id] !== undefined && DEMAND_TEMPLATES[type.id]);
  const samplers = createDemandCellSamplers(context.placement.cells, context.layers, types.map((type) => type.id));
  const timeRng = rng.fork('times');
  const createdTimes = Array.from({ length: count }, () => drawCreatedTime(timeRng)).sort((a, b) => a - b);
  const receipts = createReceiptSpeller(rng.fork('receipts'));
  const draw = rng.fork('demands');
  // A stream of its own, so the answer times shift none of the other draws.
  const answers = rng.fork('answers');
  const demands: DemoDemand[] = [];
  for (const [index, createdMs] of createdTimes.entries()) {
    const type = types[draw.weightedIndex(types.map((candidate) => TYPE_WEIGHTS[candidate.id]))];
    let status = STATUSES[draw.weightedIndex(statusWeights((PERIOD_END_MS - createdMs) / DAY_MS))];
    // A duplicate joins an earlier published demand of its type and stands next to it.
    const target = status === 'merged' ? pickMergeTarget(demands, type.id, draw) : undefined;
    if (status === 'merged' && !target) status = 'accepted';
    const placed = target ? placeNear(target, context.placement, draw) : placeForType(samplers.get(type.id)!, context.placement, draw);
    const demand = composeDemand({ id: index + 1, type, status, target, placed, createdMs, receipt: receipts() }, context.placement, draw);
    demands.push({ ...demand, answeredAt: drawAnsweredAt(demand, answers) });
  }
  return demands;
}

/**
 * A demand is planned only while a project answers it (WORKFLOW.md, "Demand"): a planned one no
 * live demo project links stays where its first answer left it, accepted on that day, with an
 * acceptance's reply. The projects are drawn from the demands, so this settles after them.
 */
export function settleUnansweredDemands(demands: readonly DemoDemand[], projects: readonly DemoProject[], placement: PlacementContext, rng: Rng): DemoDemand[] {
  const answered = new Set(projects.filter((project) => project.phase !== 'cancelled').flatMap((project) => project.demandIds));
  return demands.map((demand) => {
    if (demand.status !== 'planned' || answered.has(demand.id)) return demand;
    const type = DEFAULT_DEMAND_TYPES.find((candidate) => candidate.id === demand.type)!;
    const acceptedAt = demand.answeredAt!;
    return {
      ...demand,
      status: 'accepted',
      version: HANDLING.accepted.version,
      updatedAt: acceptedAt,
      reply: composeReply('accepted', type, placement.names.town(demand.townCode), Date.parse(acceptedAt), rng),
    };
  });
}

/** When the demand first left `submitted`: never for a waiting one, never after its latest change. */
function drawAnsweredAt(demand: Omit<DemoDemand, 'answeredAt'>, rng: Rng): string | null {
  if (demand.status === 'submitted') return null;
  if (!ANSWERED_LATER.has(demand.status)) return demand.updatedAt;
  const createdMs = Date.parse(demand.createdAt);
  const answeredMs = createdMs + Math.round(rng.uniform(...FIRST_ANSWER_DAYS) * 86_400) * 1000;
  return new Date(Math.min(answeredMs, Date.parse(demand.updatedAt))).toISOString();
}

/** A day weighted towards the recent past (the list grows as word spreads), in office hours. */
function drawCreatedTime(rng: Rng): number {
  const day = Math.min(PERIOD_DAYS - 1, Math.floor(PERIOD_DAYS * rng.next() ** 0.75));
  const minute = rng.int(8 * 60, 21 * 60 - 1);
  return PERIOD_START_MS + day * DAY_MS + minute * 60_000 + rng.int(0, 59) * 1000;
}

function createReceiptSpeller(rng: Rng): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const receipt = spellReceipt(Uint8Array.from({ length: RECEIPT_LENGTH }, () => rng.int(0, 255)));
      if (!used.has(receipt)) {
        used.add(receipt);
        return receipt;
      }
    }
  };
}

function pickMergeTarget(earlier: readonly DemoDemand[], typeId: string, rng: Rng): DemoDemand | undefined {
  const candidates = earlier.filter((demand) => demand.type === typeId && isPublished(demand.status));
  return candidates.length ? rng.pick(candidates) : undefined;
}

function placeForType(sample: (rng: Rng) => PlacementContext['cells'][number], placement: PlacementContext, rng: Rng): PlacedPoint {
  for (;;) {
    const placed = samplePointInCell(sample(rng), placement, rng);
    if (placed) return placed;
  }
}

/** 10–80 m from the demand it duplicates, inside the district (else on the same spot). */
function placeNear(target: DemoDemand, placement: PlacementContext, rng: Rng): PlacedPoint {
  const [x, y] = placement.plane.toXY(target.point);
  for (let attempt = 0; attempt < 20; attempt++) {
    const distance = rng.uniform(10, 80);
    const angle = rng.uniform(0, 2 * Math.PI);
    const point = roundLonLat(placement.plane.toLonLat([x + distance * Math.cos(angle), y + distance * Math.sin(angle)]));
    const communityCode = placement.district.contains(point) ? placement.communities.locate(point) : undefined;
    if (communityCode) return { point, communityCode, townCode: placement.communities.byCode.get(communityCode)!.townCode };
  }
  return { point: target.point, communityCode: target.communityCode, townCode: target.townCode };
}

interface DemandDraft {
  id: number;
  type: DemandType;
  status: DemandStatus;
  target: DemoDemand | undefined;
  placed: PlacedPoint;
  createdMs: number;
  receipt: string;
}

function composeDemand(draft: DemandDraft, placement: PlacementContext, rng: Rng): Omit<DemoDemand, 'answeredAt'> {
  const { type, status, placed } = draft;
  const source = DEMAND_SOURCES[rng.weightedIndex(DEMAND_SOURCES.map((name) => SOURCE_WEIGHTS[name]))];
  const names = placement.names;
  const slots = {
    community: names.community(placed.communityCode),
    short: names.communityShort(placed.communityCode),
    estate: makeEstateName(rng, names.communityShort(placed.communityCode), names.isVillage(placed.communityCode)),
    building: `${rng.int(1, 24)}栋`,
    town: names.town(placed.townCode),
    deputy: pickDeputyName(rng),
  };
  const template = DEMAND_TEMPLATES[type.id];
  const frame = SOURCE_FRAMES[source];
  const text = fillTemplate(`${rng.pick(frame.openings)}${rng.pick(template.texts)}${rng.pick(frame.closings)}`, slots);
  const handling = HANDLING[status];
  const ageMs = PERIOD_END_MS - draft.createdMs;
  const updatedMs = draft.createdMs + Math.min(Math.round(rng.uniform(...handling.days) * 86_400) * 1000, Math.floor(ageMs * 0.95 / 1000) * 1000);
  return {
    id: draft.id,
    receipt: draft.receipt,
    optimization: type.optimization,
    type: type.id,
    title: fillTemplate(rng.pick(template.titles), slots),
    text,
    source,
    contact: rng.chance(CONTACT_SHARE[source]) ? makeDemoContact(rng) : null,
    status,
    reason: status === 'rejected' ? rng.pick(REJECTION_REASONS) : status === 'hidden' ? rng.pick(MODERATION_NOTES) : null,
    reply: composeReply(status, type, slots.town, updatedMs, rng),
    mergedInto: draft.target?.id ?? null,
    supportCount: drawSupportCount(status, rng),
    communityCode: placed.communityCode,
    townCode: placed.townCode,
    createdAt: new Date(draft.createdMs).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
    version: handling.version,
    point: placed.point as LonLat,
  };
}

function composeReply(status: DemandStatus, type: DemandType, town: string, updatedMs: number, rng: Rng): string | null {
  if (status !== 'accepted' && status !== 'planned' && status !== 'resolved' && status !== 'merged') return null;
  const local = new Date(updatedMs + BEIJING_OFFSET_MS);
  return fillTemplate(rng.pick(REPLIES[status]), {
    town,
    unit: pickResponsibleUnit(rng, type.optimization),
    year: String(local.getUTCFullYear()),
    date: `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`,
  });
}

/** "Me too"s: published demands gather them (a few gather many); others hardly any. */
function drawSupportCount(status: DemandStatus, rng: Rng): number {
  if (status === 'merged') return 0;
  if (!isPublished(status)) return rng.int(0, 2);
  return Math.min(300, Math.floor(Math.exp(rng.normal(1.3, 1.0))));
}
