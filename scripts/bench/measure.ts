/** Small helpers shared by the benchmarks: timing, percentiles, and printing ratios. */
export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index];
}

export const median = (values: number[]) => percentile(values, 0.5);

export async function timeIt<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await task();
  return { ms: performance.now() - started, result };
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** One line of a benchmark table: the figure, its ratio to the run's baseline, and the target. */
export function report(label: string, value: string, ratio?: number, target?: string): void {
  const ratioText = ratio === undefined || !Number.isFinite(ratio) ? '' : `  ×${ratio.toFixed(2)} baseline`;
  console.log(`  ${label.padEnd(52)} ${value.padStart(12)}${ratioText}${target ? `  (target ${target})` : ''}`);
}

export function heading(title: string): void {
  console.log(`\n== ${title}`);
}
