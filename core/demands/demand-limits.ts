/**
 * The demand contract's plain constants, kept apart from its zod schemas (demand-contract.ts
 * re-exports them) so the public portal's small chunk can read them without the validator.
 */
export const DEMAND_SOURCES = ['hotline', 'deputy', 'survey', 'public', 'planner'] as const;
export type DemandSource = (typeof DEMAND_SOURCES)[number];

export const DEMAND_LIMITS = {
  titleChars: 80,
  textChars: 2000,
  contactChars: 120,
  reasonChars: 500,
  replyChars: 1000,
  /** Published demands of the same type this close are offered as "me too" instead. */
  nearbyMetres: 50,
  /** Public submissions per address per hour. */
  publicPerHour: 10,
  maxBodyChars: 8_000,
} as const;
