import postgres from 'postgres';

export type Sql = postgres.Sql;
/** A pool or a transaction: what a query helper needs to run inside either. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

export interface DatabaseOptions {
  url: string;
  embedded: boolean;
  /** Pool size for a real server; the embedded one always gets a single connection. */
  max?: number;
}

/**
 * One postgres.js pool per process. The embedded database is a single PostgreSQL session behind
 * a multiplexer, so it gets one connection and no named prepared statements (they would collide
 * between multiplexed clients).
 */
export function createDatabase(options: DatabaseOptions): Sql {
  return postgres(options.url, {
    max: options.embedded ? 1 : (options.max ?? 10),
    prepare: !options.embedded,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: options.embedded ? 0 : 30,
    types: {
      // bigint ids and counts fit in a double for every table this product holds.
      bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
    },
  });
}
