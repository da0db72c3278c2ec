/**
 * One database per test run, migrated and seeded once:
 * - with DATABASE_URL: a separate database "<name>_test" on that server (created if missing), so a
 *   test run never touches the data of the database DATABASE_URL names;
 * - without: the embedded PGlite default, in memory, served on a loopback socket.
 * Test files receive the URL through vitest's provide/inject.
 */
import type { TestProject } from 'vitest/node';
import knexFactory from 'knex';
import { loadConfig } from '../../server/config.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded.js';
import { createKnex, migrateLatest } from '../../server/db/knex.js';
import { loadReferenceData } from '../../server/ingest/reference-data.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    embedded: boolean;
  }
}

async function ensureTestDatabase(url: string): Promise<string> {
  const target = new URL(url);
  const name = `${target.pathname.slice(1) || 'postgres'}_test`.replace(/[^a-zA-Z0-9_]/g, '_');
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    const { rows } = await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [name]);
    if (rows.length === 0) await admin.raw(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.destroy();
  }
  target.pathname = `/${name}`;
  const testDb = knexFactory({ client: 'pg', connection: target.toString(), pool: { min: 0, max: 1 } });
  try {
    await testDb.raw(
      'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;',
    );
    // pgRouting is the routing tests' oracle on real PostgreSQL (CI installs postgresql-15-pgrouting)
    await testDb.raw('CREATE EXTENSION IF NOT EXISTS pgrouting').catch((e: Error) => console.warn(`pgrouting unavailable: ${e.message}`));
  } finally {
    await testDb.destroy();
  }
  return target.toString();
}

let embedded: EmbeddedDatabase | undefined;

export async function setup(project: TestProject) {
  const config = loadConfig();
  let url: string;
  if (config.databaseUrl) {
    url = await ensureTestDatabase(config.databaseUrl);
  } else {
    embedded = await startEmbeddedDatabase(null, 24);
    url = embedded.url;
  }
  const knex = createKnex(url, 2);
  try {
    await migrateLatest(knex);
    await loadReferenceData(knex, { dataDir: config.dataDir, embedded: !config.databaseUrl });
    await knex.raw('TRUNCATE addresses, address_density, address_versions, proposals, sessions, staff_wards, users CASCADE');
  } finally {
    await knex.destroy();
  }
  project.provide('databaseUrl', url);
  project.provide('embedded', !config.databaseUrl);
}

export async function teardown() {
  await embedded?.close();
}
