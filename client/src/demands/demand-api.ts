import type { DemandDetail, DemandList, DemandPatchRequest, DemandReceipt, DemandStatusPage, NewDemandRequest, PublicDemand, StaffDemand } from '../../../core/demands/demand-contract.ts';
import type { DemandCountRow, DemandCounts } from '../../../core/demands/demand-count-contract.ts';
import { SUPPORTER_HEADER, type DemandSupportResult } from '../../../core/demands/demand-support.ts';
import type { DemandTypeList, DemandTypeRecord } from '../../../core/demands/demand-type-contract.ts';
import type { DemandOptimization } from '../../../core/demands/demand-types.ts';
import { formatEntityTag } from '../../../core/editing/entity-tag.ts';
import { ApiRequestError, postJson, requestJson, requestTagged } from '../api/fetch-json.ts';
import { demandQuery, type DemandFilters } from './demand-filters.ts';

/**
 * Typed calls to `/api/demands…` (type-only imports from the contract: its zod schemas stay on
 * the server). Staff writes name the version they were made on (If-Match), so a demand someone
 * else triaged meanwhile is refused with a 409 rather than overwritten.
 */

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const NO_STORE: RequestInit = { cache: 'no-store' };

export const listDemands = <T extends PublicDemand = StaffDemand>(filters: DemandFilters, page: { limit: number; offset?: number; bbox?: readonly number[] }, signal?: AbortSignal) =>
  requestJson<DemandList<T>>(`/api/demands?${demandQuery(filters, page)}`, NO_STORE, signal);

export async function fetchDemand(id: number, signal?: AbortSignal): Promise<DemandDetail<StaffDemand>> {
  const path = `/api/demands/${id}`;
  const answer = await requestTagged<DemandDetail<StaffDemand>>(path, NO_STORE, signal);
  if (!answer.body) throw new ApiRequestError(path, answer.status, 'bad_body', 'the response held no demand');
  return answer.body;
}

export async function patchDemand(demand: StaffDemand, patch: DemandPatchRequest): Promise<StaffDemand> {
  const path = `/api/demands/${demand.id}`;
  const headers = { ...JSON_HEADERS, 'If-Match': formatEntityTag(demand.version) };
  const answer = await requestTagged<StaffDemand>(path, { method: 'PATCH', headers, body: JSON.stringify(patch) });
  if (!answer.body) throw new ApiRequestError(path, answer.status, 'bad_body', 'the response held no demand');
  return answer.body;
}

export const submitDemand = (request: NewDemandRequest) => postJson<DemandReceipt>('/api/demands', request);

export const fetchReceipt = (code: string, signal?: AbortSignal) =>
  requestJson<DemandStatusPage>(`/api/demands/receipt/${encodeURIComponent(code)}`, NO_STORE, signal);

/** Every sub-type, retired ones too (old demands keep theirs); a form offers the active ones. */
export const fetchDemandTypes = async (signal?: AbortSignal): Promise<DemandTypeRecord[]> =>
  (await requestJson<DemandTypeList>('/api/demand-types', {}, signal)).items;

/** Demands per community, with residents: the choropleth's numbers. */
export const fetchDemandCounts = (optimization: DemandOptimization | undefined, signal?: AbortSignal) =>
  requestJson<DemandCounts>(`/api/demand-counts?by=community${optimization ? `&optimization=${optimization}` : ''}`, NO_STORE, signal);

/** One community's demands by status and by optimization, as far as this viewer may see them (the community panel). */
export async function fetchCommunityDemandCounts(code: string, signal?: AbortSignal): Promise<DemandCountRow | undefined> {
  const counts = await requestJson<DemandCounts>(`/api/demand-counts?by=community&community=${encodeURIComponent(code)}`, NO_STORE, signal);
  return counts.items[0];
}

/** A 409's `details.allowed`: the statuses the demand may move to now. */
export function allowedOfConflict(error: unknown): string[] | undefined {
  if (!(error instanceof ApiRequestError) || error.status !== 409) return undefined;
  return (error.details as { allowed?: string[] } | undefined)?.allowed;
}

/**
 * "Me too", with this browser's token (core/demands/demand-support.ts). A second press from the
 * same person is a 409 `already_supported` carrying the same count: for the reader, done.
 */
export async function supportDemand(id: number, token: string): Promise<DemandSupportResult> {
  try {
    return await requestJson<DemandSupportResult>(`/api/demands/${id}/support`, { method: 'POST', headers: { [SUPPORTER_HEADER]: token } });
  } catch (error) {
    const details = error instanceof ApiRequestError && error.code === 'already_supported' ? (error.details as DemandSupportResult | undefined) : undefined;
    if (details) return details;
    throw error;
  }
}
