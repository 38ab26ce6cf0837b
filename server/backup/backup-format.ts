import type { Queryable } from '../db/client.ts';
import type { SequenceState, TableShape } from './backup-catalog.ts';

/**
 * The backup file: gzip'd JSON lines, readable without pg_dump (which must match the server's
 * version and does not exist for the embedded database).
 *
 *   {"format":"renewal-atlas-backup","formatVersion":1, …header}      what, when, schema level, tables
 *   {"table":"towns"}                                                a table begins
 *   ["1","500108001","南坪街道",…]                                    one row: columns in text form
 *   {"end":"towns","rows":8,"sha256":"…"}                            its row count and checksum
 *   …every table…
 *   {"complete":true,"tables":42}                                    a cut-off file lacks this line
 */
export const BACKUP_FORMAT = 'renewal-atlas-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: { server: string; postgis: string | null };
  /** The migrations applied to the database backed up, in order: its schema level. */
  migrations: string[];
  tables: TableShape[];
  sequences: SequenceState[];
}

export interface TableStart {
  table: string;
}

export interface TableEnd {
  end: string;
  rows: number;
  sha256: string;
}

export interface BackupEnd {
  complete: true;
  tables: number;
}

/** What a backup held, table by table: also what a restore checks the restored tables against. */
export interface BackupSummary {
  header: BackupHeader;
  tables: Record<string, { rows: number; sha256: string }>;
}

/**
 * The same text forms on every server and session: instants in UTC, ISO dates, shortest exact
 * floats, hex bytea. Set in the transaction that writes or reads a backup.
 */
export async function useCanonicalTextForms(tx: Queryable): Promise<void> {
  await tx`SET LOCAL TimeZone = 'UTC'`;
  await tx`SET LOCAL DateStyle = 'ISO, YMD'`;
  await tx`SET LOCAL IntervalStyle = 'postgres'`;
  await tx`SET LOCAL extra_float_digits = 1`;
  await tx`SET LOCAL bytea_output = 'hex'`;
}
