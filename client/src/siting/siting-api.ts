import type { SitingJob, SitingRequest, SitingResponse, SitingResult } from '../../../core/siting/index.ts';
import { ApiRequestError, postJson, requestJson } from '../api/fetch-json.ts';

/**
 * `/api/analysis/siting`: a run answers at once with its result (done within a second) or with
 * a job to follow. Types only from the contract: its zod schemas stay out of the client.
 */
export const SITING_PATH = '/api/analysis/siting';

/** `GET …/jobs/:id` and `DELETE …/jobs/:id`: the job, and its result once done. */
export interface SitingJobResponse {
  job: SitingJob;
  result?: SitingResult;
}

const jobPath = (job: SitingJob) => job.links?.self ?? `${SITING_PATH}/jobs/${encodeURIComponent(job.id)}`;

export const startSiting = (request: SitingRequest, signal?: AbortSignal) => postJson<SitingResponse>(SITING_PATH, request, signal);

export const fetchSitingJob = (job: SitingJob, signal?: AbortSignal) => requestJson<SitingJobResponse>(jobPath(job), {}, signal);

/** A cancel may be answered with the job or with no body at all (204): both mean accepted. */
export async function cancelSitingJob(job: SitingJob, signal?: AbortSignal): Promise<Partial<SitingJobResponse>> {
  try {
    return await requestJson<Partial<SitingJobResponse>>(jobPath(job), { method: 'DELETE' }, signal);
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'bad_body') return {};
    throw error;
  }
}

/** A 200 carries the result's fields beside the job; a 202 only the job. */
export function resultOf(response: SitingResponse | SitingJobResponse): SitingResult | undefined {
  if ('result' in response && response.result) return response.result;
  if ('model' in response) {
    const { job: _job, ...result } = response;
    return result;
  }
  return undefined;
}
