import { z } from 'zod';
import type { BilingualText } from '../i18n-text.ts';
import { DEMAND_TYPE_ID_PATTERN, type DemandOptimization } from './demand-types.ts';

/** The sub-type table's API (`/api/demand-types`): read by everyone, edited by the commission. */

/** One row of the editable `demand_types` table. */
export interface DemandTypeRecord {
  id: string;
  optimization: DemandOptimization;
  title: BilingualText;
  /** Order within the lists (the defaults count in tens, so a new type fits between two). */
  sort: number;
  /** A retired type keeps its demands but is offered for no new one. */
  active: boolean;
  version: number;
}

export interface DemandTypeList {
  items: DemandTypeRecord[];
}

const optimization = z.number().int().min(1).max(7) as unknown as z.ZodType<DemandOptimization>;
const titleZh = z.string().trim().min(1).max(40);
const titleEn = z.string().trim().min(1).max(80);
const sort = z.number().int().min(0).max(1_000_000);

export const demandTypeCreateSchema = z.strictObject({
  id: z.string().regex(DEMAND_TYPE_ID_PATTERN, 'a demand type id is snake_case, 2–40 characters, such as "bus_shelter"'),
  optimization,
  title: z.strictObject({ zh: titleZh, en: titleEn }),
  sort: sort.optional(),
});
export type DemandTypeCreateRequest = z.infer<typeof demandTypeCreateSchema>;

export const demandTypePatchSchema = z
  .strictObject({
    optimization: optimization.optional(),
    title: z.strictObject({ zh: titleZh.optional(), en: titleEn.optional() }).optional(),
    sort: sort.optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'a change names at least one of optimization, title, sort, active');
export type DemandTypePatchRequest = z.infer<typeof demandTypePatchSchema>;
