import { z } from 'zod';
import { DEMAND_STATUSES, type DemandStatus } from './demand-states.ts';
import { DEMAND_LIMITS, DEMAND_SOURCES, type DemandSource } from './demand-limits.ts';
import { DEMAND_TYPE_ID_PATTERN, type DemandOptimization } from './demand-types.ts';
import type { ProjectPhase } from '../projects/project-phases.ts';

/** The demand API's contract: validation on the server, types for the client. */

export { DEMAND_LIMITS, DEMAND_SOURCES, type DemandSource };

const optimization = z.number().int().min(1).max(7) as unknown as z.ZodType<DemandOptimization>;
const typeId = z.string().regex(DEMAND_TYPE_ID_PATTERN, 'a demand type is a snake_case id such as "bus_shelter"');

export const newDemandSchema = z.strictObject({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  optimization,
  type: typeId,
  text: z.string().trim().min(1).max(DEMAND_LIMITS.textChars),
  title: z.string().trim().min(1).max(DEMAND_LIMITS.titleChars).optional(),
  contact: z.string().trim().min(1).max(DEMAND_LIMITS.contactChars).optional(),
  /** Staff only: where the demand came from (a public submission is always `public`). */
  source: z.enum(DEMAND_SOURCES).optional(),
});
export type NewDemandRequest = z.infer<typeof newDemandSchema>;

export const demandPatchSchema = z.strictObject({
  status: z.enum(DEMAND_STATUSES).optional(),
  /** Required with status `rejected`. */
  reason: z.string().trim().min(1).max(DEMAND_LIMITS.reasonChars).optional(),
  /** Required with status `merged`: the demand this one joins. */
  mergedInto: z.number().int().positive().optional(),
  optimization: optimization.optional(),
  type: typeId.optional(),
  title: z.string().trim().min(1).max(DEMAND_LIMITS.titleChars).optional(),
  /** The district's answer to the resident, shown on the receipt page. */
  reply: z.string().trim().min(1).max(DEMAND_LIMITS.replyChars).nullable().optional(),
});
export type DemandPatchRequest = z.infer<typeof demandPatchSchema>;

/** A demand as the public sees it: no contact, no internal notes. */
export interface PublicDemand {
  id: number;
  optimization: DemandOptimization;
  type: string;
  title: string;
  text: string;
  status: DemandStatus;
  supportCount: number;
  community: string | null;
  town: string | null;
  reply: string | null;
  createdAt: string;
  updatedAt: string;
  lon: number;
  lat: number;
}

/** A demand as staff see it. */
export interface StaffDemand extends PublicDemand {
  receipt: string;
  source: DemandSource;
  contact: string | null;
  reason: string | null;
  mergedInto: number | null;
  demo: boolean;
  version: number;
}

/**
 * A project of the library that answers a demand (linked from the project's side), as far as the
 * reader may see it: staff every linked project, the public the published ones.
 */
export interface DemandProjectLink {
  id: number;
  code: string;
  name: string;
  phase: ProjectPhase;
  progress: number;
}

/** `GET /api/demands/{id}`: the demand with the projects that answer it (lists leave them out). */
export type DemandDetail<T extends PublicDemand = PublicDemand> = T & { projects: DemandProjectLink[] };

/**
 * The list counts its matches exactly up to this many (or to the end of the page asked for, when
 * that is further); past it, `total` says only that there are more.
 */
export const DEMAND_LIST_COUNT_CAP = 1000;

/**
 * `GET /api/demands`. `totalExact` true: `total` demands match. False: more than `total` match
 * (`total` is then the count's limit: DEMAND_LIST_COUNT_CAP, or offset + limit when larger);
 * ask with filters, or page on, to see them.
 */
export interface DemandList<T extends PublicDemand = PublicDemand> {
  total: number;
  totalExact: boolean;
  items: T[];
}

/** `POST /api/demands` → 201. */
export interface DemandReceipt {
  id: number;
  receipt: string;
  community: string | null;
  town: string | null;
  status: 'submitted';
  /** Published demands of the same type within DEMAND_LIMITS.nearbyMetres: offer "me too". */
  nearby: PublicDemand[];
}

/** `GET /api/demands/receipt/{code}`: the resident's status page. */
export interface DemandStatusPage {
  receipt: string;
  status: DemandStatus;
  optimization: DemandOptimization;
  type: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  reply: string | null;
  reason: string | null;
  /** A merged demand's receipt points to the one it joined. */
  mergedInto: { receipt: string; status: DemandStatus } | null;
  supportCount: number;
  /** The published projects that answer it (a planned demand's project, say), by project id. */
  projects: DemandProjectLink[];
}
