/** The audit trail as `GET /api/audit` and a record's history show it. */
export interface AuditEntry {
  id: number;
  at: string;
  /** A username, or `public:<salted hash of the address>` for someone without an account. */
  actor: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string;
}

export interface AuditPage {
  total: number;
  limit: number;
  offset: number;
  items: AuditEntry[];
}
