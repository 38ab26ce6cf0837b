import { z } from 'zod';
import { DEMAND_SOURCES } from '../../core/demands/demand-contract.ts';
import { DEMAND_STATUSES } from '../../core/demands/demand-states.ts';
import { DEMAND_TYPE_ID_PATTERN, type DemandOptimization } from '../../core/demands/demand-types.ts';

/** The query strings of the demand list and the counts, each parameter checked (server/http/read-query.ts). */

/** A comma-separated list of one kind of value: `status=accepted,planned`. */
export const listOf = <Item extends z.ZodType>(item: Item) =>
  z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    // Each part is checked by the item's schema; the cast only tells TypeScript the parts are strings.
    .pipe(z.array(item).min(1).max(30) as unknown as z.ZodType<z.output<Item>[], string[]>);

const optimization = z.coerce.number().int().min(1).max(7).transform((value) => value as DemandOptimization);
const typeId = z.string().regex(DEMAND_TYPE_ID_PATTERN, 'a demand type is a snake_case id such as "bus_shelter"');
/** Division codes are digits (12 for a community, 9 for a town); a wrong one matches nothing. */
export const divisionCode = z.string().regex(/^\d{1,20}$/, 'a division code is digits, such as 500108001');

export const bbox = z
  .string()
  .transform((value) => value.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part))))
  .pipe(
    z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)], {
        error: 'bbox is minLon,minLat,maxLon,maxLat in degrees',
      })
      .refine(([minx, miny, maxx, maxy]) => minx <= maxx && miny <= maxy, 'bbox runs from its south-west corner to its north-east corner'),
  );

export const DEMAND_SORTS = ['newest', 'oldest', 'support', 'updated'] as const;
export type DemandSort = (typeof DEMAND_SORTS)[number];

export const demandListQuerySchema = z.strictObject({
  status: listOf(z.enum(DEMAND_STATUSES)).optional(),
  optimization: listOf(optimization).optional(),
  type: listOf(typeId).optional(),
  source: listOf(z.enum(DEMAND_SOURCES)).optional(),
  town: divisionCode.optional(),
  community: divisionCode.optional(),
  bbox: bbox.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  sort: z.enum(DEMAND_SORTS).default('newest'),
});
export type DemandListQuery = z.infer<typeof demandListQuerySchema>;

export const demandCountQuerySchema = z
  .strictObject({
    by: z.enum(['community', 'town']).default('community'),
    optimization: optimization.optional(),
    type: typeId.optional(),
    /** One community only, with its demands by status and by optimization (the community panel). */
    community: divisionCode.optional(),
  })
  .refine((query) => query.community === undefined || query.by === 'community', { message: 'community= counts one community: use it with by=community', path: ['community'] });
export type DemandCountQuery = z.infer<typeof demandCountQuerySchema>;
