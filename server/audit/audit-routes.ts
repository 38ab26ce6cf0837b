import { Hono } from 'hono';
import { z } from 'zod';
import { CONTROL_CHARACTERS } from '../../core/accounts/account-contract.ts';
import type { AuditPage } from '../../core/audit/audit-contract.ts';
import type { AppEnv } from '../app-env.ts';
import { readQuery } from '../http/read-query.ts';
import { readAuditPage } from './audit-sql.ts';

export const auditRoutes = new Hono<AppEnv>();

/** A record id or an actor's name, compared as text: no control characters (PostgreSQL refuses NUL). */
const name = z.string().min(1).max(80).refine((value) => !CONTROL_CHARACTERS.test(value), 'control characters are not allowed');
const instant = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((value) => new Date(value));
const auditQuerySchema = z.strictObject({
  entity: z.string().regex(/^[a-z_:]{1,60}$/, 'an entity is a lower-case name such as "feature:kindergartens"').optional(),
  id: name.optional(),
  actor: name.optional(),
  since: instant.optional(),
  until: instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The trail, newest first, filtered by record, actor and time. */
auditRoutes.get('/audit', async (context) => {
  const query = readQuery(context, auditQuerySchema);
  const page = await readAuditPage(context.get('deps').sql, {
    entity: query.entity,
    entityId: query.id,
    actor: query.actor,
    since: query.since,
    until: query.until,
    limit: query.limit,
    offset: query.offset,
  });
  return context.json({ ...page, limit: query.limit, offset: query.offset } satisfies AuditPage);
});
