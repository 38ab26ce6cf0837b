// The demand list and the project library drawn together: projects answer the demands drawn
// before them, and a demand is planned only while one of them answers it, so the planned ones
// no project took on settle back to accepted once the projects are known.
import { buildDemoDemands, settleUnansweredDemands, type DemandGenerationContext } from './demands.ts';
import { buildDemoProjects } from './projects.ts';
import type { Rng } from './random.ts';
import type { DemoDemand, DemoProject } from './types.ts';

export function buildDemoDemandsAndProjects(context: DemandGenerationContext, rng: Rng): { demands: DemoDemand[]; projects: DemoProject[] } {
  const drawn = buildDemoDemands(context, rng.fork('demands'));
  const projects = buildDemoProjects({ ...context, demands: drawn }, rng.fork('projects'));
  return { demands: settleUnansweredDemands(drawn, projects, context.placement, rng.fork('settled-demands')), projects };
}
