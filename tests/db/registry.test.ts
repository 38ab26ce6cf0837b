import { describe, expect, it } from 'vitest';
import { isEditableLayer, settableProperties } from '../../core/layers/feature-input.ts';
import { DATASET_LAYERS, LAYERS, isFacilityLayer, sqlTypeOf } from '../../core/layers/registry.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql } = useTestDatabase();

/** Every layer declaration must describe its live table exactly: the registry is the allow-list. */
describe.each(LAYERS.map((layer) => [layer.id, layer] as const))('layer %s', (_id, layer) => {
  it('has a table (a view for workflow layers) whose columns are exactly id, the declared properties, geom and (editable layers) version', async () => {
    const columns = await sql<{ column_name: string; data_type: string }[]>`
      SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${layer.id} ORDER BY ordinal_position`;
    const declared = Object.entries(layer.properties).map(([name, property]) => [name, sqlTypeOf(property.type)]);
    expect(columns.map((column) => [column.column_name, column.data_type])).toEqual([
      ['id', 'integer'],
      ...declared,
      ['geom', 'USER-DEFINED'],
      // Facility features are edited on the map: a version for If-Match (migration 0003).
      ...(isFacilityLayer(layer) ? [['version', 'integer']] : []),
    ]);
  });

  it('stores the declared geometry type in WGS84 with a GiST index', async () => {
    const [column] = await sql<{ type: string; srid: number }[]>`
      SELECT type, srid FROM geometry_columns WHERE f_table_name = ${layer.id} AND f_geometry_column = 'geom'`;
    expect(column).toEqual({ type: layer.geometry.toUpperCase(), srid: 4326 });
    // A view has no index of its own: the table it reads must have one on the geometry.
    const [view] = await sql<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.view_table_usage WHERE view_schema = current_schema() AND view_name = ${layer.id}`;
    expect(Boolean(view)).toBe(layer.kind === 'workflow');
    const indexes = await sql<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE tablename = ${view?.table_name ?? layer.id}`;
    expect(indexes.some((index) => /USING gist \(geom\)/.test(index.indexdef))).toBe(true);
  });
});

/** The dataset fills the frame and facility tables; workflow layers fill as the product is used. */
describe.each(DATASET_LAYERS.map((layer) => [layer.id, layer] as const))('dataset layer %s', (_id, layer) => {
  it('holds features', async () => {
    const [row] = await sql.unsafe<{ features: number }[]>(`SELECT count(*)::int AS features FROM ${layer.id}`);
    expect(row.features).toBeGreaterThan(0);
  });
});

/** A new feature must name what its table cannot hold without; the server fills in the rest. */
describe.each(LAYERS.filter(isEditableLayer).map((layer) => [layer.id, layer] as const))('editable layer %s', (_id, layer) => {
  it('declares required exactly the NOT NULL columns a user sets', async () => {
    const columns = await sql<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${layer.id} AND is_nullable = 'NO' ORDER BY ordinal_position`;
    const notNull = new Set(columns.map((column) => column.column_name));
    expect(settableProperties(layer).filter((column) => notNull.has(column))).toEqual(settableProperties(layer).filter((column) => layer.properties[column].required));
  });
});
