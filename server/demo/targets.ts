// The demo year's targets (一年一名录). The plan's own figures are redacted ("xx") in the source,
// so these are generated, and stored marked as demo: each indicator's figure is what the demo
// library completes in the year plus part of what it is building, stretched or shrunk a little,
// so some indicators read on track and some behind, as a real year does.
import { INDICATORS, type IndicatorDefinition } from '../../core/targets/indicators.ts';
import { REFERENCE_DATE } from './project-schedule-draw.ts';
import type { Rng } from './random.ts';
import type { DemoProject } from './types.ts';

export interface DemoTarget {
  year: number;
  indicator: string;
  town: string | null;
  target: number;
}

export interface DemoSizeRatio {
  year: number;
  large: number;
  medium: number;
  small: number;
}

/** The demo's targets are for the year of its "today". */
export const DEMO_TARGET_YEAR = Number(REFERENCE_DATE.slice(0, 4));

function sums(projects: readonly DemoProject[], indicator: string, year: number) {
  let done = 0;
  let building = 0;
  for (const project of projects) {
    const amount = project.deliverables.find((deliverable) => deliverable.indicator === indicator)?.amount ?? 0;
    if (project.phase === 'completed' && project.phaseSince.startsWith(`${year}-`)) done += amount;
    else if (project.phase === 'construction') building += amount;
  }
  return { done, building };
}

function figure(definition: IndicatorDefinition, done: number, building: number, rng: Rng): number {
  const raw = (done + 0.6 * building) * rng.uniform(0.8, 1.35);
  const step = 10 ** -definition.decimals;
  // Never 0: a target of nothing says nothing. A thing with none in the library still gets one or two.
  const least = definition.decimals ? 1 : rng.int(1, 2);
  return Math.max(least, Math.round(raw / step) * step);
}

export function buildDemoTargets(projects: readonly DemoProject[], towns: readonly string[], rng: Rng): { targets: DemoTarget[]; sizeRatios: DemoSizeRatio[] } {
  const year = DEMO_TARGET_YEAR;
  const targets: DemoTarget[] = [];
  for (const definition of INDICATORS) {
    const { done, building } = sums(projects, definition.id, year);
    targets.push({ year, indicator: definition.id, town: null, target: Number(figure(definition, done, building, rng).toFixed(definition.decimals)) });
    if (!definition.byTown) continue;
    for (const town of towns) {
      const mine = sums(projects.filter((project) => project.townCode === town), definition.id, year);
      // The plan gives every town at least one (a town elderly-service centre each; a security pilot each).
      const target = Math.max(1, Math.round((mine.done + 0.6 * mine.building) * rng.uniform(0.8, 1.4)));
      targets.push({ year, indicator: definition.id, town, target });
    }
  }
  // Mostly small projects, as the plan's lists are: about 1:3:6.
  return { targets, sizeRatios: [{ year, large: 1, medium: rng.int(2, 4), small: rng.int(5, 7) }] };
}
