/** The open sites of a MIP solution: the first `siteCount` columns, rounded. */
export function readOpenSites(values: Float64Array, siteCount: number): number[] {
  const open: number[] = [];
  for (let i = 0; i < siteCount; i += 1) if (values[i] > 0.5) open.push(i);
  return open;
}
