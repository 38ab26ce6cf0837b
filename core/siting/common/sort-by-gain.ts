/** Sites by gain, largest first; ties by index so that the order is reproducible. */
export function sortByGain(chosen: readonly number[], gains: readonly number[]): { chosen: number[]; marginalGain: number[] } {
  const order = chosen.map((site, k) => ({ site, gain: gains[k] })).sort((a, b) => b.gain - a.gain || a.site - b.site);
  return { chosen: order.map((entry) => entry.site), marginalGain: order.map((entry) => entry.gain) };
}
