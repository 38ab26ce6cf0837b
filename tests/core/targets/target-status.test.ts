import { describe, expect, it } from 'vitest';
import { targetProgress, yearElapsedShare } from '../../../core/targets/target-status.ts';

describe('the share of the year elapsed', () => {
  it('counts whole days, today included', () => {
    expect(yearElapsedShare(2026, '2026-01-01')).toBeCloseTo(1 / 365, 10);
    expect(yearElapsedShare(2026, '2026-07-02')).toBeCloseTo(183 / 365, 10);
    expect(yearElapsedShare(2026, '2026-12-31')).toBe(1);
    expect(yearElapsedShare(2024, '2024-12-31')).toBe(1);
    expect(yearElapsedShare(2024, '2024-02-29')).toBeCloseTo(60 / 366, 10);
  });

  it('is 0 before the year and 1 after it', () => {
    expect(yearElapsedShare(2027, '2026-11-29')).toBe(0);
    expect(yearElapsedShare(2025, '2026-11-29')).toBe(1);
  });
});

describe('whether a target is on track', () => {
  it('compares what is achieved with the target times the share of the year gone', () => {
    expect(targetProgress(100, 50, 0.5)).toEqual({ share: 0.5, status: 'on_track' });
    expect(targetProgress(100, 49, 0.5)).toEqual({ share: 0.49, status: 'behind' });
    expect(targetProgress(270, 540, 0.9)).toEqual({ share: 2, status: 'on_track' });
  });

  it('is on track in a year over only when the target was reached, and always in a year not begun', () => {
    expect(targetProgress(10, 9, 1).status).toBe('behind');
    expect(targetProgress(10, 10, 1).status).toBe('on_track');
    expect(targetProgress(10, 0, 0).status).toBe('on_track');
  });

  it('reads sums of decimals as they were meant (0.1 + 0.2 km reach a 0.3 km target)', () => {
    expect(targetProgress(0.3, 0.1 + 0.2, 1)).toEqual({ share: 1, status: 'on_track' });
  });

  it('has no status without a target, and a target of nothing is met', () => {
    expect(targetProgress(null, 12, 0.5)).toEqual({ share: null, status: null });
    expect(targetProgress(0, 0, 1)).toEqual({ share: 1, status: 'on_track' });
  });
});
