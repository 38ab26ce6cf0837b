import { describe, expect, it } from 'vitest';
import { MAX_FEATURE_VERTICES, derivedProperties, featureCreateSchema, featurePatchSchema, isEditableLayer, measuredProperty, settableProperties } from '../../../core/layers/feature-input.ts';
import { LAYERS, findLayer, isFacilityLayer } from '../../../core/layers/registry.ts';

const layer = (id: string) => findLayer(id)!;
const point = { type: 'Point', coordinates: [106.57, 29.52] };
const square = { type: 'Polygon', coordinates: [[[106.57, 29.52], [106.571, 29.52], [106.571, 29.521], [106.57, 29.521], [106.57, 29.52]]] };
const line = { type: 'LineString', coordinates: [[106.57, 29.52], [106.571, 29.521]] };

/** The messages of a failed parse, as `path: message`. */
function problems(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }): string[] {
  return result.success ? [] : result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('which layers and properties a user edits', () => {
  it('edits every facility layer and none of the frame', () => {
    expect(LAYERS.filter(isEditableLayer).map((definition) => definition.id)).toEqual(LAYERS.filter(isFacilityLayer).map((definition) => definition.id));
    expect(['district', 'towns', 'communities', 'roads', 'population'].some((id) => isEditableLayer(layer(id)))).toBe(false);
  });

  it('derives community, town and the demo flag everywhere; length on lines and area on polygons', () => {
    expect([...derivedProperties(layer('kindergartens'))]).toEqual([['community_code', 'location'], ['town_code', 'location'], ['demo', 'system']]);
    expect(settableProperties(layer('kindergartens'))).toEqual(['name', 'seats', 'ownership']);
    expect(measuredProperty(layer('trails'))).toEqual({ column: 'length_m', measure: 'length' });
    expect(settableProperties(layer('trails'))).toEqual(['name', 'name_en']);
    expect(measuredProperty(layer('idle_plots'))).toEqual({ column: 'area_m2', measure: 'area' });
    expect(settableProperties(layer('idle_plots'))).toEqual(['name']);
    // A park drawn as a point has no area to measure: its surveyed area is typed in.
    expect(measuredProperty(layer('sports_parks'))).toBeUndefined();
    expect(settableProperties(layer('sports_parks'))).toEqual(['name', 'area_m2']);
  });

  it('refuses to make a schema for a frame layer', () => {
    expect(() => featureCreateSchema(layer('roads'))).toThrow(/roads is not edited/);
  });
});

describe('a new feature', () => {
  const create = (id: string, body: unknown) => featureCreateSchema(layer(id)).safeParse(body);

  it('takes a GeoJSON feature of the layer’s geometry with its required properties; the rest may be left out', () => {
    expect(create('kindergartens', { type: 'Feature', geometry: point, properties: { name: '园' } }).success).toBe(true);
    expect(create('kindergartens', { type: 'Feature', geometry: point, properties: { name: '园', seats: 0, ownership: null } }).success).toBe(true);
    expect(create('idle_plots', { type: 'Feature', geometry: square, properties: { name: '地块' } }).success).toBe(true);
    expect(create('trails', { type: 'Feature', geometry: line, properties: { name: '步道', name_en: 'Trail' } }).success).toBe(true);
  });

  it.each([
    ['kindergartens', square, 'geometry.type: kindergartens holds Point geometries, not Polygon'],
    ['idle_plots', line, 'geometry.type: idle_plots holds Polygon geometries, not LineString'],
    ['trails', point, 'geometry.type: trails holds LineString geometries, not Point'],
    ['kindergartens', { type: 'GeometryCollection', geometries: [] }, 'geometry.type: kindergartens holds Point geometries: a geometry is a GeoJSON object with "type": "Point"'],
  ])('refuses on %s the geometry %j', (id, geometry, message) => {
    expect(problems(create(id, { type: 'Feature', geometry, properties: { name: 'x' } }))).toEqual([message]);
  });

  it.each([
    [[-180.5, 29], 'geometry.coordinates.0: a longitude lies within −180…180'],
    [[106, 90.5], 'geometry.coordinates.1: a latitude lies within −90…90'],
    [[Number.NaN, 29], 'geometry.coordinates.0: a longitude is a finite number'],
    [[106, Number.POSITIVE_INFINITY], 'geometry.coordinates.1: a latitude is a finite number'],
    [[106], 'geometry.coordinates: a position is [longitude, latitude]'],
  ])('refuses the position %j', (coordinates, message) => {
    expect(problems(create('kindergartens', { type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { name: 'x' } }))).toEqual([message]);
  });

  it('refuses an open ring, a ring of three positions, a line of one place and too many positions', () => {
    const [ring] = square.coordinates;
    expect(problems(create('idle_plots', { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring.slice(0, 4)] }, properties: { name: 'x' } })))
      .toEqual(['geometry.coordinates.0: a polygon ring is closed: its last position repeats its first']);
    expect(problems(create('idle_plots', { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] }, properties: { name: 'x' } })))
      .toEqual(['geometry.coordinates.0: a polygon ring has at least four positions, the last repeating the first']);
    expect(problems(create('trails', { type: 'Feature', geometry: { type: 'LineString', coordinates: [[106.5, 29.5], [106.5, 29.5]] }, properties: { name: 'x' } })))
      .toEqual(['geometry.coordinates: a line joins at least two different positions']);
    const long = Array.from({ length: MAX_FEATURE_VERTICES + 1 }, (_, index) => [106.5 + index * 1e-6, 29.5]);
    expect(problems(create('trails', { type: 'Feature', geometry: { type: 'LineString', coordinates: long }, properties: { name: 'x' } })))
      .toEqual(['geometry.coordinates: a geometry has at most 5,000 positions']);
    const rings = Array.from({ length: 2 }, () => [...Array.from({ length: 2_600 }, (_, index) => [106.5 + index * 1e-6, 29.5 + (index % 2) * 1e-6]), [106.5, 29.5]]);
    expect(problems(create('idle_plots', { type: 'Feature', geometry: { type: 'Polygon', coordinates: rings }, properties: { name: 'x' } })))
      .toEqual(['geometry.coordinates: a geometry has at most 5,000 positions']);
  });

  it('names every property it will not take, and why', () => {
    const body = { type: 'Feature', geometry: point, properties: { name: 'x', seats: -1, ownership: 'state', community_code: 'c', demo: false, colour: 'red' } };
    expect(problems(create('kindergartens', body))).toEqual([
      'properties.seats: seats is not negative',
      'properties.ownership: ownership is one of public, inclusive, private',
      'properties.community_code: community_code is derived from the feature\'s location and cannot be set',
      'properties.demo: demo marks generated data; a feature added or edited here is never demo data',
      'properties: kindergartens has no settable property "colour" (it has name, seats, ownership)',
    ]);
    expect(problems(create('trails', { type: 'Feature', geometry: line, properties: { name: 'x', length_m: 12 } }))).toEqual(['properties.length_m: length_m is measured from the geometry and cannot be set']);
  });

  it('needs a name that is not blank, not too long and storable; markup and quotes are just text', () => {
    const named = (name: unknown) => problems(create('kindergartens', { type: 'Feature', geometry: point, properties: { name } }));
    expect(named(undefined)).toEqual(['properties.name: name is required']);
    expect(named(' \t')).toEqual(['properties.name: name cannot be blank']);
    expect(named('x'.repeat(201))).toEqual(['properties.name: name is at most 200 characters']);
    expect(named('a\u0000b')).toEqual(['properties.name: name cannot contain the NUL character']);
    expect(named('a\uD800b')).toEqual(['properties.name: name is not well-formed Unicode']);
    expect(named(`<script>alert(1)</script>'); DROP TABLE kindergartens; --`)).toEqual([]);
    expect(named('𠀋 emoji 🏫')).toEqual([]);
  });

  it('refuses anything but a Feature, and members GeoJSON may carry that we do not keep', () => {
    expect(problems(create('kindergartens', { type: 'FeatureCollection', features: [] }))).toContain('type: a feature is a GeoJSON object with "type": "Feature"');
    expect(problems(create('kindergartens', { type: 'Feature', id: 3, geometry: point, properties: { name: 'x' } }))).toEqual([': Unrecognized key: "id"']);
  });
});

describe('a change', () => {
  const patch = (body: unknown) => featurePatchSchema(layer('kindergartens')).safeParse(body);

  it('is a new geometry, some properties, or both; null clears an optional property', () => {
    expect(patch({ geometry: point }).success).toBe(true);
    expect(patch({ properties: { seats: null } }).success).toBe(true);
    expect(patch({ geometry: point, properties: { name: '新名' } }).success).toBe(true);
  });

  it('must change something, cannot clear a required property, and sets no derived one', () => {
    expect(problems(patch({}))).toEqual([': a change names a new geometry, some properties, or both']);
    expect(problems(patch({ properties: {} }))).toEqual([': a change names a new geometry, some properties, or both']);
    expect(problems(patch({ properties: { name: null } }))).toEqual(['properties.name: name is required']);
    expect(problems(patch({ properties: { town_code: 'x' } }))).toEqual(['properties.town_code: town_code is derived from the feature\'s location and cannot be set']);
    expect(problems(patch({ type: 'Feature', geometry: point }))).toEqual([': Unrecognized key: "type"']);
  });
});
