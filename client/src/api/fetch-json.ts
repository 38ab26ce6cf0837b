/** A failed API call, carrying the standard `{ error: { code, message } }` when the server sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details`, e.g. `retryAfterSeconds` of a 429 or the current record of a 409. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/**
 * GET a JSON resource; any failure (network, status, body) becomes one ApiRequestError.
 * No custom headers: the startup requests must match the <link rel=preload> in index.html.
 */
export function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, {}, signal);
}

/** POST a JSON body, JSON back. */
export const postJson = <T>(path: string, body: object, signal?: AbortSignal) =>
  requestJson<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }, signal);

/** Any request with a JSON answer; failures become an ApiRequestError carrying the server's error code. */
export async function requestJson<T>(path: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  const { body, response } = await send(path, init, signal);
  if (body === undefined) throw new ApiRequestError(path, response.status, 'bad_body', 'the response was not JSON');
  return body as T;
}

/** An answer with its entity tag (`ETag`), for records written back with `If-Match`; a 204 has no body. */
export interface TaggedAnswer<T> {
  body: T | undefined;
  etag: string | undefined;
  status: number;
}

export async function requestTagged<T>(path: string, init: RequestInit, signal?: AbortSignal): Promise<TaggedAnswer<T>> {
  const { body, response } = await send(path, init, signal);
  if (body === undefined && response.status !== 204) throw new ApiRequestError(path, response.status, 'bad_body', 'the response was not JSON');
  return { body: body as T | undefined, etag: response.headers.get('ETag') ?? undefined, status: response.status };
}

async function send(path: string, init: RequestInit, signal?: AbortSignal): Promise<{ body: unknown; response: Response }> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(path, 0, 'network', error instanceof Error ? error.message : String(error));
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const detail = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiRequestError(path, response.status, detail?.code ?? 'http_error', detail?.message ?? `${response.status} ${response.statusText}`, detail?.details);
  }
  return { body, response };
}
