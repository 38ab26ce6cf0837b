/**
 * The dashboard's charts are drawn by three small components of our own (bars, stacked shares,
 * a trend line) rather than a chart library: the figures are a few dozen bars and one line of
 * eight points, which HTML and SVG draw with plain CSS in a few hundred bytes, keep readable
 * on a phone and in both languages, and print; a library would add tens of kilobytes to the
 * dashboard's chunk for axes we do not need. Every chart has its figures as a table beside it.
 */

/** The colours of the bars: done, under way, and both for what is behind the year's pace. */
export const TONES = {
  done: '#2ca02c',
  building: '#a1d99b',
  behindDone: '#e6550d',
  behindBuilding: '#fdbe85',
  count: '#c51b7d',
} as const;
export type Tone = keyof typeof TONES;

/** One bar: its parts as shares of the bar's full length (0–1; what overflows is cut). */
export interface BarRow {
  key: string;
  label: string;
  parts: { share: number; tone: Tone }[];
  /** The figures printed beside the bar. */
  text: string;
  /** A reference mark on the bar (0–1), e.g. the share of the year gone. */
  marker?: number;
  /** No track drawn (a figure without a target): the figures alone. */
  bare?: boolean;
  selected?: boolean;
  /** Present: the bar opens what is behind it. */
  onselect?: () => void;
}

/** One stacked bar of shares that add up to 1 (a ratio, a mix). */
export interface ShareRow {
  key: string;
  label: string;
  /** `ink`: the percentage's colour on a light segment (white by default). */
  segments: { key: string; label: string; share: number | null; color: string; ink?: string }[];
  onselect?: () => void;
}

/** One line of the trend, a value (or a gap) per point of the axis. */
export interface TrendSeries {
  key: string;
  label: string;
  color: string;
  values: (number | null)[];
}

/** A chart's figures as a table: the row's heading, then its cells. */
export interface TableRow {
  key: string;
  cells: string[];
}
