/**
 * Opens the database named by the configuration: real PostgreSQL when DATABASE_URL is set, the
 * embedded PGlite default otherwise. Either way the rest of the service sees one knex instance.
 */
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { startEmbeddedDatabase } from './embedded.js';
import { createKnex } from './knex.js';

export type Database = { knex: Knex; embedded: boolean; close: () => Promise<void> };

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'pgliteDir' | 'dbPoolMax'>): Promise<Database> {
  if (config.databaseUrl) {
    const knex = createKnex(config.databaseUrl, config.dbPoolMax);
    return { knex, embedded: false, close: () => knex.destroy() };
  }
  const embedded = await startEmbeddedDatabase(config.pgliteDir, config.dbPoolMax + 2);
  const knex = createKnex(embedded.url, config.dbPoolMax);
  return {
    knex,
    embedded: true,
    close: async () => {
      await knex.destroy();
      await embedded.close();
    },
  };
}

export async function isSeeded(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw('SELECT EXISTS (SELECT 1 FROM wards) AS seeded');
  return rows[0].seeded as boolean;
}
