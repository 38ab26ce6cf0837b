import { featureEntity, type FeatureGeometry } from '../../core/layers/feature-contract.ts';
import { featurePropertiesSchema, isEditableLayer } from '../../core/layers/feature-input.ts';
import { findLayer } from '../../core/layers/registry.ts';
import { facilityPlacement } from '../../core/projects/project-facility.ts';
import type { RequestUser } from '../app-env.ts';
import type { AuditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Queryable } from '../db/client.ts';
import { ApiError } from '../errors.ts';
import { deleteFeature, insertFeature, inspectGeometry, readFeature } from '../features/feature-sql.ts';
import { reopenDemands, resolveDemands } from './project-demands.ts';
import type { ProjectRow } from './project-sql.ts';

/**
 * Completing a project closes the loop, inside the phase move's transaction: its facility enters
 * its layer through the same code as a feature added on the map (the layer's trigger bumps its
 * data version, so tiles, coverage, life circles and siting see it), its planned demands become
 * resolved, and the trail has a row for each. Undoing a completion takes all of it back.
 */

/** The facility cannot be added as it stands: nothing of the completion is kept. */
const facilityInvalid = (message: string, details?: unknown) => new ApiError(422, 'facility_invalid', message, details);

/** The facility's feature, checked against its layer as a map edit would be. */
async function placeFacility(tx: Queryable, project: ProjectRow) {
  const layer = findLayer(project.facility_layer!);
  if (!layer || !isEditableLayer(layer)) throw facilityInvalid(`${project.facility_layer} is not a facility layer a project can add to`, { layer: project.facility_layer });
  const parsed = featurePropertiesSchema(layer).safeParse(project.facility_properties ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 10).map((issue) => ({ path: ['facility', 'properties', ...issue.path.map(String)].join('.'), message: issue.message }));
    throw facilityInvalid(`the facility is not valid for ${layer.id}: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`, details);
  }
  const placement = facilityPlacement(layer.geometry, project.geometry.type);
  if (!placement) throw facilityInvalid(`${layer.id} holds ${layer.geometry} features: a ${project.geometry.type} project cannot add one`, { layer: layer.id, geometry: project.geometry.type });
  let geometry = project.geometry as FeatureGeometry;
  if (placement === 'point_on_surface') {
    const [point] = await tx<{ geometry: FeatureGeometry }[]>`SELECT ST_AsGeoJSON(ST_PointOnSurface(geom), 7)::json AS geometry FROM projects WHERE id = ${project.id}`;
    geometry = point.geometry;
  }
  const facts = await inspectGeometry(tx, layer, geometry);
  if (!facts.valid || !facts.inside || !facts.communityCode || !facts.townCode) {
    throw facilityInvalid(`the facility's place cannot be added to ${layer.id}: ${facts.reason ?? 'it lies outside the district or the community grid'}`, { layer: layer.id });
  }
  return { layer, properties: parsed.data, located: { facts, geometry } };
}

/** Returns the new feature's id (null when the project adds no facility) and the demands resolved. */
export async function completeProject(tx: Queryable, actor: AuditActor, user: RequestUser, project: ProjectRow) {
  let featureId: number | null = null;
  if (project.facility_layer) {
    const { layer, properties, located } = await placeFacility(tx, project);
    const feature = await insertFeature(tx, layer, properties, located);
    await writeAudit(tx, actor, { action: 'create', entity: featureEntity(layer.id), entityId: feature.id, after: { ...feature, project: project.id } });
    featureId = feature.id;
  }
  const resolved = await resolveDemands(tx, actor, user, project.id);
  return { featureId, resolved };
}

/** The completion taken back: the facility out of its layer (if still there), the resolved demands planned again. */
export async function undoCompletion(tx: Queryable, actor: AuditActor, user: RequestUser, project: ProjectRow) {
  const layer = project.facility_layer ? findLayer(project.facility_layer) : undefined;
  let removed: number | null = null;
  if (layer && project.facility_feature_id !== null) {
    const feature = await readFeature(tx, layer, project.facility_feature_id, { lock: true });
    if (feature && (await deleteFeature(tx, layer, feature.id, feature.version))) {
      await writeAudit(tx, actor, { action: 'delete', entity: featureEntity(layer.id), entityId: feature.id, before: feature, after: { project: project.id } });
      removed = feature.id;
    }
  }
  const reopened = await reopenDemands(tx, actor, user, project.id);
  return { removed, reopened };
}
