import type { AuditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-sql.ts';
import type { Queryable, Sql } from '../db/client.ts';
import { applyMigration, createMigrationsTable, readMigrations, type Migration } from '../db/migrate.ts';
import { dropApplicationObjects, readApplicationTables, readTableShapes, type TableShape } from './backup-catalog.ts';
import { useCanonicalTextForms, type BackupHeader } from './backup-format.ts';
import { BackupRefusal, openBackup, type BackupLine } from './read-backup.ts';
import { checksumTable, quoteIdentifier, TableDigest } from './table-rows.ts';

export interface RestoreOptions {
  /** Replace whatever the database holds. Without it, only a database with no application tables is restored into. */
  replace: boolean;
  /** Whom the trail names for the restore (the command line: `cli`). */
  actor: AuditActor;
  /** The migrations this version knows (tests give others to stand for a newer schema). */
  migrations?: Migration[];
}

export interface RestoreResult {
  backupCreatedAt: string;
  tables: number;
  rows: number;
  /** Migrations newer than the backup, applied after its rows were loaded. */
  upgradedWith: string[];
}

/** Rows per INSERT, and a cap on a batch's text (the audit trail's rows can be large). */
const BATCH_ROWS = 1000;
const BATCH_CHARACTERS = 4_000_000;

/**
 * Restore a backup, all in one transaction: a refused, cut-off or damaged backup leaves the
 * database as it was.
 *
 * 1. The schema is built by the backup's own migrations (as this version has them), so its
 *    tables take its rows as they were.
 * 2. Rows are loaded with triggers off (`session_replication_role = replica`): the audit trail is
 *    append-only by trigger and the layer versions are bumped by triggers, and both must come
 *    back exactly as backed up, not be refused or bumped by the load. Foreign keys are triggers
 *    too, so tables load in any order; each table is checked against its checksum afterwards.
 * 3. Sequences are set to where they stood, migrations newer than the backup are applied, and a
 *    row is appended to the restored trail saying that the database was restored and from what.
 */
export async function restoreBackup(sql: Sql, file: string, options: RestoreOptions): Promise<RestoreResult> {
  const known = options.migrations ?? readMigrations();
  const backup = await openBackup(file);
  try {
    const { header } = backup;
    refuseNewerSchema(header, known);
    const existing = await readApplicationTables(sql);
    if (existing.length && !options.replace) {
      throw new BackupRefusal(`the database is not empty (${existing.length} tables, such as ${existing.slice(0, 3).join(', ')}): restoring replaces everything in it, the audit trail included; run again with --replace to do that`);
    }
    return await sql.begin(async (tx) => {
      await useCanonicalTextForms(tx);
      if (existing.length) await dropApplicationObjects(tx);
      await createMigrationsTable(tx);
      for (const migration of known.filter((candidate) => header.migrations.includes(candidate.name))) await applyMigration(tx, migration);
      const shapes = await matchSchema(tx, header);
      await turnTriggersOff(tx);
      await tx.unsafe(`TRUNCATE ${shapes.map((shape) => quoteIdentifier(shape.name)).join(', ')}`);
      const loaded = await loadRows(tx, shapes, backup.lines);
      await restoreSequences(tx, header);
      await checkRestoredTables(tx, shapes, loaded);
      await tx`SET LOCAL session_replication_role = origin`;
      const upgradedWith: string[] = [];
      for (const migration of known.filter((candidate) => !header.migrations.includes(candidate.name))) {
        await applyMigration(tx, migration);
        upgradedWith.push(migration.name);
      }
      const rows = [...loaded.values()].reduce((sum, table) => sum + table.rows, 0);
      await writeAudit(tx, options.actor, {
        action: 'restore',
        entity: 'database',
        entityId: header.createdAt,
        before: { replaced: existing.length > 0 },
        after: { backupCreatedAt: header.createdAt, migrations: header.migrations.at(-1) ?? null, tables: shapes.length, rows, upgradedWith },
      });
      return { backupCreatedAt: header.createdAt, tables: shapes.length, rows, upgradedWith };
    });
  } finally {
    backup.close();
  }
}

function refuseNewerSchema(header: BackupHeader, known: Migration[]) {
  const knownNames = new Set(known.map((migration) => migration.name));
  const unknown = header.migrations.filter((name) => !knownNames.has(name));
  if (unknown.length) {
    throw new BackupRefusal(
      `the backup is from a newer schema than this version of Renewal Atlas: it has migration ${unknown.join(', ')}, ` +
        `this version knows up to ${known.at(-1)?.name ?? 'none'}; restore it with the version that made it, or a newer one`,
    );
  }
}

/** The tables the backup's migrations made here must be the backup's: same names, same columns. */
async function matchSchema(tx: Queryable, header: BackupHeader): Promise<TableShape[]> {
  const here = new Map((await readTableShapes(tx)).map((shape) => [shape.name, shape]));
  return header.tables.map((table) => {
    const shape = here.get(table.name);
    const columns = (columns: TableShape['columns']) => columns.map((column) => `${column.name} ${column.type}`).join(', ');
    if (!shape || columns(shape.columns) !== columns(table.columns)) {
      throw new BackupRefusal(`the backup's table ${table.name} (${columns(table.columns)}) is not what this version's migrations make of it (${shape ? columns(shape.columns) : 'no such table'}): were migrations edited after they were applied?`);
    }
    return shape;
  });
}

async function turnTriggersOff(tx: Queryable) {
  try {
    await tx`SET LOCAL session_replication_role = replica`;
  } catch (error) {
    throw new BackupRefusal(`restoring loads rows with triggers off and needs a role allowed to do so (a superuser, or GRANT SET ON PARAMETER session_replication_role TO the role): ${(error as Error).message}`);
  }
}

async function loadRows(tx: Queryable, shapes: TableShape[], lines: AsyncGenerator<BackupLine>) {
  const byName = new Map(shapes.map((shape) => [shape.name, shape]));
  const loaded = new Map<string, { rows: number; sha256: string }>();
  let table: TableShape | undefined;
  let digest = new TableDigest();
  let batch: string[] = [];
  let batchCharacters = 0;
  const flush = async () => {
    if (batch.length) await tx.unsafe(insertStatement(table!), [`[${batch.join(',')}]`]);
    batch = [];
    batchCharacters = 0;
  };
  for await (const line of lines) {
    if (line.kind === 'start') {
      table = byName.get(line.start.table);
      if (!table || loaded.has(table.name)) throw new BackupRefusal(`the backup's rows for ${line.start.table} are not where its header says: it is damaged`);
      digest = new TableDigest();
    } else if (line.kind === 'row') {
      if (!table) throw new BackupRefusal('the backup holds rows outside any table: it is damaged');
      digest.add(line.text);
      batch.push(line.text);
      batchCharacters += line.text.length;
      if (batch.length >= BATCH_ROWS || batchCharacters >= BATCH_CHARACTERS) await flush();
    } else if (line.kind === 'end') {
      await flush();
      const sha256 = digest.hex();
      if (!table || line.end.end !== table.name || line.end.rows !== digest.rows || line.end.sha256 !== sha256) {
        throw new BackupRefusal(`the backup's rows for ${line.end.end} do not match their count and checksum: it is damaged`);
      }
      loaded.set(table.name, { rows: digest.rows, sha256 });
      table = undefined;
    } else {
      if (loaded.size !== shapes.length) break;
      return loaded;
    }
  }
  throw new BackupRefusal('the backup is cut off: it ends before its last table (was it copied whole?)');
}

/** One INSERT for a batch of rows sent as a JSON array of arrays; each text value cast to its column's type. */
function insertStatement(table: TableShape): string {
  const columns = table.columns.map((column) => quoteIdentifier(column.name)).join(', ');
  // Types from the catalog (format_type), names quoted; the rows are the one parameter.
  const values = table.columns.map((column, index) => `(r ->> ${index})::${column.type}`).join(', ');
  return `INSERT INTO ${quoteIdentifier(table.name)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements($1::text::json) AS r`;
}

async function restoreSequences(tx: Queryable, header: BackupHeader) {
  for (const sequence of header.sequences) {
    const name = quoteIdentifier(sequence.name);
    if (sequence.lastValue === null) {
      await tx`SELECT setval(${name}::regclass, (SELECT start_value FROM pg_sequences WHERE schemaname = 'public' AND sequencename = ${sequence.name}), false)`;
    } else {
      await tx`SELECT setval(${name}::regclass, ${sequence.lastValue}, true)`;
    }
  }
}

/** Read every restored table back and compare it with the backup, before anything commits. */
async function checkRestoredTables(tx: Queryable, shapes: TableShape[], loaded: Map<string, { rows: number; sha256: string }>) {
  for (const shape of shapes) {
    const restored = await checksumTable(tx, shape);
    const expected = loaded.get(shape.name)!;
    if (restored.rows !== expected.rows || restored.sha256 !== expected.sha256) {
      throw new Error(`the restored table ${shape.name} does not read back as backed up (${restored.rows} rows, ${expected.rows} expected): nothing was restored`);
    }
  }
}
