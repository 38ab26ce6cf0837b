import { AnalysisStore } from './analysis/analysis-store.ts';
import { GdalThread } from './exchange/gdal-thread.ts';
import type { Sql } from './db/client.ts';
import type { Logger } from './log.ts';
import { MemoCache } from './cache/memo-cache.ts';
import { JobRunner } from './siting/job-runner.ts';
import { SolverPool } from './siting/worker-pool.ts';
import { TileCache } from './tiles/tile-cache.ts';
import { supportsNativeMvt } from './tiles/tile-sql.ts';

/**
 * Everything an app keeps between requests, bound to its database: made here and only here, so
 * a test or a second app in the same process gets its own, and closing the app closes them.
 * Every cache is keyed by layer versions, so any number of processes may each hold one.
 */
export interface AppServices {
  /** Analysis inputs (demand, facilities, road network) and nearest distances. */
  analysis: AnalysisStore;
  /** Siting problems built from our data, per request and data versions (p = 3, 4, 5 read the data once). */
  sitingProblems: MemoCache;
  /** OGC collection extents per data version. */
  extents: MemoCache;
  /** Gzipped tiles per tile set, data version and address. */
  tiles: TileCache;
  /** Whether the database encodes MVT itself (asked once; a failed probe is asked again). */
  nativeMvt: () => Promise<boolean>;
  /** This process's siting jobs, solved on the pool's threads. */
  siting: JobRunner;
  solverPool: SolverPool;
  /** GDAL (WebAssembly) on its own thread, for exports: started by the first one. */
  gdal: GdalThread;
  /** The salt that turns a public user's address into the audit trail's pseudonym (read once). */
  addressSalt: () => Promise<string>;
  close(): Promise<void>;
}

/** At most two solving threads beside the request thread: the machines we run on have two cores. */
const SOLVER_THREADS = 2;

export function createAppServices(sql: Sql, log: Logger): AppServices {
  const solverPool = new SolverPool({ maxThreads: SOLVER_THREADS });
  const probes = new MemoCache(1);
  const secrets = new MemoCache(1);
  const gdal = new GdalThread();
  return {
    analysis: new AnalysisStore(sql),
    sitingProblems: new MemoCache(4),
    extents: new MemoCache(64),
    tiles: new TileCache(),
    nativeMvt: () => probes.get('native-mvt', () => supportsNativeMvt(sql)),
    addressSalt: () => secrets.get('address-salt', async () => (await sql<{ value: string }[]>`SELECT value FROM site_secrets WHERE name = 'address_salt'`)[0].value),
    siting: new JobRunner(sql, log, solverPool),
    solverPool,
    gdal,
    close: async () => {
      await Promise.all([solverPool.close(), gdal.close()]);
    },
  };
}
