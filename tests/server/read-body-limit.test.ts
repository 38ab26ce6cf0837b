import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../server/errors.ts';
import { limitBodyChars, readJsonBody } from '../../server/http/read-body.ts';

/**
 * The body cap over a real socket, the way Node hands requests to the adapter: a declared
 * Content-Length is judged from the header alone, a chunked body is counted as it arrives.
 */
const LIMIT = 20;
let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.post('/echo', limitBodyChars(LIMIT), async (context) => context.json(await readJsonBody(context, z.object({ say: z.string() }), LIMIT)));
  app.onError((error, context) => (error instanceof ApiError ? context.json({ error: { code: error.code } }, error.status) : context.json({ error: { code: 'internal' } }, 500)));
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/**
 * Sends the body in the given pieces; with `declared`, as one Content-Length body, else chunked.
 * `finish: false` leaves the body unfinished, for an answer that must come from the header alone.
 */
function post(pieces: string[], declared?: number, finish = true): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (declared !== undefined) headers['Content-Length'] = String(declared);
    const outgoing = httpRequest({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    outgoing.on('error', reject);
    for (const piece of pieces) outgoing.write(piece);
    if (finish) outgoing.end();
  });
}

describe('limitBodyChars', () => {
  it('passes a body within the limit, declared or chunked', async () => {
    const body = JSON.stringify({ say: 'hi' });
    expect(await post([body], Buffer.byteLength(body))).toEqual({ status: 200, body: { say: 'hi' } });
    expect(await post([body.slice(0, 5), body.slice(5)])).toEqual({ status: 200, body: { say: 'hi' } });
  });

  it('refuses a declared length over the cap before reading the body', async () => {
    // Only 2 bytes are sent: the answer comes from the header alone.
    const answer = post(['{"'], LIMIT * 4 + 1, false);
    expect(await answer).toEqual({ status: 400, body: { error: { code: 'body_too_large' } } });
  });

  it('counts a chunked body and refuses it once it passes the cap', async () => {
    const pieces = Array.from({ length: 10 }, () => 'x'.repeat(20));
    expect(await post(['{"say":"', ...pieces, '"}'])).toEqual({ status: 400, body: { error: { code: 'body_too_large' } } });
  });

  it('applies the exact character limit once the body is read', async () => {
    const body = JSON.stringify({ say: 'x'.repeat(LIMIT) });
    expect(await post([body], Buffer.byteLength(body))).toEqual({ status: 400, body: { error: { code: 'body_too_large' } } });
  });
});
