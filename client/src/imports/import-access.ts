import { FACILITY_EDITORS, type SessionUser } from '../../../core/accounts/roles.ts';
import { DEMAND_EDITORS } from '../../../core/demands/demand-access.ts';

/**
 * Whether the top bar offers the import at all: to those who may import into something (a
 * facility layer or the demand list, as server/imports/import-target.ts decides). Kept apart
 * from the dialog's code so the first download carries only this.
 */
export const canImport = (user: SessionUser | null): boolean => Boolean(user && (FACILITY_EDITORS.includes(user.role) || DEMAND_EDITORS.includes(user.role)));
