import type { Context } from 'hono';
import { districtToday } from '../../core/projects/project-schedule.ts';
import type { RequestUser } from '../app-env.ts';
import { forbidden, notFound } from '../errors.ts';
import { quoteInput } from '../http/read-body.ts';

/** What the project routes read from a request besides the body's schema. */

/** A project id is a positive integer; anything else names no project. */
export function readProjectId(context: Context): number {
  const text = context.req.param('id') ?? '';
  if (!/^[1-9]\d{0,9}$/.test(text) || Number(text) > 2_147_483_647) throw unknownProject(text);
  return Number(text);
}

export const unknownProject = (id: string | number) => notFound('unknown_project', `there is no project ${quoteInput(String(id))}`);

/** Another town's or community's project: refused, and said so (not hidden as a 404). */
export function projectOutOfScope(user: RequestUser, project: { id: number; primary_town: string; primary_community: string }) {
  const area = user.role === 'town' ? `town ${user.town}` : `communities ${user.communities.join(', ') || '(none)'}`;
  return forbidden('out_of_scope', `project ${project.id} lies outside your area (${area})`, { project: project.id, town: project.primary_town, community: project.primary_community });
}

/** The district's calendar day now: what LATE is measured against. */
export function today(): string {
  return districtToday(new Date());
}
