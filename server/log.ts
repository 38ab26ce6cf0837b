import type { Config } from './config.ts';

export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  error(message: string): void;
}

/** Plain lines on stderr/stdout: start-up progress is for a person watching a terminal. */
export function createLogger(level: Config['logLevel']): Logger {
  const stamp = () => new Date().toISOString().slice(11, 19);
  return {
    info: (message) => level !== 'silent' && console.log(`${stamp()} ${message}`),
    debug: (message) => level === 'debug' && console.log(`${stamp()} ${message}`),
    error: (message) => level !== 'silent' && console.error(`${stamp()} ${message}`),
  };
}
