import type { BilingualText } from '../i18n-text.ts';

/**
 * Who acts in the plan's workflow (WORKFLOW.md, "Who acts"). Anyone without an account is the
 * public: they read what is published and make the few public writes the routes allow.
 */
export const ROLES = ['admin', 'commission', 'planner', 'town', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_TITLES: Readonly<Record<Role, BilingualText>> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  commission: { zh: '区发展改革委', en: 'Development commission' },
  planner: { zh: '社区规划师', en: 'Community planner' },
  town: { zh: '镇街', en: 'Town office' },
  inspector: { zh: '区政府督查办', en: 'Inspector' },
};

/** The signed-in user as every API answer and the client see them (never the password hash). */
export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  /** A town office's town code; null for the other roles. */
  town: string | null;
  /** A planner's assigned community codes; empty for the other roles. */
  communities: string[];
}

/** Roles that may edit the facility layers on the map (add, move, edit, delete features). */
export const FACILITY_EDITORS: readonly Role[] = ['commission', 'admin'];

export function canEditFacilities(user: SessionUser | null | undefined): boolean {
  return Boolean(user && FACILITY_EDITORS.includes(user.role));
}
