import type { AuditPage } from '../../../core/audit/audit-contract.ts';
import { formatEntityTag } from '../../../core/editing/entity-tag.ts';
import { featurePath, type FeatureCreateRequest, type FeaturePatchRequest, type FeatureRecord } from '../../../core/layers/feature-contract.ts';
import { ApiRequestError, requestJson, requestTagged } from '../api/fetch-json.ts';

/**
 * Typed calls to `/api/layers/{layer}/features…`. Every write names the version it was made on
 * (If-Match), so a feature someone else changed meanwhile is refused with a 409, not overwritten.
 */

const JSON_HEADERS = { 'Content-Type': 'application/json' };

function record(path: string, answer: { body: FeatureRecord | undefined }): FeatureRecord {
  if (!answer.body) throw new ApiRequestError(path, 200, 'bad_body', 'the response held no feature');
  return answer.body;
}

export async function fetchFeature(layerId: string, id: number, signal?: AbortSignal): Promise<FeatureRecord> {
  const path = featurePath(layerId, id);
  return record(path, await requestTagged<FeatureRecord>(path, { cache: 'no-store' }, signal));
}

export async function createFeature(layerId: string, feature: FeatureCreateRequest): Promise<FeatureRecord> {
  const path = `/api/layers/${layerId}/features`;
  return record(path, await requestTagged<FeatureRecord>(path, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(feature) }));
}

export async function patchFeature(feature: FeatureRecord, patch: FeaturePatchRequest): Promise<FeatureRecord> {
  const path = featurePath(feature.layer, feature.id);
  const headers = { ...JSON_HEADERS, 'If-Match': formatEntityTag(feature.version) };
  return record(path, await requestTagged<FeatureRecord>(path, { method: 'PATCH', headers, body: JSON.stringify(patch) }));
}

export async function deleteFeature(feature: FeatureRecord): Promise<void> {
  await requestTagged<never>(featurePath(feature.layer, feature.id), { method: 'DELETE', headers: { 'If-Match': formatEntityTag(feature.version) } });
}

/** The feature's trail, newest first (staff only). */
export const fetchFeatureHistory = (layerId: string, id: number, limit: number, signal?: AbortSignal) =>
  requestJson<AuditPage>(`${featurePath(layerId, id)}/history?limit=${limit}`, { cache: 'no-store' }, signal);

/** A 409's `details.current`: the feature as it is now, for the editor to start again from. */
export function currentOfConflict(error: unknown): FeatureRecord | undefined {
  if (!(error instanceof ApiRequestError) || error.status !== 409) return undefined;
  return (error.details as { current?: FeatureRecord } | undefined)?.current;
}
