import type { SessionResponse, SignInRequest } from '../../../core/accounts/account-contract.ts';
import { ApiRequestError, postJson, requestJson } from '../api/fetch-json.ts';

/** Typed calls to `/api/session`; the session itself is an HttpOnly cookie the browser keeps. */
const SESSION_PATH = '/api/session';

/** Who is signed in, or null when nobody is (a 401 is an answer here, not a failure). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionResponse | null> {
  try {
    return await requestJson<SessionResponse>(SESSION_PATH, { cache: 'no-store' }, signal);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export const postSession = (request: SignInRequest, signal?: AbortSignal) => postJson<SessionResponse>(SESSION_PATH, request, signal);

/** Sign out: the server answers 204 with no body, which is what we expect. */
export async function deleteSession(): Promise<void> {
  try {
    await requestJson<unknown>(SESSION_PATH, { method: 'DELETE' });
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'bad_body') return;
    throw error;
  }
}
