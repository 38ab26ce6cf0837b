import type { FeatureRecord } from '../../../core/layers/feature-contract.ts';
import { ApiRequestError } from '../api/fetch-json.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Language } from '../../../core/i18n-text.ts';
import { describeError } from '../i18n/error-messages.ts';
import { currentOfConflict } from './feature-api.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Why a write failed, for the editor: the words to show and what to offer next. */
export interface WriteFailure {
  message: string;
  /** 409: the feature as it is now; the editor offers to reload it. */
  current?: FeatureRecord;
  /** 404: the feature is gone. */
  gone?: boolean;
  /** 401: the session has ended; the sign-in dialog is opened. */
  signedOut?: boolean;
}

/** Place errors the server names by code, in the reader's words. */
const PLACE_CODES: Record<string, MessageKey> = { outside_district: 'outsideDistrict', no_community: 'noCommunity' };

export function describeWriteFailure(error: unknown, t: Translate, language: Language): WriteFailure {
  if (!(error instanceof ApiRequestError)) return { message: t('writeFailed', { reason: error instanceof Error ? error.message : String(error) }) };
  if (error.status === 409) return { message: t('conflict'), current: currentOfConflict(error) };
  if (error.status === 404) return { message: t('featureGone'), gone: true };
  if (error.status === 401) return { message: t('sessionExpired'), signedOut: true };
  if (error.status === 403) return { message: t('writeForbidden') };
  if (error.code === 'network') return { message: t('writeFailed', { reason: t('networkFailed') }) };
  const place = PLACE_CODES[error.code];
  return { message: place ? t(place) : t('writeFailed', { reason: describeError(language, error).text }) };
}
