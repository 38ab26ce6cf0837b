import type { Language } from '../../../core/i18n-text.ts';
import { ApiRequestError } from '../api/fetch-json.ts';
import { translateDemand } from '../i18n/demand-messages.ts';
import { describeError } from '../i18n/error-messages.ts';
import { translate } from '../i18n/messages.ts';

/** Why a submission failed, in the resident's words: the place, too many, or the server's reason. */
export function describeSubmitFailure(error: unknown, language: Language): string {
  if (!(error instanceof ApiRequestError)) return translateDemand(language, 'submitFailed', { reason: error instanceof Error ? error.message : String(error) });
  if (error.status === 429) return translateDemand(language, 'tooManySubmissions');
  if (error.code === 'outside_district') return translate(language, 'outsideDistrict');
  if (error.code === 'no_community') return translate(language, 'noCommunity');
  if (error.code === 'network') return translateDemand(language, 'submitFailed', { reason: translate(language, 'networkFailed') });
  return translateDemand(language, 'submitFailed', { reason: describeError(language, error).text });
}
