import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from '../../server/config.ts';

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

describe('accounts configuration', () => {
  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      return error as ConfigError;
    }
    return undefined;
  };

  it('refuses the default demo password when HOST is not loopback, naming DEMO_PASSWORD and HOST', () => {
    const error = refusal({ HOST: '0.0.0.0' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(1);
    expect(error!.problems[0]).toMatch(/^DEMO_PASSWORD: .*HOST is 0\.0\.0\.0/);
    expect(error!.message).not.toContain(DEFAULT_DEMO_PASSWORD);
  });

  it.each(['::', '192.168.1.20', 'atlas.example.org'])('refuses it on %s too', (host) => {
    expect(() => loadConfig({ HOST: host })).toThrow(/DEMO_PASSWORD/);
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1'])('allows it on the loopback address %s', (host) => {
    expect(loadConfig({ HOST: host })).toMatchObject({ demoAccounts: true, demoPassword: DEFAULT_DEMO_PASSWORD });
  });

  it('allows a non-loopback HOST with a demo password of its own', () => {
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_PASSWORD: 'our-own-demo-password' })).toMatchObject({ demoAccounts: true, demoPassword: 'our-own-demo-password' });
  });

  it('allows a non-loopback HOST without demo accounts', () => {
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_ACCOUNTS: 'false' }).demoAccounts).toBe(false);
  });

  it('makes demo accounts on the embedded database, and on DATABASE_URL only when asked', () => {
    const url = 'postgres://atlas:secret@db:5432/atlas';
    expect(loadConfig({}).demoAccounts).toBe(true);
    expect(loadConfig({ DATABASE_URL: url }).demoAccounts).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, DEMO_ACCOUNTS: 'true' }).demoAccounts).toBe(true);
    expect(loadConfig({ DATABASE_URL: url, HOST: '0.0.0.0' }).demoAccounts).toBe(false);
  });

  it('refuses DEMO_ACCOUNTS=true on DATABASE_URL with the default password beyond loopback', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://atlas:secret@db:5432/atlas', DEMO_ACCOUNTS: 'true', HOST: '0.0.0.0' })).toThrow(/DEMO_PASSWORD/);
  });

  it('refuses a demo password under 10 characters without echoing it', () => {
    const error = refusal({ DEMO_PASSWORD: 'short1234' });
    expect(error!.problems).toEqual(['DEMO_PASSWORD: must have at least 10 characters']);
    expect(error!.message).not.toContain('short1234');
  });

  it('reads PUBLIC_URL (http or https only) and TRUST_PROXY', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://atlas.example.org', TRUST_PROXY: 'true' })).toMatchObject({ publicUrl: 'https://atlas.example.org', trustProxy: true });
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://atlas.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
});

describe('npm start with the default demo password on a public interface', () => {
  it('stops before listening, naming DEMO_PASSWORD', async () => {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { PATH: process.env.PATH ?? '', HOST: '0.0.0.0', PORT: '0', DATA_DIR: '/nonexistent/atlas-config-test' },
      });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.stderr.on('data', (chunk) => (text += chunk));
      child.on('exit', (exitCode) => resolve({ code: exitCode, output: text }));
    });
    expect(code).toBe(2);
    expect(output).toMatch(/cannot start: invalid configuration:\n\s+- DEMO_PASSWORD: /);
    expect(output).not.toMatch(/listening on/);
  });
});
