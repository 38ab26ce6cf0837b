import type { Language } from '../../../core/i18n-text.ts';
import type { ProjectPhase } from '../../../core/projects/project-phases.ts';
import { ApiRequestError } from '../api/fetch-json.ts';
import { describeError } from '../i18n/error-messages.ts';
import { phaseName, translateProject } from '../i18n/project-messages.ts';

/** Why a write to a project failed, for the panel: the words, and whether the project is read again. */
export interface ProjectWriteFailure {
  message: string;
  /** 409: someone else moved it on (or the phase no longer allows the step): read it again. */
  reload?: boolean;
  /** 401: the session ended; the sign-in dialog is opened. */
  signedOut?: boolean;
}

export function describeProjectFailure(error: unknown, language: Language): ProjectWriteFailure {
  if (!(error instanceof ApiRequestError)) return { message: describeError(language, error).text };
  if (error.code === 'version_conflict') return { message: translateProject(language, 'conflict'), reload: true };
  if (error.status === 409) {
    const allowed = (error.details as { allowed?: ProjectPhase[] } | undefined)?.allowed;
    if (allowed) return { message: translateProject(language, 'invalidPhase', { allowed: allowed.map((phase) => phaseName(language, phase)).join(language === 'zh' ? '、' : ', ') }), reload: true };
    return { message: describeError(language, error).text, reload: true };
  }
  if (error.status === 401) return { message: describeError(language, error).text, signedOut: true };
  if (error.code === 'out_of_scope') return { message: translateProject(language, 'notInScope') };
  if (error.status === 404) return { message: translateProject(language, 'projectGone') };
  const described = describeError(language, error);
  return { message: described.details ? `${described.text} (${described.details})` : described.text };
}
