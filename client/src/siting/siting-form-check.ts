import type { SitingMessageKey } from './siting-messages.ts';

/** What a number field of the siting form holds: a value to use, or why there is none. */
export type FieldCheck = { value: number } | { problem: SitingMessageKey; params?: Record<string, number> };

/** The contract's cap on p (SITING_LIMITS.maxP; the contract module itself carries zod). */
export const MAX_P = 200;
/** The contract's bounds on the time limit, in seconds. */
export const TIME_LIMIT_RANGE = { min: 0.1, max: 120 } as const;

/**
 * p as typed: a whole number from 1 to the candidates there are (when known) and the
 * contract's cap. Nothing is silently replaced: an empty box, 0, −2 or 2.5 is refused, and the
 * run waits until it is corrected.
 */
export function checkP(text: string, candidates?: number): FieldCheck {
  const trimmed = text.trim();
  if (!trimmed) return { problem: 'pRequired' };
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(value) || value < 1) return { problem: 'pWhole' };
  if (candidates !== undefined && value > candidates) return { problem: 'pTooMany', params: { max: candidates } };
  if (value > MAX_P) return { problem: 'pOverLimit', params: { max: MAX_P } };
  return { value };
}

/** The time limit: empty is the server's default; otherwise seconds within the contract's range. */
export function checkTimeLimit(text: string): FieldCheck | { value: undefined } {
  const trimmed = text.trim();
  if (!trimmed) return { value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < TIME_LIMIT_RANGE.min || value > TIME_LIMIT_RANGE.max) return { problem: 'timeLimitInvalid', params: { ...TIME_LIMIT_RANGE } };
  return { value };
}
