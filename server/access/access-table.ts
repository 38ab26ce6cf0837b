import type { Role } from '../../core/accounts/roles.ts';
import { DEMAND_EDITORS, DEMAND_TYPE_EDITORS } from '../../core/demands/demand-access.ts';
import { INSPECTION_RECORDERS, PROJECT_EDITORS } from '../../core/projects/project-access.ts';

/**
 * Who may call what: the ONE table of authorization, one row per route of the app. The
 * `authorize` middleware looks every request's route up here; a route without a row is refused
 * with a 500 and fails tests/api/access.test.ts, which walks every route × every role.
 *
 * - `public`: anyone, with or without an account (reads of published data, analysis, and the
 *   few public writes later routes name).
 * - a list of roles: a session of one of them; no session is 401, another role 403.
 * - `user`: a public read that answers differently for a signed-in user.
 * - `scope: 'own'`: a town office or planner acts only on records of its town or communities,
 *   enforced in the route's SQL (server/access/scope.ts), so another town's record is a 403.
 */
export interface AccessRule {
  allow: 'public' | readonly Role[];
  scope?: 'own';
  /** A public read whose answer depends on who asks (the session itself): look the user up. */
  user?: true;
}

const PUBLIC: AccessRule = { allow: 'public' };
const STAFF: readonly Role[] = ['admin', 'commission', 'planner', 'town', 'inspector'];
const FACILITY_EDITORS: AccessRule = { allow: ['commission', 'admin'] };

