/**
 * Opens the database named by the configuration: real PostgreSQL when DATABASE_URL is set, the
 * embedded PGlite default otherwise. Either way the rest of the service sees one knex instance.
 */
import type { Knex } from 'knex';
import { startEmbeddedDatabase } from './embedded.js';
import { createKnex, type DbTimeouts, type KnexLog } from './knex.js';

/**
 * The embedded database has one backend for all its connections, and interleaved extended-query
 * messages of two connections clobber each other's unnamed portals ("portal does not exist").
 * One connection serialises everything, which costs nothing there: PGlite runs one query at a
 * time anyway. (Code must then never wait on another query while it holds a transaction.)
 */
export const EMBEDDED_POOL_SIZE = 1;

export type Database = { knex: Knex; embedded: boolean; close: () => Promise<void> };

/** Which database to open: the configuration's fields of the same names (db/ stays below config.ts). */
export type DatabaseTarget = { databaseUrl: string | undefined; pgliteDir: string; dbPoolMax: number };

/**
 * `timeouts`: the API's limits on database work (main.ts passes them to the pools that serve
 * requests; migrations, seeds and the CLIs open without). Not on the embedded database: PGlite does
 * not enforce statement or lock timeouts, and its single connection is shared by the start-up seeding.
 */
export async function openDatabase(
  config: DatabaseTarget,
  { timeouts, log }: { timeouts?: DbTimeouts; log?: KnexLog } = {},
): Promise<Database> {
  if (config.databaseUrl) {
    const knex = createKnex(config.databaseUrl, config.dbPoolMax, { timeouts, log });
    return { knex, embedded: false, close: () => knex.destroy() };
  }
  const embedded = await startEmbeddedDatabase(config.pgliteDir, 8);
  const knex = createKnex(embedded.url, EMBEDDED_POOL_SIZE, { log });
  return {
    knex,
    embedded: true,
    close: async () => {
      await knex.destroy();
      await embedded.close();
    },
  };
}
