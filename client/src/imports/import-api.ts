import type { FieldMapping, ImportCommitResult, ImportPreview } from '../../../core/exchange/import-contract.ts';
import { formatEntityTag } from '../../../core/editing/entity-tag.ts';
import { ApiRequestError, requestJson, requestTagged } from '../api/fetch-json.ts';

/**
 * The import calls as the dialog makes them. The upload goes through XMLHttpRequest, the one
 * browser API that reports how much of a request body has been sent (fetch does not), so a
 * large file shows its progress; the others are plain JSON requests.
 */

export interface UploadRequest {
  file: File;
  target: string;
  /** Overrides of what the server detects; undefined lets it decide. */
  crs?: string;
  encoding?: string;
}

export interface UploadProgress {
  sent: number;
  total: number;
  /** The whole body is sent: the server is reading the file. */
  sentAll: boolean;
}

/** An upload under way: its answer, and a way to stop it while the body is still being sent. */
export interface RunningUpload {
  preview: Promise<ImportPreview>;
  /** Stops sending; true when the server cannot have made a preview (the body was not all sent). */
  abort(): boolean;
}

const PATH = '/api/imports';

export function uploadImport(request: UploadRequest, onProgress: (progress: UploadProgress) => void): RunningUpload {
  const form = new FormData();
  form.set('file', request.file, request.file.name);
  form.set('target', request.target);
  if (request.crs) form.set('crs', request.crs);
  if (request.encoding) form.set('encoding', request.encoding);
  const xhr = new XMLHttpRequest();
  let sentAll = false;
  const preview = new Promise<ImportPreview>((resolve, reject) => {
    xhr.open('POST', PATH);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : request.file.size, sentAll });
    xhr.upload.onload = () => {
      sentAll = true;
      onProgress({ sent: request.file.size, total: request.file.size, sentAll });
    };
    xhr.onload = () => {
      const body = xhr.response as (ImportPreview & { error?: { code?: string; message?: string; details?: unknown } }) | null;
      if (xhr.status === 201 && body) return resolve(body);
      const error = body?.error;
      reject(new ApiRequestError(PATH, xhr.status, error?.code ?? (body ? 'http_error' : 'bad_body'), error?.message ?? `${xhr.status} ${xhr.statusText}`, error?.details));
    };
    xhr.onerror = () => reject(new ApiRequestError(PATH, 0, 'network', 'the upload did not reach the server'));
    xhr.onabort = () => reject(new DOMException('the upload was stopped', 'AbortError'));
    xhr.send(form);
  });
  return {
    preview,
    abort() {
      if (sentAll) return false;
      xhr.abort();
      return true;
    },
  };
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A changed mapping: the preview back with the invalid rows it makes. */
export const remapImport = (id: string, mapping: FieldMapping) =>
  requestJson<ImportPreview>(`${PATH}/${id}`, { method: 'PATCH', body: JSON.stringify({ mapping }), headers: JSON_HEADERS });

/** All or nothing; the invalid rows left out when `skipInvalid`. A layer's commit names the version previewed. */
export const commitImport = (preview: Pick<ImportPreview, 'id' | 'targetVersion'>, skipInvalid: boolean) =>
  requestJson<ImportCommitResult>(`${PATH}/${preview.id}/commit`, {
    method: 'POST',
    body: JSON.stringify({ skipInvalid }),
    headers: { ...JSON_HEADERS, ...(preview.targetVersion !== null ? { 'If-Match': formatEntityTag(preview.targetVersion) } : {}) },
  });

/** Drops a preview; one already gone (committed, expired) is as good as dropped. */
export async function dropImport(id: string): Promise<void> {
  try {
    await requestTagged<never>(`${PATH}/${id}`, { method: 'DELETE' });
  } catch (error) {
    if (!(error instanceof ApiRequestError && error.status === 404)) throw error;
  }
}
