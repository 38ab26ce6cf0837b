import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * One process at a time on an embedded data directory: two PGlite instances writing the same
 * files would corrupt it. The lock is a file holding the owner's PID; a lock whose process is gone
 * (a crash, a kill -9) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = lockFileOf(dataDir);
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readFileSync(lockFile, 'utf8'));
    if (isRunning(owner)) {
      throw new Error(`the data directory ${dataDir} is in use by another Renewal Atlas process (pid ${owner}); stop it first, or set DATA_DIR to another directory`);
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}

// Beside the directory, not in it: PGlite runs initdb only in an empty directory.
const lockFileOf = (dataDir: string) => `${dataDir.replace(/\/+$/, '')}.lock`;

/** The process holding a data directory now, if any: a tool can say so before trying to open it. */
export function findDataDirOwner(dataDir: string): number | undefined {
  try {
    const owner = Number(readFileSync(lockFileOf(dataDir), 'utf8'));
    return isRunning(owner) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
