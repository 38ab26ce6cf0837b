import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupEnd, type BackupHeader, type TableEnd, type TableStart } from './backup-format.ts';

/** A backup that cannot be restored here, said in words an operator can act on. */
export class BackupRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusal';
  }
}

export type BackupLine = { kind: 'start'; start: TableStart } | { kind: 'row'; text: string } | { kind: 'end'; end: TableEnd } | { kind: 'complete'; complete: BackupEnd };

export interface OpenedBackup {
  header: BackupHeader;
  /** The lines after the header, each once, in file order. */
  lines: AsyncGenerator<BackupLine>;
  close(): void;
}

/** Open a backup file and read its header; the rest is read as the restore goes. */
export async function openBackup(file: string): Promise<OpenedBackup> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  const reader = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  input.on('error', (error) => gunzip.destroy(error));
  const raw = reader[Symbol.asyncIterator]();
  const close = () => {
    reader.close();
    input.destroy();
  };
  try {
    const first = await raw.next();
    const header = parseHeader(first.done ? '' : first.value);
    return { header, lines: classify(raw, file), close };
  } catch (error) {
    close();
    throw describeReadError(error, file);
  }
}

function parseHeader(line: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw new BackupRefusal('not a Renewal Atlas backup (its first line is not a backup header)');
  }
  if (header?.format !== BACKUP_FORMAT) throw new BackupRefusal('not a Renewal Atlas backup (its header names no backup format)');
  if (typeof header.formatVersion !== 'number' || header.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupRefusal(`the backup is written in format version ${header.formatVersion}, newer than this version of Renewal Atlas reads (${BACKUP_FORMAT_VERSION}): restore it with a newer version`);
  }
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables) || !Array.isArray(header.sequences)) {
    throw new BackupRefusal('not a Renewal Atlas backup (its header lacks the schema level, tables or sequences)');
  }
  return header as BackupHeader;
}

async function* classify(raw: AsyncIterator<string>, file: string): AsyncGenerator<BackupLine> {
  try {
    for (let next = await raw.next(); !next.done; next = await raw.next()) {
      const text = next.value;
      if (text.startsWith('[')) {
        yield { kind: 'row', text };
        continue;
      }
      const record = JSON.parse(text) as Partial<TableStart & TableEnd & BackupEnd>;
      if (typeof record.table === 'string') yield { kind: 'start', start: { table: record.table } };
      else if (typeof record.end === 'string') yield { kind: 'end', end: record as TableEnd };
      else if (record.complete === true) yield { kind: 'complete', complete: record as BackupEnd };
      else throw new BackupRefusal('the backup holds a line that is neither a row nor a table marker: it is damaged');
    }
  } catch (error) {
    throw describeReadError(error, file);
  }
}

function describeReadError(error: unknown, file: string): Error {
  if (error instanceof BackupRefusal) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new BackupRefusal(`no such backup file: ${file}`);
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return new BackupRefusal('not a Renewal Atlas backup, or a damaged one (not readable as gzip)');
  if (error instanceof SyntaxError) return new BackupRefusal('the backup holds a line that is not JSON: it is damaged');
  return error instanceof Error ? error : new Error(String(error));
}
