import { createDatabase } from '../../server/db/client.ts';

/**
 * The dashboard benchmark's own database beside BENCH_DATABASE_URL's (same server, its name with
 * `_dashboard` appended), created when missing, so its ten thousand projects never meet another
 * benchmark's data and what a stopped run left behind is its own to clear.
 */
export async function ensureDashboardDatabase(benchUrl: string): Promise<string> {
  const url = new URL(benchUrl);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || 'postgres'}_dashboard`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`cannot name a database after ${JSON.stringify(name)}`);
  const admin = createDatabase({ url: benchUrl, embedded: false });
  try {
    const [{ exists }] = await admin<{ exists: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${name}) AS exists`;
    // The name is checked above; CREATE DATABASE takes no parameters.
    if (!exists) await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}
