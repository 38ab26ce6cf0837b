import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';

/** How `npm run user:add` ended: exit code and what it printed. */
export interface UserAddRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run user:add` (its script, as npm would) with a database environment, answering
 * from standard input or at a terminal. A command still running after its test (a timeout) is
 * killed, so it cannot keep holding a data directory.
 */
export function useUserAdd(env: Record<string, string>) {
  const running = new Set<ChildProcess>();
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
    running.clear();
  });
  const start = (command: string, args: string[], extra: Record<string, string> = {}) => {
    const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env, ...extra } });
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
  };

  /** Standard input is a pipe holding `stdin`. */
  function run(args: string[], stdin = ''): Promise<UserAddRun> {
    return new Promise((resolve) => {
      const child = start(process.execPath, ['--import', 'tsx', 'scripts/user-add.ts', ...args]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });
  }

  /**
   * In a terminal (a pseudo-terminal made by util-linux's `script`), typing each answer once its
   * prompt shows: `screen` is everything the terminal displayed.
   */
  function runInTerminal(args: string[], answers: string[]): Promise<{ code: number | null; screen: string }> {
    return new Promise((resolve) => {
      const command = [process.execPath, '--import', 'tsx', 'scripts/user-add.ts', ...args].join(' ');
      const child = start('script', ['-qfec', command, '/dev/null'], { TERM: 'dumb' });
      const prompts = [/password for \S+: $/, /the same again: $/];
      let screen = '';
      let answered = 0;
      child.stdout.on('data', (chunk) => {
        screen += chunk;
        if (answered < answers.length && prompts[answered].test(screen)) child.stdin.write(`${answers[answered++]}\r`);
      });
      child.on('exit', (code) => resolve({ code, screen }));
    });
  }

  return { run, runInTerminal };
}
