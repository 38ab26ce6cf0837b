import type { AuditPage } from '../../../core/audit/audit-contract.ts';
import { formatEntityTag } from '../../../core/editing/entity-tag.ts';
import type {
  MilestoneInput, NewInspectionRequest, PhaseChangeRequest, ProjectInspection, ProjectList, ProjectPatchRequest, ProjectRecord, ProjectSchedulePage, PublicInspection, PublicProject,
} from '../../../core/projects/project-contract.ts';
import { ApiRequestError, postJson, requestJson, requestTagged } from '../api/fetch-json.ts';
import type { NewProjectBody } from './project-draft.ts';
import { projectQuery, type ProjectFilters } from './project-filters.ts';

/**
 * Typed calls to `/api/projects…` (type-only imports from the contract: its zod schemas stay on
 * the server). Writes to a project name the version they were made on (If-Match), so a project
 * someone else moved on meanwhile is refused with a 409 rather than overwritten.
 */
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const NO_STORE: RequestInit = { cache: 'no-store' };

export const listProjects = <T extends PublicProject = ProjectRecord>(filters: ProjectFilters, page: { limit: number; offset?: number }, signal?: AbortSignal) =>
  requestJson<ProjectList<T>>(`/api/projects?${projectQuery(filters, page)}`, NO_STORE, signal);

export async function fetchProject(id: number, signal?: AbortSignal): Promise<ProjectRecord> {
  const path = `/api/projects/${id}`;
  const answer = await requestTagged<ProjectRecord>(path, NO_STORE, signal);
  if (!answer.body) throw new ApiRequestError(path, answer.status, 'bad_body', 'the response held no project');
  return answer.body;
}

export const createProject = (request: NewProjectBody) => postJson<ProjectRecord>('/api/projects', request);

/** A write on the version the panel shows (If-Match), answered with the project as it now is. */
async function writeOnVersion(project: ProjectRecord, method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown): Promise<ProjectRecord> {
  const headers = { ...JSON_HEADERS, 'If-Match': formatEntityTag(project.version) };
  const answer = await requestTagged<ProjectRecord>(path, { method, headers, body: JSON.stringify(body) });
  if (!answer.body) throw new ApiRequestError(path, answer.status, 'bad_body', 'the response held no project');
  return answer.body;
}

export const moveProject = (project: ProjectRecord, change: PhaseChangeRequest) => writeOnVersion(project, 'POST', `/api/projects/${project.id}/phase`, change);

export const patchProject = (project: ProjectRecord, patch: ProjectPatchRequest) => writeOnVersion(project, 'PATCH', `/api/projects/${project.id}`, patch);

/** The whole list, in order: adding, changing and marking a milestone done are all this one write. */
export const replaceMilestones = (project: ProjectRecord, milestones: MilestoneInput[]) =>
  writeOnVersion(project, 'PUT', `/api/projects/${project.id}/milestones`, { milestones });

export const fetchInspections = (id: number, signal?: AbortSignal) =>
  requestJson<{ items: (ProjectInspection | PublicInspection)[] }>(`/api/projects/${id}/inspections`, NO_STORE, signal);

export const recordInspection = (id: number, request: NewInspectionRequest) => postJson<ProjectInspection>(`/api/projects/${id}/inspections`, request);

export const fetchProjectHistory = (id: number, signal?: AbortSignal) =>
  requestJson<AuditPage>(`/api/projects/${id}/history?limit=50`, NO_STORE, signal);

export const fetchSchedule = (filters: ProjectFilters, signal?: AbortSignal) =>
  requestJson<ProjectSchedulePage>(`/api/projects/schedule?${projectQuery(filters)}`, NO_STORE, signal);
