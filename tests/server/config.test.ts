import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('needs nothing: embedded database on port 8080', () => {
    expect(loadConfig({})).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined, dataDir: 'data', demoSeed: 20211223 });
  });

  it('takes a real database URL and a port', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://atlas:secret@db:5432/atlas', PORT: '9000' })).toMatchObject({
      databaseUrl: 'postgresql://atlas:secret@db:5432/atlas',
      port: 9000,
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('names every bad variable and never echoes its value', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@x/db', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems, message } = error as ConfigError;
      expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
      expect(message).not.toContain('hunter2');
    }
  });

  it('rejects ports out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
