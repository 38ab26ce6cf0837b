import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One process at a time on an embedded data directory: two PGlite instances writing the same
 * files would corrupt it. The lock is a file holding the owner's PID and its parent's; a lock
 * whose process is gone (a crash, a kill -9) is taken over.
 *
 * An owner whose parent is gone is an embedded database whose server was stopped while it was
 * still opening (`npm run dev` restarting on an edit): it closes as soon as it is open, so the
 * lock is waited for, up to `waitForOrphanMs`, rather than refused. A live owner with a live
 * parent is another server: refused at once.
 */
export async function lockDataDir(dataDir: string, { waitForOrphanMs = 120_000 } = {}): Promise<() => void> {
  const lockFile = lockFileOf(dataDir);
  const mine = `${process.pid} ${process.ppid}`;
  const giveUpAt = Date.now() + waitForOrphanMs;
  for (;;) {
    try {
      writeFileSync(lockFile, mine, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readLock(lockFile);
    if (!owner || !isRunning(owner.pid)) {
      writeFileSync(lockFile, mine);
      break;
    }
    const orphan = owner.parentPid !== undefined && !isRunning(owner.parentPid);
    if (!orphan || Date.now() > giveUpAt) {
      throw new Error(`the data directory ${dataDir} is in use by another Renewal Atlas process (pid ${owner.pid}); stop it first, or set DATA_DIR to another directory`);
    }
    await sleep(200);
  }
  return () => rmSync(lockFile, { force: true });
}

function readLock(lockFile: string): { pid: number; parentPid?: number } | undefined {
  try {
    const [pid, parentPid] = readFileSync(lockFile, 'utf8').trim().split(/\s+/).map(Number);
    return pid ? { pid, parentPid: parentPid || undefined } : undefined;
  } catch {
    return undefined; // removed between our write and our read: try again
  }
}

// Beside the directory, not in it: PGlite runs initdb only in an empty directory.
const lockFileOf = (dataDir: string) => `${dataDir.replace(/\/+$/, '')}.lock`;

/** The process holding a data directory now, if any: a tool can say so before trying to open it. */
export function findDataDirOwner(dataDir: string): number | undefined {
  try {
    const owner = readLock(lockFileOf(dataDir))?.pid;
    return owner !== undefined && isRunning(owner) ? owner : undefined;
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
