import type { Hono } from 'hono';
import type { ImportCommitResult, ImportPreview } from '../../core/exchange/import-contract.ts';
import type { AppEnv } from '../../server/app-env.ts';

/** Upload a file to `POST /api/imports` as the client does (multipart), and commit or drop it. */
export function createImportClient(app: Hono<AppEnv>, cookie: string) {
  const headers = { Cookie: cookie };
  return {
    async upload(name: string, bytes: Uint8Array | string, target: string, options: { crs?: string; encoding?: string } = {}) {
      const form = new FormData();
      form.set('file', new File([typeof bytes === 'string' ? new TextEncoder().encode(bytes) : (bytes as Uint8Array<ArrayBuffer>)], name));
      form.set('target', target);
      if (options.crs) form.set('crs', options.crs);
      if (options.encoding) form.set('encoding', options.encoding);
      const response = await app.request('/api/imports', { method: 'POST', body: form, headers });
      return { status: response.status, body: (await response.json()) as ImportPreview & { error?: { code: string; message: string; details?: unknown } } };
    },
    async commit(preview: Pick<ImportPreview, 'id' | 'targetVersion'>, body: Record<string, unknown> = {}) {
      const response = await app.request(`/api/imports/${preview.id}/commit`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { ...headers, 'Content-Type': 'application/json', ...(preview.targetVersion !== null ? { 'If-Match': `"v${preview.targetVersion}"` } : {}) },
      });
      return { status: response.status, body: (await response.json()) as ImportCommitResult & { error?: { code: string; message: string; details?: unknown } } };
    },
    get: (id: string) => app.request(`/api/imports/${id}`, { headers }),
    drop: (id: string) => app.request(`/api/imports/${id}`, { method: 'DELETE', headers }),
  };
}
