import type { BilingualText } from '../i18n-text.ts';
import type { LayerDefinition } from '../layers/registry.ts';
import type { Optimization } from '../optimizations.ts';

/**
 * The shapes of `/api/*` responses, shared by the server that builds them and the client that
 * reads them; tests/api/client-api*.test.ts holds the server to them.
 */
export type BoundingBox = [number, number, number, number];

export interface LayerSummary extends LayerDefinition {
  /** Features the layer holds now. */
  count: number;
  /** Data version, bumped on every write (tile URLs carry it). */
  version: number;
  /**
   * Of those, the generated demonstration features. The declaration's `demo` says what the demo
   * dataset fills the layer with; this says what it holds now (another district's own divisions,
   * an imported layer), so the map marks demo data only where there is some.
   */
  demoCount: number;
}

export interface LayersResponse {
  optimizations: readonly Optimization[];
  layers: LayerSummary[];
}

export interface Division {
  code: string;
  name: string;
  name_en: string | null;
  /** A point inside the polygon, where its name is drawn. */
  label: [number, number];
  bbox: BoundingBox;
}

export interface CommunityDivision extends Division {
  town_code: string;
}

export interface DivisionsResponse {
  towns: Division[];
  communities: CommunityDivision[];
}

export interface SearchHit {
  /** A facility's `code` is its feature id, and `layer` its layer; towns and communities have no layer. */
  kind: 'town' | 'community' | 'facility';
  code: string;
  layer: string | null;
  name: string;
  name_en: string | null;
  town_name: string | null;
  town_name_en: string | null;
  bbox: BoundingBox;
}

export interface CommunityProfile {
  code: string;
  name: string;
  name_en: string | null;
  town: { code: string; name: string | null; name_en: string | null };
  population: number;
  area_km2: number;
  bbox: BoundingBox;
  facilities: { layer: string; count: number; capacity: number | null }[];
}

/** `GET /api/health` once the data is loaded (before that, 503 `not_ready` with the phase). */
export interface HealthResponse {
  status: 'ok';
  database: 'embedded' | 'postgres';
  postgis: string;
}

/** `GET /tiles/{layer}.json`: TileJSON 3.0 with the data version in the tile URL. */
export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  version: string;
  attribution: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: BoundingBox;
  center: [number, number, number];
  vector_layers: { id: string; description: string; minzoom: number; maxzoom: number; fields: Record<string, string> }[];
}

export interface ClientConfig {
  onlineBasemapUrl: string | null;
  /** Usernames of the demo accounts the sign-in form may offer; empty when the server has none. */
  demoAccounts: string[];
  /** The district the data holds, named in the header (null before any is loaded). */
  district: { name: string; nameEn: string | null } | null;
}

export type { BilingualText, LayerDefinition, Optimization };
