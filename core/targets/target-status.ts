/**
 * Whether a yearly target is on track: what is achieved against the share of the year that has
 * passed. On 1 July, half the year has passed, so a target of 100 seats is on track from 50 seats
 * achieved; a year that is over is on track only if its target was reached, and a year not begun
 * is on track whatever it holds.
 */
export type TargetStatus = 'on_track' | 'behind';

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The share of `year` elapsed at the end of `today` (a calendar day, YYYY-MM-DD), 0 to 1. */
export function yearElapsedShare(year: number, today: string): number {
  const start = dayNumber(`${String(year).padStart(4, '0')}-01-01`);
  const end = dayNumber(`${String(year + 1).padStart(4, '0')}-01-01`);
  const elapsed = dayNumber(today) + 1 - start;
  return Math.min(1, Math.max(0, elapsed / (end - start)));
}

export interface TargetProgress {
  /** achieved ÷ target (may pass 1); null without a target. */
  share: number | null;
  status: TargetStatus | null;
}

/** A target of 0 is met by anything; no target (null) has no status. */
export function targetProgress(target: number | null, achieved: number, elapsedShare: number): TargetProgress {
  if (target === null) return { share: null, status: null };
  if (target <= 0) return { share: 1, status: 'on_track' };
  const share = achieved / target;
  // A little slack for sums of decimals (km): 0.1 + 0.2 must reach 0.3.
  return { share: Math.round(share * 10_000) / 10_000, status: achieved + 1e-9 >= target * elapsedShare ? 'on_track' : 'behind' };
}
