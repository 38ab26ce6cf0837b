/**
 * The project contract's plain constants, apart from its zod schemas (project-contract.ts
 * re-exports them), so the layer registry and the public map can read them without the validator.
 */
export const SIZE_CLASSES = ['large', 'medium', 'small'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** 民营资本 private, 国有资本 state-owned (区属国企), 财政资金 fiscal. */
export const FUNDING_SOURCES = ['private', 'state_owned', 'fiscal'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
