import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one error type the API raises. Rendered by the one handler in `app.ts` as
 * `{ "error": { "code", "message", "details" } }`, with any headers the status calls for.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);
/** No session, or one that has ended: sign in. */
export const unauthorized = (code: string, message: string, details?: unknown) => new ApiError(401, code, message, details);
/** Signed in, but this role or scope may not do this. */
export const forbidden = (code: string, message: string, details?: unknown) => new ApiError(403, code, message, details);
export const notFound = (code: string, message: string, details?: unknown) => new ApiError(404, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new ApiError(409, code, message, details);
export const unavailable = (code: string, message: string, details?: unknown) => new ApiError(503, code, message, details);
export const tooManyRequests = (code: string, message: string, retryAfterSeconds: number) =>
  new ApiError(429, code, message, { retryAfterSeconds }, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
