import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const PROCESS_SCRIPT = fileURLToPath(new URL('./embedded-process.ts', import.meta.url));

/**
 * Start the embedded PostGIS in a child process and wait until it listens.
 * `dataDir` ':memory:' gives a throw-away database.
 */
export function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const child = fork(PROCESS_SCRIPT, [dataDir], {
    // The child is TypeScript as well: make sure it runs through tsx whoever started us.
    // Not the debugger's or `node --watch`'s flags (`npm run dev`): the database is not restarted on edits.
    execArgv: [...process.execArgv.filter((arg) => !/^--(inspect|watch)/.test(arg)), ...tsxLoaderArgs()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the embedded database exited during start-up (code ${code})`));
    child.once('exit', onExit);
    const onMessage = (message: { type?: string; port?: number; message?: string }) => {
      if (message?.type !== 'ready' && message?.type !== 'failed') return; // not our protocol
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (message.type !== 'ready') return reject(new Error(`the embedded database failed to start: ${message.message}`));
      resolve({
        url: `postgres://postgres:postgres@127.0.0.1:${message.port}/postgres`,
        stop: () => stopChild(child),
      });
    };
    child.on('message', onMessage);
  });
}

function tsxLoaderArgs(): string[] {
  const alreadyLoaded = process.execArgv.some((arg) => arg.includes('tsx'));
  return alreadyLoaded ? [] : ['--import', 'tsx'];
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.connected) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send({ type: 'shutdown' });
  });
}
