/**
 * Quarters (2026Q3) and periods (a year, 2026, or a quarter): the surveys are quarterly and
 * the towns' comparison looks at either.
 */
export const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;
export const PERIOD_PATTERN = /^(\d{4})(?:Q([1-4]))?$/;

export interface Period {
  /** As written: 2026 or 2026Q3. */
  label: string;
  year: number;
  /** First and last calendar days. */
  start: string;
  end: string;
  /** The quarters it holds, in order. */
  quarters: string[];
}

export function isQuarter(text: string): boolean {
  return QUARTER_PATTERN.test(text);
}

const pad = (value: number) => String(value).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export function previousQuarter(quarter: string): string {
  const [, year, number] = QUARTER_PATTERN.exec(quarter) ?? [];
  if (!year) throw new Error(`${quarter} is not a quarter`);
  return Number(number) === 1 ? `${Number(year) - 1}Q4` : `${year}Q${Number(number) - 1}`;
}

/** A year (2026) or a quarter (2026Q3); undefined for anything else. */
export function parsePeriod(text: string): Period | undefined {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const quarter = match[2] ? Number(match[2]) : undefined;
  const firstMonth = quarter ? quarter * 3 - 2 : 1;
  const lastMonth = quarter ? quarter * 3 : 12;
  return {
    label: text,
    year,
    start: `${match[1]}-${pad(firstMonth)}-01`,
    end: `${match[1]}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`,
    quarters: quarter ? [text] : [1, 2, 3, 4].map((number) => `${match[1]}Q${number}`),
  };
}
