import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one error type the API raises. Rendered by the one handler in `app.ts` as
 * `{ "error": { "code", "message", "details" } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new ApiError(400, code, message, details);
export const notFound = (code: string, message: string, details?: unknown) => new ApiError(404, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new ApiError(409, code, message, details);
export const unavailable = (code: string, message: string, details?: unknown) => new ApiError(503, code, message, details);
