import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditActor } from '../../server/audit/audit-actor.ts';
import { writeAudit } from '../../server/audit/audit-sql.ts';
import { readSequenceStates, readTableShapes } from '../../server/backup/backup-catalog.ts';
import { useCanonicalTextForms } from '../../server/backup/backup-format.ts';
import { restoreBackup } from '../../server/backup/restore-backup.ts';
import { readTableLines, TableDigest } from '../../server/backup/table-rows.ts';
import { writeBackup } from '../../server/backup/write-backup.ts';
import { createDatabase, type Sql } from '../../server/db/client.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded.ts';
import { readMigrations } from '../../server/db/migrate.ts';
import { useTestDatabase } from '../support/database.ts';

const { sql: source, kind, url } = useTestDatabase();
const actor: AuditActor = { userId: null, name: 'cli', role: 'cli', requestId: randomUUID() };
const folder = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
const backupFile = join(folder, 'source.jsonl.gz');
const opened: { sql: Sql; embedded?: EmbeddedDatabase }[] = [];
/** Starting a second embedded database and restoring into it takes a while on a busy machine. */
const RESTORE_TIMEOUT = 600_000;

/** Every application table's row count and checksum, and the sequences, read in one snapshot. */
async function snapshot(sql: Sql) {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    await useCanonicalTextForms(tx);
    const tables: Record<string, { rows: number; sha256: string; lastLine?: string }> = {};
    for (const shape of await readTableShapes(tx)) {
      const digest = new TableDigest();
      let lastLine: string | undefined;
      for await (const lines of readTableLines(tx, shape)) {
        for (const line of lines) {
          digest.add(line);
          lastLine = line;
        }
      }
      tables[shape.name] = { rows: digest.rows, sha256: digest.hex(), lastLine };
    }
    return { tables, sequences: await readSequenceStates(tx) };
  });
}

/** The restored database is the backed-up one, plus the trail's row saying it was restored. */
async function expectRestoredFrom(target: Sql, expected: Awaited<ReturnType<typeof snapshot>>) {
  const restored = await snapshot(target);
  const { audit_log: restoredTrail, ...restoredTables } = restored.tables;
  const { audit_log: expectedTrail, ...expectedTables } = expected.tables;
  const withoutLastLine = (tables: typeof restoredTables) => Object.fromEntries(Object.entries(tables).map(([name, { rows, sha256 }]) => [name, { rows, sha256 }]));
  expect(withoutLastLine(restoredTables)).toEqual(withoutLastLine(expectedTables));
  expect(restoredTrail.rows).toBe(expectedTrail.rows + 1);
  const trail = await target<{ action: string; actor: string; entity: string }[]>`SELECT action, actor, entity FROM audit_log ORDER BY id DESC LIMIT 1`;
  expect(trail[0]).toEqual({ action: 'restore', actor: 'cli', entity: 'database' });
  // The trail up to the restore's own row is the backed-up trail, byte for byte.
  expect(await trailChecksumWithoutLast(target)).toBe(expectedTrail.sha256);
  const sequences = (states: { name: string; lastValue: number | null }[]) => states.filter((state) => state.name !== 'audit_log_id_seq');
  expect(sequences(restored.sequences)).toEqual(sequences(expected.sequences));
  const trailSequence = restored.sequences.find((state) => state.name === 'audit_log_id_seq');
  expect(trailSequence?.lastValue).toBe((expected.sequences.find((state) => state.name === 'audit_log_id_seq')?.lastValue ?? 0) + 1);
}

async function trailChecksumWithoutLast(sql: Sql): Promise<string> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    await useCanonicalTextForms(tx);
    const shape = (await readTableShapes(tx)).find((candidate) => candidate.name === 'audit_log')!;
    const lines: string[] = [];
    for await (const batch of readTableLines(tx, shape)) lines.push(...batch);
    const digest = new TableDigest();
    for (const line of lines.slice(0, -1)) digest.add(line);
    return digest.hex();
  });
}

async function openEmbedded(): Promise<Sql> {
  const embedded = await startEmbeddedDatabase(':memory:');
  const sql = createDatabase({ url: embedded.url, embedded: true });
  opened.push({ sql, embedded });
  return sql;
}

