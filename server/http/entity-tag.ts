import type { Context } from 'hono';
import { formatEntityTag, parseIfMatch } from '../../core/editing/entity-tag.ts';
import { ApiError, badRequest } from '../errors.ts';

/** The version a write was made on, from If-Match: missing is 428, unreadable is 400. */
export function requireIfMatch(context: Context): number {
  const version = parseIfMatch(context.req.header('If-Match'));
  if (version === undefined) {
    throw new ApiError(428, 'if_match_required', 'send the record’s ETag in If-Match, so a change made since you read it is not overwritten');
  }
  if (version === null) throw badRequest('invalid_if_match', 'If-Match must be one ETag this API sent, like "v3"');
  return version;
}

export function setEntityTag(context: Context, version: number): void {
  context.header('ETag', formatEntityTag(version));
}

/** A write made on an old copy: 409 with the record as it is now, so the editor can merge. */
export function staleVersion(current: unknown, currentVersion: number, sentVersion: number): ApiError {
  return new ApiError(409, 'version_conflict', `the record changed since it was read (now version ${currentVersion}, the edit was made on version ${sentVersion}); reload it and apply the edit again`, { current, version: currentVersion });
}
