import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import type { Sql } from '../db/client.ts';
import { readSequenceStates, readTableShapes } from './backup-catalog.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, useCanonicalTextForms, type BackupHeader, type BackupSummary } from './backup-format.ts';
import { readTableLines, TableDigest } from './table-rows.ts';

/**
 * Write every application table, the sequences and the schema level to `file`, from one
 * snapshot (a repeatable-read transaction: a server may keep writing meanwhile; the backup is
 * the database as it stood when it began). Written beside the file and renamed at the end, so
 * a file under that name is always complete. The file holds password hashes, session hashes
 * and the site's secrets: it is created readable by its owner only.
 */
export async function writeBackup(sql: Sql, file: string): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const output = createWriteStream(partial, { mode: 0o600 });
  gzip.pipe(output);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  try {
    const summary = await sql.begin('isolation level repeatable read read only', async (tx) => {
      await useCanonicalTextForms(tx);
      const header = await readHeader(tx);
      await write(JSON.stringify(header));
      const tables: BackupSummary['tables'] = {};
      for (const table of header.tables) {
        await write(JSON.stringify({ table: table.name }));
        const digest = new TableDigest();
        for await (const lines of readTableLines(tx, table)) {
          for (const line of lines) {
            digest.add(line);
            await write(line);
          }
        }
        tables[table.name] = { rows: digest.rows, sha256: digest.hex() };
        await write(JSON.stringify({ end: table.name, ...tables[table.name] }));
      }
      await write(JSON.stringify({ complete: true, tables: header.tables.length }));
      return { header, tables };
    });
    gzip.end();
    await once(output, 'close');
    await rename(partial, file);
    return summary;
  } catch (error) {
    gzip.destroy();
    output.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

async function readHeader(tx: Parameters<typeof useCanonicalTextForms>[0]): Promise<BackupHeader> {
  const [versions] = await tx<{ server: string; postgis: string | null }[]>`
    SELECT current_setting('server_version') AS server,
           (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`;
  const [schema] = await tx<{ migrated: boolean }[]>`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS migrated`;
  if (!schema.migrated) throw new Error('the database holds no Renewal Atlas schema (it was never migrated): there is nothing to back up');
  const migrations = await tx<{ name: string }[]>`SELECT name FROM schema_migrations ORDER BY name COLLATE "C"`;
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    source: { server: versions.server, postgis: versions.postgis },
    migrations: migrations.map((row) => row.name),
    tables: await readTableShapes(tx),
    sequences: await readSequenceStates(tx),
  };
}