/** A second database on the same server as the test database (`<name>2`), made if missing. */
async function openSecondPostgres(): Promise<Sql> {
  const second = new URL(url);
  const name = `${second.pathname.slice(1)}2`;
  second.pathname = `/${name}`;
  const [exists] = await source<{ found: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${name}) AS found`;
  if (!exists.found) await source.unsafe(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  const sql = createDatabase({ url: second.toString(), embedded: false, max: 2 });
  opened.push({ sql });
  return sql;
}

let sourceSnapshot: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  // Text that tries the format: quotes, backslashes, new lines, Chinese, JSON in JSON.
  await source.begin((tx) =>
    writeAudit(tx, actor, { action: 'update', entity: 'backup_test', entityId: 'x"\\\n1', before: { title: '老旧小区 "改造"\\\n', n: 0.1 + 0.2 }, after: null }),
  );
  await writeBackup(source, backupFile);
  sourceSnapshot = await snapshot(source);
}, RESTORE_TIMEOUT);

afterAll(async () => {
  for (const { sql, embedded } of opened) {
    await sql.end();
    await embedded?.stop();
  }
  rmSync(folder, { recursive: true, force: true });
});

describe(`backups of the ${kind} database`, () => {
  it('hold every table with its row count and checksum, as the database has them', async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]);
    expect(header.migrations).toEqual(readMigrations().map((migration) => migration.name));
    const ends = Object.fromEntries(lines.filter((line) => line.startsWith('{"end"')).map((line) => JSON.parse(line)).map((end) => [end.end, { rows: end.rows, sha256: end.sha256 }]));
    const live = Object.fromEntries(Object.entries(sourceSnapshot.tables).map(([name, { rows, sha256 }]) => [name, { rows, sha256 }]));
    expect(ends).toEqual(live);
    expect(Object.keys(ends)).toEqual(expect.arrayContaining(['audit_log', 'users', 'demands', 'population', 'layer_versions', 'schema_migrations']));
    expect(ends.population.rows).toBeGreaterThan(1000);
    expect(JSON.parse(lines.at(-1)!)).toEqual({ complete: true, tables: header.tables.length });
  });

  it(`restore into an empty ${kind} database: every table, version, sequence and audit row comes back`, async () => {
    const target = kind === 'embedded' ? await openEmbedded() : await openSecondPostgres();
    await restoreBackup(target, backupFile, { replace: kind === 'postgres', actor });
    await expectRestoredFrom(target, sourceSnapshot);

    // Restored triggers work again: the trail refuses to be edited, a write bumps its layer's version
    // (a layer without a row yet counts as version 0: the trigger's upsert starts it at 1).
    // The write first: on the embedded database's one connection, the refused DELETE is the last statement.
    const [before] = await target<{ version: number }[]>`SELECT coalesce((SELECT version::int FROM layer_versions WHERE layer = 'population'), 0) AS version`;
    await target`UPDATE population SET population = population WHERE id = (SELECT min(id) FROM population)`;
    const [after] = await target<{ version: number }[]>`SELECT coalesce((SELECT version::int FROM layer_versions WHERE layer = 'population'), 0) AS version`;
    expect(after.version).toBe(before.version + 1);
    await expect(target`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
  }, RESTORE_TIMEOUT);

  it('refuses a database that is not empty unless told to replace it, then replaces all of it', async () => {
    const target = opened[0].sql;
    await expect(restoreBackup(target, backupFile, { replace: false, actor })).rejects.toThrow(/not empty .*--replace/);
    await restoreBackup(target, backupFile, { replace: true, actor });
    await expectRestoredFrom(target, sourceSnapshot);
  }, RESTORE_TIMEOUT);

  it('refuses a backup from a newer schema, and a cut-off or foreign file, and changes nothing', async () => {
    const target = opened[0].sql;
    const unchanged = await snapshot(target);
    const older = readMigrations().slice(0, -1);
    await expect(restoreBackup(target, backupFile, { replace: true, actor, migrations: older })).rejects.toThrow(
      new RegExp(`newer schema .*${readMigrations().at(-1)!.name}.* knows up to ${older.at(-1)!.name}`),
    );
    const text = gunzipSync(readFileSync(backupFile)).toString('utf8');
    const cutOff = join(folder, 'cut-off.jsonl.gz');
    writeFileSync(cutOff, gzipSync(text.slice(0, Math.floor(text.length * 0.9))));
    await expect(restoreBackup(target, cutOff, { replace: true, actor })).rejects.toThrow(/cut off|damaged/);
    const tampered = join(folder, 'tampered.jsonl.gz');
    writeFileSync(tampered, gzipSync(text.replace(/"老旧小区/, '"新建小区')));
    await expect(restoreBackup(target, tampered, { replace: true, actor })).rejects.toThrow(/audit_log do not match their count and checksum/);
    const foreign = join(folder, 'foreign.jsonl.gz');
    writeFileSync(foreign, 'id,name\n1,x\n');
    await expect(restoreBackup(target, foreign, { replace: true, actor })).rejects.toThrow(/not a Renewal Atlas backup/);
    expect(await snapshot(target)).toEqual(unchanged);
  }, RESTORE_TIMEOUT);

  it.runIf(kind === 'postgres')('cross the engines: PostGIS → embedded → PostGIS gives back the same tables', async () => {
    const embedded = await openEmbedded();
    await restoreBackup(embedded, backupFile, { replace: false, actor });
    await expectRestoredFrom(embedded, sourceSnapshot);
    const fromEmbedded = join(folder, 'from-embedded.jsonl.gz');
    await writeBackup(embedded, fromEmbedded);
    const embeddedSnapshot = await snapshot(embedded);
    const target = opened[0].sql;
    await restoreBackup(target, fromEmbedded, { replace: true, actor });
    await expectRestoredFrom(target, embeddedSnapshot);
  }, RESTORE_TIMEOUT);
});