export const ACCESS_TABLE: Readonly<Record<string, AccessRule>> = {
  'GET /api/health': PUBLIC,
  'GET /api/client-config': PUBLIC,
  'GET /api/layers': PUBLIC,
  'GET /api/divisions': PUBLIC,
  'GET /api/search': PUBLIC,
  'GET /api/communities/:code': PUBLIC,

  // Map data: tiles and OGC API – Features are published data.
  'GET /tiles/:name': PUBLIC,
  'GET /tiles/:name/:z/:x/:file': PUBLIC,
  'GET /ogc': PUBLIC,
  'GET /ogc/api': PUBLIC,
  'GET /ogc/conformance': PUBLIC,
  'GET /ogc/collections': PUBLIC,
  'GET /ogc/collections/:collectionId': PUBLIC,
  'GET /ogc/collections/:collectionId/items': PUBLIC,
  'GET /ogc/collections/:collectionId/items/:featureId': PUBLIC,

  // Analysis reads published data and writes nothing but its own job rows.
  'POST /api/analysis/coverage': PUBLIC,
  'POST /api/analysis/isochrone': PUBLIC,
  'GET /api/analysis/demand': PUBLIC,
  'GET /api/analysis/roads': PUBLIC,
  'GET /api/analysis/life-circle': PUBLIC,
  'POST /api/analysis/siting': PUBLIC,
  'GET /api/analysis/siting/jobs/:id': PUBLIC,
  'DELETE /api/analysis/siting/jobs/:id': PUBLIC,
  'GET /api/analysis/siting/jobs/:id/result.geojson': PUBLIC,
  'GET /api/analysis/siting/jobs/:id/result.csv': PUBLIC,
  // The scenario counts projects the public do not see yet (approved but unpublished, proposals):
  // it is for staff, like the project library it reads.
  'POST /api/analysis/scenario': { allow: STAFF },

  // Sessions: anyone may try to sign in; reading or ending a session needs none (401 / no-op).
  'POST /api/session': PUBLIC,
  'GET /api/session': { allow: 'public', user: true },
  'DELETE /api/session': PUBLIC,

  // Accounts are the administrator's.
  'GET /api/users': { allow: ['admin'] },
  'POST /api/users': { allow: ['admin'] },
  'GET /api/users/:username': { allow: ['admin'] },
  'PATCH /api/users/:username': { allow: ['admin'] },

  // Replacing the district served (its boundary, divisions and population) is the administrator's.
  'POST /api/district/check': { allow: ['admin'] },
  'POST /api/district': { allow: ['admin'] },

  // The whole trail is the inspector's and the administrator's; a record's own history is
  // shown to the staff who work on it (below, per record type).
  'GET /api/audit': { allow: ['inspector', 'admin'] },

  // Facility features: published on the map; edited by the commission (and the administrator).
  'POST /api/layers/:layer/features': FACILITY_EDITORS,
  'GET /api/layers/:layer/features/:id': PUBLIC,
  'PATCH /api/layers/:layer/features/:id': FACILITY_EDITORS,
  'DELETE /api/layers/:layer/features/:id': FACILITY_EDITORS,
  'GET /api/layers/:layer/features/:id/history': { allow: STAFF },

  // The demand list: anyone submits, follows a receipt and says "me too"; the public read the
  // published demands, staff their area's (scope in the SQL: another town's demand is a 403).
  // The inspector reads everything and changes nothing.
  'POST /api/demands': PUBLIC,
  'GET /api/demands': { allow: 'public', user: true, scope: 'own' },
  'GET /api/demands/:id': { allow: 'public', user: true, scope: 'own' },
  'GET /api/demands/receipt/:code': PUBLIC,
  // The list as a spreadsheet, for staff in their area; the hotline's tickets imported by the
  // commission, the administrator, and a town office for its own town (checked row by row).
  'GET /api/demands/export.csv': { allow: STAFF, scope: 'own' },
  'POST /api/demands/import': { allow: ['commission', 'admin', 'town'], scope: 'own' },
  'POST /api/demands/:id/support': PUBLIC,
  'PATCH /api/demands/:id': { allow: DEMAND_EDITORS, scope: 'own' },
  'GET /api/demands/:id/history': { allow: STAFF, scope: 'own' },
  'GET /api/demand-counts': { allow: 'public', user: true, scope: 'own' },
  'GET /api/demand-types': PUBLIC,
  'POST /api/demand-types': { allow: DEMAND_TYPE_EDITORS },
  'PATCH /api/demand-types/:id': { allow: DEMAND_TYPE_EDITORS },

  // Files for planning offices (a layer, the demand list): staff, the demand list in their area.
  'GET /api/export/:target': { allow: STAFF, scope: 'own' },
  // Files read into a facility layer (the commission, the administrator) or the demand list (those
  // who triage it, in their area): which target a role may write is checked by the import itself.
  'POST /api/imports': { allow: ['admin', 'commission', 'planner', 'town'], scope: 'own' },
  'GET /api/imports/:id': { allow: ['admin', 'commission', 'planner', 'town'], scope: 'own' },
  'PATCH /api/imports/:id': { allow: ['admin', 'commission', 'planner', 'town'], scope: 'own' },
  'POST /api/imports/:id/commit': { allow: ['admin', 'commission', 'planner', 'town'], scope: 'own' },
  'DELETE /api/imports/:id': { allow: ['admin', 'commission', 'planner', 'town'], scope: 'own' },

  // The project library: the public read published projects (no internal fields), staff the
  // whole library. Town offices and planners propose in their area and change their own
  // proposals; the commission and the administrator approve, move and complete everything.
  // Inspections: the inspector and the commission anywhere, a town office in its own town.
  'GET /api/projects': { allow: 'public', user: true },
  'POST /api/projects': { allow: PROJECT_EDITORS, scope: 'own' },
  'GET /api/projects/schedule': { allow: 'public', user: true },
  'GET /api/projects/:id': { allow: 'public', user: true },
  'PATCH /api/projects/:id': { allow: PROJECT_EDITORS, scope: 'own' },
  'DELETE /api/projects/:id': { allow: PROJECT_EDITORS, scope: 'own' },
  'POST /api/projects/:id/phase': { allow: PROJECT_EDITORS, scope: 'own' },
  'GET /api/projects/:id/milestones': { allow: 'public', user: true },
  'PUT /api/projects/:id/milestones': { allow: PROJECT_EDITORS, scope: 'own' },
  'GET /api/projects/:id/inspections': { allow: 'public', user: true },
  'POST /api/projects/:id/inspections': { allow: INSPECTION_RECORDERS, scope: 'own' },
  'GET /api/projects/:id/history': { allow: STAFF },

  // Targets and verification: staff read them; the commission sets the targets, the inspector
  // (who commissions the surveys) and the commission import the survey firm's files.
  'GET /api/targets': { allow: STAFF },
  'POST /api/targets': { allow: ['commission', 'admin'] },
  'PATCH /api/targets/:id': { allow: ['commission', 'admin'] },
  'PUT /api/targets/:year/size-ratio': { allow: ['commission', 'admin'] },
  'GET /api/surveys': { allow: STAFF },
  'POST /api/surveys/import': { allow: ['inspector', 'commission', 'admin'] },
  'GET /api/towns/comparison': { allow: STAFF },
  'GET /api/city-check': { allow: STAFF },
  // The monthly report goes to the district leadership: it names every late project's problems.
  'GET /api/reports/monthly': { allow: ['commission', 'admin', 'inspector'] },
};

export function findAccessRule(method: string, path: string): AccessRule | undefined {
  return ACCESS_TABLE[`${method} ${path}`];
}
