import type { StaffDemand } from '../../../core/demands/demand-contract.ts';
import type { DemandStatus } from '../../../core/demands/demand-states.ts';
import type { Language } from '../../../core/i18n-text.ts';
import { ApiRequestError } from '../api/fetch-json.ts';
import { statusName, translateDemand } from '../i18n/demand-messages.ts';
import { describeError } from '../i18n/error-messages.ts';
import { translate } from '../i18n/messages.ts';

/** Why a triage step failed, for the panel: the words, and whether reloading the demand helps. */
export interface DemandWriteFailure {
  message: string;
  /** 409: someone else changed it (or its status moved on); reload and decide again. */
  reload?: boolean;
  /** A version_conflict's copy of the demand as it is now. */
  current?: StaffDemand;
  /** 401: the session ended; the sign-in dialog is opened. */
  signedOut?: boolean;
}

export function describeDemandFailure(error: unknown, language: Language): DemandWriteFailure {
  if (!(error instanceof ApiRequestError)) return { message: translate(language, 'writeFailed', { reason: error instanceof Error ? error.message : String(error) }) };
  const details = error.details as { current?: StaffDemand; allowed?: DemandStatus[] } | undefined;
  if (error.code === 'version_conflict') return { message: translateDemand(language, 'demandConflict'), reload: true, current: details?.current };
  if (error.code === 'invalid_transition') {
    const allowed = (details?.allowed ?? []).map((status) => statusName(language, status)).join(language === 'zh' ? '、' : ', ');
    return { message: translateDemand(language, 'invalidTransition', { allowed }), reload: true };
  }
  if (error.status === 409) return { message: translate(language, 'writeFailed', { reason: describeError(language, error).text }), reload: true };
  if (error.status === 401) return { message: translate(language, 'sessionExpired'), signedOut: true };
  if (error.code === 'out_of_scope') return { message: translateDemand(language, 'notInScope') };
  if (error.status === 403) return { message: translate(language, 'writeForbidden') };
  if (error.status === 404) return { message: translateDemand(language, 'demandGone') };
  if (error.code === 'network') return { message: translate(language, 'writeFailed', { reason: translate(language, 'networkFailed') }) };
  return { message: translate(language, 'writeFailed', { reason: describeError(language, error).text }) };
}
