import { canConnect, withDatabase } from './client.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';

/** The machine's PostgreSQL as the CI and developer machines run it (trust auth). */
export const MACHINE_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface LocatePostgresOptions {
  /** An admin URL someone configured (TEST_DATABASE_URL, BENCH_DATABASE_URL): used as is. */
  url?: string;
  /** Tried when `url` is unset. Default MACHINE_POSTGRES_URL. */
  machineUrl?: string;
  /** Called once when the machine's server does not answer, e.g. to start an installed cluster. */
  startMachine?: () => void;
  /** Where an embedded server of its own lives when nothing else answers. */
  embedded: { dataDir: string; port: number };
}

export interface LocatedPostgres {
  /** Admin URL (database `postgres`) of the server found or started. */
  adminUrl: string;
  /** Stops the embedded server if one was started; nothing otherwise. */
  release(): Promise<void>;
}

/** A PostgreSQL for tests and benchmarks: the configured one, the machine's, or an embedded one. */
export async function locatePostgres(options: LocatePostgresOptions): Promise<LocatedPostgres> {
  const none = async (): Promise<void> => undefined;
  if (options.url) return { adminUrl: options.url, release: none };
  const machineUrl = options.machineUrl ?? MACHINE_POSTGRES_URL;
  if (await canConnect(machineUrl)) return { adminUrl: machineUrl, release: none };
  if (options.startMachine) {
    options.startMachine();
    if (await canConnect(machineUrl, 5_000)) return { adminUrl: machineUrl, release: none };
  }
  const embedded: EmbeddedPostgresHandle = await startEmbeddedPostgres(options.embedded);
  return { adminUrl: withDatabase(embedded.url, 'postgres'), release: () => embedded.stop() };
}
