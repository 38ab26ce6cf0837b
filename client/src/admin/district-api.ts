import type { DistrictSummary } from '../../../core/district/district-contract.ts';
import { requestTagged } from '../api/fetch-json.ts';

/** The district's files as the form holds them; population and roads are optional. */
export interface DistrictUpload {
  boundary: File;
  divisions: File;
  population?: File;
  roads?: File;
}

function formOf(files: DistrictUpload): FormData {
  const form = new FormData();
  form.append('boundary', files.boundary);
  form.append('divisions', files.divisions);
  if (files.population) form.append('population', files.population);
  if (files.roads) form.append('roads', files.roads);
  return form;
}

/** What the files would load and replace, nothing written; its ETag is the If-Match of the apply. */
export async function checkDistrict(files: DistrictUpload): Promise<{ summary: DistrictSummary; etag: string }> {
  const answer = await requestTagged<DistrictSummary>('/api/district/check', { method: 'POST', body: formOf(files) });
  return { summary: answer.body!, etag: answer.etag ?? '' };
}

/** Load the district in place of the one served, if that is still the one the check was made on. */
export async function applyDistrict(files: DistrictUpload, etag: string): Promise<DistrictSummary> {
  const answer = await requestTagged<DistrictSummary>('/api/district', { method: 'POST', body: formOf(files), headers: { 'If-Match': etag } });
  return answer.body!;
}
