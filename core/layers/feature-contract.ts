/**
 * The feature-editing API's contract (`/api/layers/{layer}/features…`): what the server sends and
 * takes, shared with the client. The rules that check a write live in feature-input.ts.
 */

/** `[longitude, latitude]` in WGS84 degrees. */
export type Position = [number, number];

/** The geometries a facility layer holds: one type per layer, as its declaration says. */
export type FeatureGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

export type FeatureValue = string | number | boolean | null;

/**
 * One feature as GeoJSON, with every declared property — those derived from its place
 * (community, town), measured from its geometry (length, area) and the demo flag included — and
 * the version an edit must name in If-Match (also sent as the ETag).
 */
export interface FeatureRecord {
  type: 'Feature';
  id: number;
  layer: string;
  geometry: FeatureGeometry;
  properties: Record<string, FeatureValue>;
  version: number;
}

/** `POST /api/layers/{layer}/features`: a GeoJSON Feature with the properties a user may set. */
export interface FeatureCreateRequest {
  type: 'Feature';
  geometry: FeatureGeometry;
  properties: Record<string, FeatureValue>;
}

/** `PATCH /api/layers/{layer}/features/{id}`: a new geometry (a move), changed properties, or both. */
export interface FeaturePatchRequest {
  geometry?: FeatureGeometry;
  properties?: Record<string, FeatureValue>;
}

/** The audit trail's entity name for a layer's features, e.g. `feature:kindergartens`. */
export function featureEntity(layerId: string): string {
  return `feature:${layerId}`;
}

/** Where a feature is read, patched and deleted. */
export function featurePath(layerId: string, id: number): string {
  return `/api/layers/${layerId}/features/${id}`;
}
