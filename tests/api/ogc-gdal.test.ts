import { serve, type ServerType } from '@hono/node-server';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../core/layers/registry.ts';
import { useTestDatabase } from '../support/database.ts';
import { createTestApp } from '../support/app.ts';

/**
 * A real client: GDAL's OAPIF driver (gdal-bin) reads the service over HTTP. CI installs
 * gdal-bin; without it this file fails rather than skipping, so a missing GDAL is noticed.
 */

const { sql, kind } = useTestDatabase();
const runFile = promisify(execFile);
let server: ServerType;
let service: string;

async function gdal(command: 'ogrinfo' | 'ogr2ogr', args: string[]): Promise<string> {
  const { stdout } = await runFile(command, args, {
    // A proxy from the environment must not intercept loopback requests.
    env: { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', GDAL_HTTP_TIMEOUT: '60' },
    maxBuffer: 512 * 1024 * 1024,
    timeout: 180_000,
  });
  return stdout;
}

beforeAll(async () => {
  try {
    await gdal('ogrinfo', ['--version']);
  } catch (error) {
    throw new Error(`ogrinfo is not runnable (${(error as { code?: string }).code ?? String(error)}): install gdal-bin to run the OGC API – Features client check`);
  }
  const app = createTestApp(sql, kind);
  server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    started.once('listening', () => resolve(started));
    started.once('error', reject);
  });
  service = `OAPIF:http://127.0.0.1:${(server.address() as AddressInfo).port}/ogc`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function countRows(table: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM ${sql(table)}`;
  return row.count;
}

describe('GDAL OAPIF driver', () => {
  it('lists every collection', async () => {
    const output = await gdal('ogrinfo', ['-ro', '-so', service]);
    const listed = [...output.matchAll(/^\d+: (\w+)/gm)].map((match) => match[1]);
    expect(listed).toEqual(LAYERS.map((layer) => layer.id));
  });

  it.each(['kindergartens', 'communities', 'slope_greening'])('reports the SQL feature count and typed fields of %s', async (layer) => {
    const output = await gdal('ogrinfo', ['-ro', '-al', '-so', service, layer]);
    expect(output).toContain(`Feature Count: ${await countRows(layer)}`);
    expect(output).toMatch(/^name: String/m);
    expect(output).toMatch(/^demo: Integer\(Boolean\)/m);
  });

  it('filters on the server with the equality parameters the API definition declares', async () => {
    const output = await gdal('ogrinfo', ['-ro', '-al', '-so', service, 'kindergartens', '-where', "ownership = 'public'"]);
    const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM kindergartens WHERE ownership = 'public'`;
    expect(output).toContain(`Feature Count: ${row.count}`);
  });

  it('reads every kindergarten by following the next links', async () => {
    const output = await gdal('ogr2ogr', ['-preserve_fid', '-f', 'GeoJSON', '/vsistdout/', service, 'kindergartens']);
    const collection = JSON.parse(output);
    const ids = (await sql<{ id: number }[]>`SELECT id FROM kindergartens ORDER BY id`).map((row) => row.id);
    expect(collection.features).toHaveLength(ids.length);
    expect(collection.features.map((feature: { id: number }) => feature.id)).toEqual(ids);
    expect(collection.features[0].geometry.type).toBe('Point');
  });
});
