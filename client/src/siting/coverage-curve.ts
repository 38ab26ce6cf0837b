import type { SitingResult } from '../../../core/siting/index.ts';

export type CurvePoint = NonNullable<SitingResult['curve']>[number];

export interface CurveBox {
  width: number;
  height: number;
  /** Room for the axis labels: left, bottom; top and right keep the end points inside. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export interface CurveLayout {
  points: Array<CurvePoint & { x: number; y: number; yUpper: number }>;
  /** Where the line starts when the coverage before any new site is known (p = 0). */
  start?: { x: number; y: number };
  line: string;
  /** The proven upper bound, only where it is above the coverage found. */
  upperLine?: string;
  band?: string;
  xTicks: Array<{ p: number; x: number }>;
  yTicks: Array<{ value: number; y: number }>;
}

/** 1, 2 or 5 times a power of ten: tick steps a reader can add up. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? 10 * power;
}

const path = (points: ReadonlyArray<{ x: number; y: number }>) => points.map((point, index) => `${index ? 'L' : 'M'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join('');

/**
 * Coverage against the number of new sites, laid out for a small SVG. The y axis starts near the
 * lowest value rather than zero: the curve's point is how much each extra site adds, which
 * disappears against a zero baseline when existing facilities already cover most people.
 */
export function layoutCurve(curve: readonly CurvePoint[], box: CurveBox, baseline?: number): CurveLayout | undefined {
  if (!curve.length) return undefined;
  const lastP = curve[curve.length - 1].p;
  const firstP = baseline === undefined ? Math.min(curve[0].p, 1) : 0;
  const values = [...curve.flatMap((point) => [point.coveredWeight, point.upperBound]), ...(baseline === undefined ? [] : [baseline])];
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high === low) [low, high] = [low - 1, high + 1];
  const step = niceStep(high - low, 3);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;

  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const x = (p: number) => box.left + (lastP === firstP ? plotWidth / 2 : ((p - firstP) / (lastP - firstP)) * plotWidth);
  const y = (value: number) => box.top + plotHeight - ((value - low) / (high - low)) * plotHeight;

  const points = curve.map((point) => ({ ...point, x: x(point.p), y: y(point.coveredWeight), yUpper: y(point.upperBound) }));
  const start = baseline === undefined ? undefined : { x: x(0), y: y(baseline) };
  const linePoints = start ? [start, ...points] : points;
  const loose = points.some((point) => point.upperBound > point.coveredWeight);
  const upperPoints = points.map((point) => ({ x: point.x, y: point.yUpper }));
  const pStep = Math.max(1, Math.ceil((lastP - firstP) / 6));
  const xTicks: CurveLayout['xTicks'] = [];
  for (let p = firstP; p <= lastP; p += pStep) xTicks.push({ p, x: x(p) });
  const yTicks: CurveLayout['yTicks'] = [];
  for (let value = low; value <= high + step / 2; value += step) yTicks.push({ value, y: y(value) });

  return {
    points,
    start,
    line: path(linePoints),
    upperLine: loose ? path(upperPoints) : undefined,
    band: loose ? `${path(upperPoints)}${path([...points].reverse()).replace(/^M/, 'L')}Z` : undefined,
    xTicks,
    yTicks,
  };
}
