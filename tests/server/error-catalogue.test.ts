import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../client/src/api/fetch-json.ts';
import { ERROR_MESSAGES, describeError } from '../../client/src/i18n/error-messages.ts';
import { collectServerErrorCodes } from '../support/server-error-codes.ts';

describe('the client’s words for the server’s errors', () => {
  const { codes, unresolved } = collectServerErrorCodes();

  it('follows every code the server builds', () => {
    expect(unresolved).toEqual([]);
    // The reader finds the plain helpers, the template codes and the bodies written directly.
    for (const code of ['unknown_community', 'invalid_mode', 'duplicate_demand', 'version_conflict', 'internal', 'job_lost']) expect(codes).toContain(code);
  });

  it('has a Chinese and an English message for each', () => {
    const missing = [...codes].filter((code) => !ERROR_MESSAGES[code]?.zh?.trim() || !ERROR_MESSAGES[code]?.en?.trim());
    expect(missing).toEqual([]);
  });

  it('shows the reader’s words, the server’s English as details only', () => {
    const error = new ApiRequestError('/api/communities/x', 404, 'unknown_community', 'no community with code x');
    expect(describeError('zh', error)).toEqual({ text: '没有这个社区。', details: 'no community with code x' });
    expect(describeError('en', error)).toEqual({ text: 'There is no such community.', details: 'no community with code x' });
    expect(describeError('zh', new ApiRequestError('/x', 0, 'network', 'Failed to fetch'))).toEqual({ text: ERROR_MESSAGES.network.zh, details: undefined });
    expect(describeError('en', new ApiRequestError('/x', 418, 'brewing', 'a teapot')).text).toBe(ERROR_MESSAGES.http_error.en);
  });
});
