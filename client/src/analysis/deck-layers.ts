/**
 * deck.gl's entry into the client: the only module that imports it, and only through a dynamic
 * `import()` (analysis-overlay.ts), so deck.gl and luma.gl land in a chunk of their own that a
 * first visit never downloads.
 */
export { MapboxOverlay } from '@deck.gl/mapbox';
export { GeoJsonLayer, LineLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
