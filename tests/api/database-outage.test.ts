import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../server/db/client.ts';
import { createTestApp } from '../support/app.ts';
import { useTestDatabase } from '../support/database.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

const { url, kind } = useTestDatabase();
const target = new URL(url);

describe('when the database goes away', () => {
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  let end: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await end?.();
    await proxy.cut();
  });

  it('answers 503 with the standard error, and recovers when it returns', async () => {
    await proxy.open();
    const proxied = new URL(url);
    proxied.port = String(proxy.port);
    const sql = createDatabase({ url: proxied.toString(), embedded: kind === 'embedded' });
    end = () => sql.end({ timeout: 1 });
    const app = createTestApp(sql, kind);

    expect((await app.request('/api/health')).status).toBe(200);
    const { tiles } = await (await app.request('/tiles/kindergartens.json')).json();
    const versioned = tiles[0].replace(/^https?:\/\/[^/]+/, '').replace('{z}/{x}/{y}', '12/3260/1718');
    expect((await app.request(versioned)).status).toBe(200);

    await proxy.cut();
    // A tile already served under its data version needs no database to be served again.
    expect((await app.request(versioned)).status).toBe(200);
    for (const path of ['/api/health', '/tiles/kindergartens.json', '/tiles/kindergartens/14/13370/6786.mvt']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(503);
      const body = await response.json();
      expect(body.error.code).toBe('database_unavailable');
      expect(JSON.stringify(body)).not.toContain(String(target.port));
    }

    await proxy.open(proxy.port);
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
