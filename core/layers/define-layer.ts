import type { BilingualText } from '../i18n-text.ts';
import type { OptimizationCategory } from '../optimizations.ts';

/** Column types a layer property may have; each maps to one SQL type and one JSON type. */
export type PropertyType = 'text' | 'integer' | 'real' | 'boolean';

export interface PropertyDefinition {
  type: PropertyType;
  title: BilingualText;
  /** Shown in popups and the OGC HTML view; internal columns (graph node ids) are not. */
  display: boolean;
  /** Allowed values, when the column is an enumeration (e.g. kindergarten ownership). */
  values?: readonly string[];
  /** A value every feature has (NOT NULL): a new feature cannot be added without it. */
  required?: boolean;
}

/**
 * `Geometry`: a layer of mixed points, lines and polygons (the published projects: a shelter,
 * a sidewalk, a greening site), drawn with one style per shape.
 */
export type GeometryType = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon' | 'Geometry';

export interface LayerStyle {
  color: string;
  /** Circle radius in pixels (points), line width (lines) or outline width (polygons). */
  size: number;
  fillOpacity?: number;
}

/**
 * What a layer is, which decides what the product does with it:
 * - `frame`: divisions, the walking network and population; loaded from the dataset, drawn as
 *   the basemap, never edited feature by feature;
 * - `facility`: a table of facilities of one optimization; loaded from the dataset, edited on the
 *   map, and a service in coverage and siting;
 * - `workflow`: a published view over workflow records (the demand list…), written only by its
 *   own routes; served as tiles and OGC features like any layer, but neither a service in the
 *   analyses nor edited as features.
 */
export type LayerKind = 'frame' | 'facility' | 'workflow';

export interface LayerDefinition {
  /** snake_case; also the table (or view) name, the tile source-layer and the OGC collection id. */
  id: string;
  title: BilingualText;
  description: BilingualText;
  kind: LayerKind;
  /** The layer panel's group: one of the seven optimizations, the workflow lists or the frame. */
  category: OptimizationCategory;
  geometry: GeometryType;
  /** The allow-list of columns besides `id` and `geom`, in display order. */
  properties: Readonly<Record<string, PropertyDefinition>>;
  /** The column that measures how much a facility serves (spaces, seats, beds…). */
  capacity?: { column: string; unit: BilingualText };
  style: LayerStyle;
  minzoom: number;
  maxzoom: number;
  attribution: string;
  /** True when the layer's features are generated demonstration data, not surveyed facts. */
  demo: boolean;
}

const shown = (type: PropertyType, zh: string, en: string): PropertyDefinition => ({
  type,
  title: { zh, en },
  display: true,
});

/** Property helpers: a declaration reads like a table header. */
export const text = (zh: string, en: string) => shown('text', zh, en);
export const integer = (zh: string, en: string) => shown('integer', zh, en);
export const real = (zh: string, en: string) => shown('real', zh, en);
export const flag = (zh: string, en: string) => shown('boolean', zh, en);
export const choice = (zh: string, en: string, values: readonly string[]): PropertyDefinition => ({
  ...shown('text', zh, en),
  values,
});
export const hidden = (type: PropertyType, zh: string, en: string): PropertyDefinition => ({
  ...shown(type, zh, en),
  display: false,
});

export const DEMO_ATTRIBUTION = 'Renewal Atlas demonstration data (generated)';
export const FRAME_ATTRIBUTION = 'Boundary and division codes: Vonng/adcode (CC BY 4.0), NBS 2016';

/** Columns every located facility carries: what it is called and which grid cell it serves. */
export const FACILITY_COLUMNS = {
  name: { ...text('名称', 'Name'), required: true },
  community_code: text('社区', 'Community'),
  town_code: text('镇街', 'Town'),
  demo: flag('演示数据', 'Demo data'),
} as const;
